import { unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle, useQuery } from '@urql/vue'
import { computed, ref, shallowRef, watch } from 'vue'
import type { PortalTicketSummaryFragment, PortalTicketsQuery as PortalTicketsResult, TicketStatus } from '../../../gql/graphql'
import { PortalTicketsQuery } from '../graphql/tickets'

export type TicketSummary = PortalTicketSummaryFragment
type Page = PortalTicketsResult['tickets']

/**
 * One list of tickets, latest activity first, a page at a time ("Load more" follows the keyset cursor). The first
 * page is a live query (it refreshes after a change); later pages are appended and kept, each ticket shown once.
 */
export function useTicketList(statuses: readonly TicketStatus[], options: { pageSize?: number; pause?: boolean } = {}) {
  const pageSize = options.pageSize ?? 20
  const handle = useClientHandle()
  const query = useQuery({
    query: PortalTicketsQuery,
    variables: { statuses: [...statuses], first: pageSize, after: null },
    requestPolicy: 'cache-and-network',
    pause: options.pause ?? false,
  })

  // The last good first page: a refresh that fails keeps the list on screen.
  const first = shallowRef<Page | null>(null)
  watch(
    () => query.data.value,
    (data) => {
      if (data?.tickets) first.value = data.tickets
    },
    { immediate: true },
  )
  const more = shallowRef<Page[]>([])
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)

  const tickets = computed<TicketSummary[]>(() => {
    const seen = new Set<string>()
    const out: TicketSummary[] = []
    for (const page of [first.value, ...more.value]) {
      for (const edge of page?.edges ?? []) {
        if (seen.has(edge.node.id)) continue
        seen.add(edge.node.id)
        out.push(edge.node)
      }
    }
    return out
  })
  const lastPage = computed(() => more.value.at(-1) ?? first.value)

  async function loadMore() {
    const after = lastPage.value?.pageInfo.endCursor
    if (loadingMore.value || !after) return
    loadingMore.value = true
    loadMoreError.value = null
    try {
      const result = await handle.client
        .query(PortalTicketsQuery, { statuses: [...statuses], first: pageSize, after }, { requestPolicy: 'network-only' })
        .toPromise()
      if (result.error || !result.data) loadMoreError.value = unexpectedErrorMessage(result.error)
      else more.value = [...more.value, result.data.tickets]
    } finally {
      loadingMore.value = false
    }
  }

  return {
    tickets,
    loading: computed(() => !first.value && !query.error.value),
    error: computed(() => (query.error.value && !first.value ? unexpectedErrorMessage(query.error.value) : null)),
    hasMore: computed(() => !!lastPage.value?.pageInfo.hasNextPage),
    loadingMore,
    loadMoreError,
    loadMore,
    retry: () => query.executeQuery({ requestPolicy: 'network-only' }),
  }
}
