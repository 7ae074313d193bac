import { OPEN_TICKET_STATUSES, TICKET_STATUS_OPTIONS } from '@covered/ui'
import { computed } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import type { Desk, EntitlementPlan, ScopeDecision, TicketCategory, TicketOrder, TicketStatus } from '../../../gql/graphql'
import { useSession } from '../../../session/session'

/** The queues staff work from: a desk's, their own, or every open ticket. */
export type QueueKey = 'pacific' | 'uk' | 'mine' | 'all'

export const QUEUES: readonly { key: QueueKey; label: string; desk: Desk | null }[] = [
  { key: 'pacific', label: 'Pacific desk', desk: 'PACIFIC' },
  { key: 'uk', label: 'UK desk', desk: 'UK' },
  { key: 'mine', label: 'Mine', desk: null },
  { key: 'all', label: 'All open', desk: null },
]

/** URL query keys: ?queue=uk&status=WAITING_ON_CUSTOMER&plan=PREMIUM&category=BUG&scope=IN_SCOPE&assignee=unassigned&risk=1&order=activity */
export type TicketFilterKey = 'queue' | 'status' | 'plan' | 'category' | 'scope' | 'assignee' | 'risk' | 'order'

/** The filters' own keys (not the queue): what "Clear filters" clears. */
export const FILTER_KEYS = ['status', 'plan', 'category', 'scope', 'assignee', 'risk', 'order'] as const

const STATUSES = TICKET_STATUS_OPTIONS.map((o) => o.value) as TicketStatus[]
const PLANS = ['PREMIUM', 'STANDARD', 'NOT_ENTITLED'] as const
const SCOPES = ['IN_SCOPE', 'NEEDS_PROFESSIONAL_SERVICES', 'NEEDS_REVIEW'] as const

/** The variables of the `tickets` query for a queue and its filters. */
export interface TicketQueueVariables {
  desk: Desk | null
  mine: boolean | null
  /** One person's tickets (a staff user id). */
  assigneeId: string | null
  statuses: TicketStatus[]
  plan: EntitlementPlan | null
  category: TicketCategory | null
  scope: ScopeDecision | null
  unassigned: boolean | null
  atRisk: boolean | null
  order: TicketOrder
}

function text(query: LocationQuery, key: TicketFilterKey): string {
  const value = query[key]
  return typeof value === 'string' ? value : ''
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null
}

/** Reads the queue and filters from the URL and writes changes back to it (replacing the history entry). */
export function useTicketFilters() {
  const route = useRoute()
  const router = useRouter()
  const session = useSession()

  /** Where a person starts: their desk's queue, or every open ticket for staff without a desk. */
  const defaultQueue = computed<QueueKey>(() => {
    const desk = session.staff.value?.desk
    return desk === 'PACIFIC' ? 'pacific' : desk === 'UK' ? 'uk' : 'all'
  })
  const queue = computed<QueueKey>(
    () => oneOf(text(route.query, 'queue'), QUEUES.map((q) => q.key)) ?? defaultQueue.value,
  )
  const queueInfo = computed(() => QUEUES.find((q) => q.key === queue.value)!)

  const variables = computed<TicketQueueVariables>(() => {
    const q = route.query
    const status = text(q, 'status')
    const assignee = queue.value === 'mine' ? '' : text(q, 'assignee')
    const statuses: TicketStatus[] =
      status === 'any' ? [...STATUSES] : oneOf(status, STATUSES) ? [status as TicketStatus] : [...OPEN_TICKET_STATUSES]
    const person = assignee && assignee !== 'mine' && assignee !== 'unassigned' ? assignee : null
    return {
      desk: queueInfo.value.desk,
      mine: queue.value === 'mine' || assignee === 'mine' ? true : null,
      assigneeId: person,
      statuses,
      plan: oneOf(text(q, 'plan'), PLANS),
      category: (text(q, 'category') || null) as TicketCategory | null,
      scope: oneOf(text(q, 'scope'), SCOPES),
      unassigned: assignee === 'unassigned' ? true : null,
      atRisk: text(q, 'risk') === '1' ? true : null,
      order: text(q, 'order') === 'activity' ? 'RECENT_ACTIVITY' : 'QUEUE',
    }
  })

  /** Any filter (not the queue or the order) narrows the list. */
  const filtered = computed(() => FILTER_KEYS.some((key) => key !== 'order' && text(route.query, key) !== ''))

  function merged(patch: Partial<Record<TicketFilterKey, string | null>>): LocationQueryRaw {
    const query: Record<string, string> = {}
    for (const [key, value] of Object.entries({ ...route.query, ...patch })) {
      if (typeof value === 'string' && value.trim() !== '') query[key] = value
    }
    return query
  }

  return {
    queue,
    queueInfo,
    variables,
    filtered,
    /** The raw URL value of one key ('' when unset), for the controls. */
    value: (key: TicketFilterKey) => text(route.query, key),
    /** The location of another queue, keeping the filters (for the queue tabs' links). */
    queueLocation: (key: QueueKey) => ({ name: 'tickets', query: merged({ queue: key }) }),
    update: (patch: Partial<Record<TicketFilterKey, string | null>>) => router.replace({ query: merged(patch) }),
    clear: () => router.replace({ query: merged(Object.fromEntries(FILTER_KEYS.filter((k) => k !== 'order').map((k) => [k, null]))) }),
  }
}
