import { todayInZone } from '@covered/ui'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { apiFilter, rangeError, readReportFilters, reportFiltersQuery, type ReportFilterState } from './reportFilters'

/**
 * The dashboard's filters, kept in the URL query (so a view can be shared, bookmarked and reloaded) and turned into
 * the API's filters: `dated` for reports over the date range (null while the range is wrong), `now` for reports
 * about today (backlog, tickets at risk, renewals), which take desk, plan and customer only.
 */
export function useReportFilters(today: () => string = () => todayInZone('UTC')) {
  const route = useRoute()
  const router = useRouter()

  const state = computed<ReportFilterState>(() => readReportFilters(route.query, today()))
  const error = computed(() => rangeError(state.value))

  function update(change: Partial<Omit<ReportFilterState, 'ignored'>>) {
    const next = { ...state.value, ...change }
    return router.replace({ query: reportFiltersQuery(next, today()) })
  }

  function reset() {
    return router.replace({ query: {} })
  }

  const dated = computed(() => (error.value ? null : { filter: apiFilter(state.value) }))
  const now = computed(() => ({ filter: { desk: state.value.desk, plan: state.value.plan, customerId: state.value.customerId } }))
  const csvRange = computed(() => ({ from: state.value.from, to: state.value.to }))
  const filtered = computed(() => Object.keys(route.query).length > 0)

  return { state, error, update, reset, dated, now, csvRange, filtered, today }
}
