import { useKeysetList } from '@covered/ui'
import { computed, ref } from 'vue'
import type { PortalTicketSummaryFragment, TicketStatus } from '../../../gql/graphql'
import { PortalTicketsQuery } from '../graphql/tickets'

export type TicketSummary = PortalTicketSummaryFragment

/**
 * One list of tickets, latest activity first, a page at a time ("Load more" follows the keyset cursor). The first
 * page is a live query (it refreshes after a change); later pages are appended and kept, each ticket shown once,
 * and a refresh that fails keeps the list on screen.
 */
export function useTicketList(statuses: readonly TicketStatus[], options: { pageSize?: number; pause?: boolean } = {}) {
  const variables = computed(() => ({ statuses: [...statuses], first: options.pageSize ?? 20, after: null }))
  const list = useKeysetList(PortalTicketsQuery, variables, (data) => data.tickets, { pause: ref(options.pause ?? false), keepLoaded: true })
  return { tickets: list.items, ...list }
}
