import { addCalendarDays } from '@covered/domain'
import { todayInZone } from '@covered/ui'
import { useClientHandle, useQuery } from '@urql/vue'
import { computed, ref, shallowRef, watch, type ComputedRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { MyReportTicketsQuery as Result } from '../../../gql/graphql'
import { MyReportTicketsQuery } from '../graphql/report'

export const MONTH_CHOICES = ['3', '6', '12'] as const
export const DEFAULT_MONTHS = '6'

/**
 * The report covers whole months up to today (UTC): this month and the months before it, so every month in the
 * chart is complete but the current one. The choice lives in the URL (?months=12).
 */
export function useReportRange(today: () => string = () => todayInZone('UTC')) {
  const route = useRoute()
  const router = useRouter()
  const months = computed({
    get: () => {
      const value = route.query.months
      return typeof value === 'string' && (MONTH_CHOICES as readonly string[]).includes(value) ? value : DEFAULT_MONTHS
    },
    set: (value: string) => void router.replace({ query: { ...route.query, months: value === DEFAULT_MONTHS ? undefined : value } }),
  })
  const range = computed(() => {
    const end = today()
    const [y, m] = end.split('-').map(Number) as [number, number]
    const first = new Date(Date.UTC(y, m - 1 - (Number(months.value) - 1), 1)).toISOString().slice(0, 10)
    return { from: first, to: end }
  })
  const filter = computed(() => ({ filter: { from: `${range.value.from}T00:00:00.000Z`, to: `${addCalendarDays(range.value.to, 1)}T00:00:00.000Z` } }))
  return { months, range, filter }
}

type Edge = Extract<Result['reportTickets'], { __typename: 'QueryReportTicketsSuccess' }>['data']['edges'][number]
export type ReportTicket = Edge['node']

/** The organisation's tickets in the range, newest first, 25 at a time with "Show more". */
export function useReportTickets(variables: ComputedRef<{ filter: { from: string; to: string } } | null>) {
  const handle = useClientHandle()
  const first = useQuery({
    query: MyReportTicketsQuery,
    variables: computed(() => variables.value ?? { filter: { from: '', to: '' } }),
    pause: computed(() => variables.value === null),
    requestPolicy: 'cache-and-network',
  })
  const more = shallowRef<ReportTicket[]>([])
  const cursor = ref<string | null>(null)
  const hasMore = ref(false)
  const loadingMore = ref(false)
  const moreError = ref<string | null>(null)

  const page = computed(() => {
    const result = first.data.value?.reportTickets
    return result?.__typename === 'QueryReportTicketsSuccess' ? result.data : null
  })
  watch(
    page,
    (value) => {
      more.value = []
      cursor.value = value?.pageInfo.endCursor ?? null
      hasMore.value = value?.pageInfo.hasNextPage ?? false
    },
    { immediate: true },
  )

  async function loadMore() {
    if (!cursor.value || loadingMore.value || !variables.value) return
    loadingMore.value = true
    moreError.value = null
    try {
      const result = await handle.client.query(MyReportTicketsQuery, { ...variables.value, after: cursor.value }, { requestPolicy: 'network-only' }).toPromise()
      const next = result.data?.reportTickets
      if (result.error || next?.__typename !== 'QueryReportTicketsSuccess') {
        moreError.value = 'More tickets could not be loaded just now. Please try again.'
        return
      }
      more.value = [...more.value, ...next.data.edges.map((e) => e.node)]
      cursor.value = next.data.pageInfo.endCursor ?? null
      hasMore.value = next.data.pageInfo.hasNextPage
    } finally {
      loadingMore.value = false
    }
  }

  const tickets = computed(() => [...(page.value?.edges.map((e) => e.node) ?? []), ...more.value])
  const failed = computed(() => {
    const result = first.data.value?.reportTickets
    return result && result.__typename !== 'QueryReportTicketsSuccess' ? result.message : null
  })
  return {
    tickets,
    hasMore,
    loadMore,
    loadingMore,
    moreError,
    loading: computed(() => first.fetching.value && !first.data.value),
    refreshing: computed(() => first.fetching.value && !!first.data.value),
    error: computed(() => (first.error.value && !first.data.value ? 'Your tickets could not be loaded just now.' : failed.value)),
    retry: () => first.executeQuery({ requestPolicy: 'network-only' }),
  }
}
