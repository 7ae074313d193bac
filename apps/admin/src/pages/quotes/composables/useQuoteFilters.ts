import { QUOTE_STATUS_ORDER } from '@covered/ui'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { QuoteStatus } from '../../../gql/graphql'

/** The periods the pipeline can count, in days (the API takes ranges of at most 731 days). */
export const PIPELINE_PERIODS = [
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 12 months' },
  { value: '730', label: 'Last 2 years' },
] as const
export const DEFAULT_PIPELINE_DAYS = 365

/** "Last 12 months" */
export function pipelinePeriodLabel(days: number): string {
  return PIPELINE_PERIODS.find((p) => Number(p.value) === days)?.label ?? `Last ${days} days`
}

/**
 * The table's status filter and the pipeline's period live in the URL (?status=SENT&days=90), so a filtered view
 * can be shared and reloaded.
 */
export function useQuoteFilters() {
  const route = useRoute()
  const router = useRouter()

  const status = computed<QuoteStatus | null>(() => {
    const value = route.query.status
    return typeof value === 'string' && (QUOTE_STATUS_ORDER as readonly string[]).includes(value) ? (value as QuoteStatus) : null
  })

  const days = computed<number>(() => {
    const value = route.query.days
    return PIPELINE_PERIODS.some((p) => p.value === value) ? Number(value) : DEFAULT_PIPELINE_DAYS
  })

  function setQuery(name: 'status' | 'days', next: string | null) {
    const query = { ...route.query }
    if (next) query[name] = next
    else delete query[name]
    return router.replace({ query })
  }

  return {
    status,
    setStatus: (next: string | null) => setQuery('status', next),
    days,
    setDays: (next: number) => setQuery('days', next === DEFAULT_PIPELINE_DAYS ? null : String(next)),
  }
}
