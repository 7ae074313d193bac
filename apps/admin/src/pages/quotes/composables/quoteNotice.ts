import { shallowRef } from 'vue'

export interface QuoteNotice {
  tone: 'success' | 'warning'
  text: string
}

/** A one-shot message carried across a navigation between quote pages ("Draft Q-2026-0003 saved."). */
const notice = shallowRef<QuoteNotice | null>(null)

export function useQuoteNotice() {
  return {
    set(tone: QuoteNotice['tone'], text: string) {
      notice.value = { tone, text }
    },
    take(): QuoteNotice | null {
      const value = notice.value
      notice.value = null
      return value
    },
  }
}
