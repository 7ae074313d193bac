import { unexpectedErrorMessage } from '@covered/ui'
import { useQuery, useSubscription } from '@urql/vue'
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { TicketDetailFragment } from '../../../gql/graphql'
import { TicketPageChangedSubscription, TicketPageQuery } from '../graphql/tickets'
import { useEvery, useLiveResubscribe } from './useLiveResubscribe'

export type TicketDetail = TicketDetailFragment

/** A load that failed is tried once more after this long. */
const RETRY_MS = 800
/** Business-time countdowns are brought up to date this often. */
const COUNTDOWN_REFRESH_MS = 60_000

/**
 * One ticket, kept current: loaded once, then replaced by whatever is newer — a `ticketChanged` event
 * (a customer's reply, someone else's change, an SLA warning or breach) or this page's own change.
 */
export function useTicketPage(id: Ref<string>) {
  const query = useQuery({
    query: TicketPageQuery,
    variables: computed(() => ({ id: id.value })),
    requestPolicy: 'cache-and-network',
  })
  const latest = shallowRef<TicketDetail | null>(null)

  /** Takes a ticket if it is this page's and not older than what is shown. */
  function accept(ticket: TicketDetail | null | undefined) {
    if (!ticket || ticket.id !== id.value) return
    if (latest.value && latest.value.id === ticket.id && latest.value.version > ticket.version) return
    latest.value = ticket
  }

  watch(id, () => (latest.value = null))
  watch(
    () => query.data.value,
    (data) => {
      if (data?.ticket) accept(data.ticket)
    },
    { immediate: true },
  )

  const subscription = useSubscription({
    query: TicketPageChangedSubscription,
    variables: computed(() => ({ id: id.value })),
  })
  watch(subscription.data, (data) => accept(data?.ticketChanged))

  const refresh = () => query.executeQuery({ requestPolicy: 'network-only' })

  // A load that fails is tried once more before the page says so (most failures pass in a moment).
  const retriedFor = ref<string | null>(null)
  const waiting = ref(false)
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => query.error.value,
    (error) => {
      if (!error || latest.value || retriedFor.value === id.value) return
      retriedFor.value = id.value
      waiting.value = true
      clearTimeout(retryTimer)
      retryTimer = setTimeout(() => {
        waiting.value = false
        void refresh()
      }, RETRY_MS)
    },
  )
  onScopeDispose(() => clearTimeout(retryTimer))
  const liveDown = useLiveResubscribe(subscription.error, () => subscription.executeSubscription(), () => void refresh())
  useEvery(COUNTDOWN_REFRESH_MS, () => void (latest.value && refresh()))

  const ticket = computed(() => (latest.value?.id === id.value ? latest.value : null))
  return {
    ticket,
    /** Loaded, and there is no such ticket (or it is not this person's to see). */
    missing: computed(() => !ticket.value && !query.fetching.value && !query.error.value && query.data.value?.ticket === null),
    error: computed(() =>
      !ticket.value && query.error.value && retriedFor.value === id.value && !waiting.value && !query.fetching.value
        ? unexpectedErrorMessage(query.error.value)
        : null,
    ),
    refresh,
    /** Shows a ticket a mutation of this page returned. */
    accept,
    /** The live connection is down (reconnecting). */
    liveDown,
  }
}
