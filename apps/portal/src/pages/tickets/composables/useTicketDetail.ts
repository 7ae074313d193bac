import { unexpectedErrorMessage } from '@covered/ui'
import { useQuery, useSubscription } from '@urql/vue'
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { PortalTicketDetailFragment } from '../../../gql/graphql'
import { PortalTicketChangedSubscription, PortalTicketQuery } from '../graphql/tickets'

export type TicketDetail = PortalTicketDetailFragment

/**
 * One ticket, live: loaded once, then replaced by every `ticketChanged` event (a staff reply, a status change, a
 * met or breached target) without a reload. Whatever arrives last wins unless it is older (a lower version).
 */
export function useTicketDetail(id: Ref<string>, options: { pause?: boolean } = {}) {
  const query = useQuery({
    query: PortalTicketQuery,
    variables: computed(() => ({ id: id.value })),
    requestPolicy: 'cache-and-network',
    pause: options.pause ?? false,
  })
  const ticket = shallowRef<TicketDetail | null>(null)
  // A ticket that does not exist or is not yours is null; an id that is not a ticket id at all (a mistyped address)
  // is refused as an invalid ID: to the person, both are "no such ticket".
  const badId = computed(() => {
    const error = query.error.value
    return !!error && !error.networkError && error.graphQLErrors.length > 0 && error.graphQLErrors.every((e) => e.message.startsWith('Invalid global ID'))
  })
  const notFound = computed(() => !ticket.value && (badId.value || (!!query.data.value && query.data.value.ticket === null && !query.error.value)))

  function accept(next: TicketDetail | null | undefined) {
    if (!next || next.id !== id.value) return
    if (ticket.value && ticket.value.id === next.id && next.version < ticket.value.version) return
    ticket.value = next
  }

  watch(id, () => (ticket.value = null))
  watch(() => query.data.value?.ticket, accept, { immediate: true })

  const live = useSubscription({
    query: PortalTicketChangedSubscription,
    variables: computed(() => ({ id: id.value })),
    // Only once the ticket is known to exist and be yours.
    pause: computed(() => !ticket.value),
  })
  // The stream failed (an error) or ended (the server went away): say so, and offer to reconnect.
  const lost = ref(false)
  watch(
    () => live.data.value?.ticketChanged,
    (next) => {
      lost.value = false
      accept(next)
    },
  )
  watch(
    () => live.error.value,
    (error) => {
      if (error) lost.value = true
    },
  )
  watch(
    () => live.fetching.value,
    (fetching, before) => {
      if (before && !fetching && !live.isPaused.value) lost.value = true
    },
  )

  const reconnecting = ref(false)
  async function reconnect() {
    reconnecting.value = true
    lost.value = false
    try {
      live.executeSubscription()
      // Catch up on anything missed meanwhile.
      await query.executeQuery({ requestPolicy: 'network-only' })
    } finally {
      reconnecting.value = false
    }
  }
  const onOnline = () => {
    if (lost.value) void reconnect()
  }
  window.addEventListener('online', onOnline)
  onScopeDispose(() => window.removeEventListener('online', onOnline))

  return {
    ticket,
    notFound,
    loading: computed(() => !ticket.value && !query.error.value && !notFound.value),
    error: computed(() => (query.error.value && !ticket.value && !notFound.value ? unexpectedErrorMessage(query.error.value) : null)),
    retry: () => query.executeQuery({ requestPolicy: 'network-only' }),
    /** Live updates stopped (the connection dropped); the page still shows the last known state. */
    liveLost: computed(() => lost.value && !!ticket.value),
    reconnecting,
    reconnect,
    /** A newer ticket from elsewhere (the reply's answer). */
    accept,
  }
}
