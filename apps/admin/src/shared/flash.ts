import { shallowRef } from 'vue'

/** A one-shot message carried across a navigation ("Customer created."). */
const message = shallowRef<string | null>(null)

export function useFlash() {
  return {
    set(text: string) {
      message.value = text
    },
    /** Returns the message once and clears it. */
    take(): string | null {
      const text = message.value
      message.value = null
      return text
    },
  }
}
