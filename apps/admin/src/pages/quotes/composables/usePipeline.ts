import { QUOTE_STATUS_ORDER, unexpectedErrorMessage } from '@covered/ui'
import { useQuery } from '@urql/vue'
import { computed, shallowRef, watch, type Ref } from 'vue'
import { QuotePipelineQuery } from '../graphql/quotes'

export interface StatusTotals {
  status: string
  count: number
  /** Sums per currency in minor units (integers), in a stable order. */
  totals: { currency: string; amountMinor: number }[]
}

export interface DeliveredTotals {
  quotedMinutes: number
  loggedMinutes: number
}

/**
 * The pipeline of quotes created in the last `days` days, from the API's quotePipeline: counts and totals per status
 * and currency, and the hours delivered against the hours quoted on accepted quotes. The range ends a minute from
 * now, so a quote made a moment ago is in it.
 */
export function usePipeline(days: Ref<number>) {
  const range = shallowRef(rangeOf(days.value))
  watch(days, (value) => (range.value = rangeOf(value)))
  const query = useQuery({
    query: QuotePipelineQuery,
    variables: computed(() => range.value),
    requestPolicy: 'cache-and-network',
    context: { additionalTypenames: ['Quote'] },
  })

  const result = computed(() => query.data.value?.quotePipeline ?? null)
  const rows = computed(() => (result.value?.__typename === 'QueryQuotePipelineSuccess' ? result.value.rows : []))

  const byStatus = computed<StatusTotals[]>(() =>
    QUOTE_STATUS_ORDER.map((status) => {
      const mine = rows.value.filter((row) => row.status === status)
      const totals = mine
        .map((row) => ({ currency: row.currency as string, amountMinor: row.totalMinor }))
        .sort((a, b) => a.currency.localeCompare(b.currency))
      return { status, count: mine.reduce((sum, row) => sum + row.count, 0), totals }
    }),
  )

  /** Accepted quotes: hours delivered against hours quoted, whatever their currency. */
  const delivered = computed<DeliveredTotals & { count: number }>(() =>
    rows.value
      .filter((row) => row.status === 'ACCEPTED')
      .reduce(
        (sum, row) => ({
          count: sum.count + row.count,
          quotedMinutes: sum.quotedMinutes + Number(row.quotedMinutes),
          loggedMinutes: sum.loggedMinutes + Number(row.loggedMinutes),
        }),
        { count: 0, quotedMinutes: 0, loggedMinutes: 0 },
      ),
  )

  const error = computed(() => {
    if (query.error.value && !query.data.value) return unexpectedErrorMessage(query.error.value)
    if (result.value && result.value.__typename !== 'QueryQuotePipelineSuccess') return result.value.message
    return null
  })

  return {
    byStatus,
    delivered,
    /** The first answer is still on its way. */
    loading: computed(() => query.fetching.value && !query.data.value),
    /** A newer answer is on its way; the figures shown are the last ones. */
    refreshing: computed(() => query.fetching.value && !!query.data.value),
    error,
    reload: () => {
      range.value = rangeOf(days.value)
      return query.executeQuery({ requestPolicy: 'network-only' })
    },
  }
}

function rangeOf(days: number): { from: string; to: string } {
  const to = Date.now() + 60_000
  return { from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() }
}
