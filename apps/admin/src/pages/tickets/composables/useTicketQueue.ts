import { unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle, useSubscription } from '@urql/vue'
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { Desk, TicketQueueItemFragment } from '../../../gql/graphql'
import { TicketQueueChangedSubscription, TicketQueueQuery } from '../graphql/tickets'
import type { TicketQueueVariables } from './useTicketFilters'
import { useEvery, useLiveResubscribe } from './useLiveResubscribe'

export const QUEUE_PAGE_SIZE = 25
/** A live refresh re-reads every row shown, up to this many. */
const MAX_WINDOW = 100
/** Changes arriving close together are taken in one refresh. */
const LIVE_DEBOUNCE_MS = 300
/** Business-time countdowns are brought up to date this often. */
const COUNTDOWN_REFRESH_MS = 60_000
/** A first load that failed is tried once more after this long. */
const RETRY_FIRST_MS = 800
/** A live refresh that failed is tried again after this long. */
const RETRY_MS = 3_000
/** How long a row that just changed stays highlighted. */
const HIGHLIGHT_MS = 4_000

/**
 * A ticket queue: the first page follows the queue and filters; "Load more" appends the next page by keyset
 * cursor; and the queue is live — each `queueChanged` event updates the row at once and re-reads the rows
 * shown (so new tickets appear, finished ones leave and the order stays right) without a reload.
 */
export function useTicketQueue(
  variables: Ref<TicketQueueVariables>,
  liveDesk: Ref<Desk | null>,
  options: { pageSize?: number; live?: boolean } = {},
) {
  const pageSize = options.pageSize ?? QUEUE_PAGE_SIZE
  const handle = useClientHandle()
  const tickets = shallowRef<TicketQueueItemFragment[]>([])
  const endCursor = ref<string | null>(null)
  const hasMore = ref(false)
  const loading = ref(true)
  const refreshing = ref(false)
  const error = ref<string | null>(null)
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)
  /** Rows changed by someone else a moment ago. */
  const changed = ref<ReadonlySet<string>>(new Set())
  let generation = 0
  const live = options.live ?? true
  let debounce: ReturnType<typeof setTimeout> | undefined

  const key = computed(() => JSON.stringify(variables.value))

  /** Reads the queue from the top: one page, or (`window`) as many rows as are shown now. */
  async function load(mode: 'first' | 'window', retried = false) {
    const current = ++generation
    const first = mode === 'window' ? Math.min(Math.max(tickets.value.length, pageSize), MAX_WINDOW) : pageSize
    if (mode === 'window') refreshing.value = true
    try {
      const result = await handle.client
        .query(TicketQueueQuery, { ...variables.value, first }, { requestPolicy: 'network-only' })
        .toPromise()
      if (current !== generation) return // the queue or filters changed meanwhile
      if (result.error || !result.data) {
        // A first load that fails is tried once more before saying so (most failures pass in a moment); a
        // failed live refresh keeps what is shown and tries again shortly.
        if (mode === 'first' && !retried) {
          await new Promise((resolve) => setTimeout(resolve, RETRY_FIRST_MS))
          if (current === generation) void load('first', true)
          return
        }
        if (mode === 'first' || !tickets.value.length) error.value = unexpectedErrorMessage(result.error)
        else if (live) {
          clearTimeout(debounce)
          debounce = setTimeout(() => void load('window'), RETRY_MS)
        }
        return
      }
      error.value = null
      const connection = result.data.tickets
      tickets.value = connection.edges.map((e) => e.node)
      endCursor.value = connection.pageInfo.endCursor ?? null
      hasMore.value = connection.pageInfo.hasNextPage
      loadMoreError.value = null
    } finally {
      if (current === generation) {
        loading.value = false
        refreshing.value = false
      }
    }
  }

  watch(
    key,
    () => {
      tickets.value = []
      endCursor.value = null
      hasMore.value = false
      loading.value = true
      error.value = null
      void load('first')
    },
    { immediate: true },
  )

  async function loadMore() {
    const after = endCursor.value
    if (!after || loadingMore.value) return
    loadingMore.value = true
    loadMoreError.value = null
    const current = generation
    try {
      const result = await handle.client
        .query(TicketQueueQuery, { ...variables.value, first: pageSize, after }, { requestPolicy: 'network-only' })
        .toPromise()
      if (current !== generation) return
      if (result.error || !result.data) {
        loadMoreError.value = unexpectedErrorMessage(result.error)
        return
      }
      const seen = new Set(tickets.value.map((t) => t.id))
      const next = result.data.tickets.edges.map((e) => e.node).filter((t) => !seen.has(t.id))
      tickets.value = [...tickets.value, ...next]
      endCursor.value = result.data.tickets.pageInfo.endCursor ?? null
      hasMore.value = result.data.tickets.pageInfo.hasNextPage
    } finally {
      loadingMore.value = false
    }
  }

  // ---- Live ----
  const highlightTimers = new Map<string, ReturnType<typeof setTimeout>>()

  function highlight(id: string) {
    changed.value = new Set([...changed.value, id])
    clearTimeout(highlightTimers.get(id))
    highlightTimers.set(
      id,
      setTimeout(() => {
        const next = new Set(changed.value)
        next.delete(id)
        changed.value = next
        highlightTimers.delete(id)
      }, HIGHLIGHT_MS),
    )
  }

  const subscription = useSubscription({
    query: TicketQueueChangedSubscription,
    variables: computed(() => ({ desk: liveDesk.value })),
    pause: !live,
  })

  /** Re-reads the rows shown, once changes stop arriving for a moment. */
  function refreshSoon() {
    clearTimeout(debounce)
    debounce = setTimeout(() => void load('window'), LIVE_DEBOUNCE_MS)
  }

  watch(subscription.data, (data) => {
    const ticket = data?.queueChanged
    if (!ticket) return
    // Show the change on its row at once; the refresh settles order and membership.
    const index = tickets.value.findIndex((t) => t.id === ticket.id)
    if (index >= 0 && tickets.value[index]!.version <= ticket.version) {
      const next = [...tickets.value]
      next[index] = ticket
      tickets.value = next
    }
    highlight(ticket.id)
    refreshSoon()
  })

  const liveDown = useLiveResubscribe(subscription.error, () => subscription.executeSubscription(), refreshSoon)
  if (live) useEvery(COUNTDOWN_REFRESH_MS, () => void (loading.value || load('window')))

  onScopeDispose(() => {
    clearTimeout(debounce)
    for (const timer of highlightTimers.values()) clearTimeout(timer)
  })

  return {
    tickets,
    hasMore,
    loading: computed(() => loading.value && !tickets.value.length && !error.value),
    refreshing,
    error,
    retry: () => {
      loading.value = true
      error.value = null
      return load('first')
    },
    loadMore,
    loadingMore,
    loadMoreError,
    changed,
    /** The live connection is up (no error). */
    liveError: liveDown,
  }
}
