import { QUOTE_STATUS_ORDER, unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle } from '@urql/vue'
import { computed, onMounted, ref, shallowRef } from 'vue'
import type { OperationResult } from '@urql/vue'
import type { AdminQuoteRowFragment, QuotePipelineQuery as QuotePipelineResult } from '../../../gql/graphql'
import { QuotePipelineQuery } from '../graphql/quotes'

/** The API pages hold at most 100 quotes. */
export const PIPELINE_PAGE_SIZE = 100
/** The pipeline counts at most this many pages (the newest quotes first) and says so when there are more. */
export const PIPELINE_MAX_PAGES = 20

export interface StatusTotals {
  status: string
  count: number
  /** Sums per currency in minor units (integers), in a stable order. */
  totals: { currency: string; amountMinor: number }[]
}

/**
 * Counts and totals per status and currency. The API has no pipeline totals of its own, so this pages through
 * every quote (newest first) and adds up the server's own integer totals; nothing is estimated. When there are
 * more quotes than it reads, `complete` is false and the page says which quotes the figures cover.
 */
export function usePipeline(pageSize = PIPELINE_PAGE_SIZE, maxPages = PIPELINE_MAX_PAGES) {
  const handle = useClientHandle()
  const quotes = shallowRef<AdminQuoteRowFragment[]>([])
  const loading = ref(false)
  const done = ref(false)
  const complete = ref(false)
  const error = ref<string | null>(null)
  let run = 0

  async function load() {
    const mine = ++run
    loading.value = true
    done.value = false
    error.value = null
    const seen: AdminQuoteRowFragment[] = []
    let after: string | null = null
    try {
      for (let page = 0; page < maxPages; page++) {
        const result: OperationResult<QuotePipelineResult> = await handle.client
          .query(QuotePipelineQuery, { first: pageSize, after }, { requestPolicy: 'network-only' })
          .toPromise()
        if (mine !== run) return
        if (result.error || !result.data) {
          error.value = unexpectedErrorMessage(result.error)
          return
        }
        seen.push(...result.data.quotes.edges.map((e) => e.node))
        quotes.value = [...seen]
        const info = result.data.quotes.pageInfo
        if (!info.hasNextPage || !info.endCursor) {
          complete.value = true
          done.value = true
          return
        }
        after = info.endCursor
      }
      complete.value = false
      done.value = true
    } finally {
      if (mine === run) loading.value = false
    }
  }

  onMounted(() => void load())

  const byStatus = computed<StatusTotals[]>(() =>
    QUOTE_STATUS_ORDER.map((status) => {
      const sums = new Map<string, number>()
      let count = 0
      for (const quote of quotes.value) {
        if (quote.status !== status) continue
        count++
        sums.set(quote.total.currency, (sums.get(quote.total.currency) ?? 0) + Number(quote.total.amountMinor))
      }
      const totals = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }))
      return { status, count, totals }
    }),
  )

  /** Accepted quotes: what was delivered against what was quoted. */
  const accepted = computed(() => quotes.value.filter((q) => q.status === 'ACCEPTED'))

  return {
    quotes,
    byStatus,
    accepted,
    /** Still reading pages (figures so far are partial). */
    loading,
    /** Finished reading (all pages, or the cap). */
    done,
    /** Every quote was read. */
    complete,
    error,
    reload: load,
  }
}
