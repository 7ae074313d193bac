import type { EntityManager } from 'typeorm'
import { actorOf, type Viewer } from '../../context.js'

export type TimelineKind =
  | 'CREATED'
  | 'ENTITLEMENT'
  | 'SCOPE_DECIDED'
  | 'SCOPE_OVERRIDDEN'
  | 'SCOPE_REVIEWED'
  | 'ASSIGNED'
  | 'STATUS_CHANGED'
  | 'REPLIED'
  | 'NOTE_ADDED'
  | 'CUSTOMER_REPLIED'
  | 'SLA_PAUSED'
  | 'SLA_RESUMED'
  | 'SLA_MET'
  | 'SLA_WARNING'
  | 'SLA_BREACHED'
  | 'CALENDAR_CHANGED'
  | 'ARTICLES_CITED'

export interface TimelineEntry {
  kind: TimelineKind
  summary: string
  data?: Record<string, unknown>
  /** Internal happenings (notes, internal reasons) are hidden from customers. */
  customerVisible?: boolean
}

/** Appends entries to a ticket's timeline with the transaction's manager, in one statement. */
export async function recordTimeline(
  manager: EntityManager,
  ticketId: string,
  actor: Viewer | 'SYSTEM',
  at: Date,
  entries: TimelineEntry[],
): Promise<void> {
  if (!entries.length) return
  const { actorKind, actorId } = actor === 'SYSTEM' ? { actorKind: 'SYSTEM' as const, actorId: null } : actorOf(actor)
  const params: unknown[] = [ticketId, at, actorKind, actorId]
  const param = (value: unknown) => `$${params.push(value)}`
  // In the order given: the ids (a sequence) keep it for entries sharing one instant.
  const rows = entries.map(
    (entry) => `($1, $2, $3, $4, ${[entry.kind, entry.summary, JSON.stringify(entry.data ?? {}), entry.customerVisible ?? true].map(param).join(', ')})`,
  )
  await manager.query(
    `INSERT INTO ticket_events (ticket_id, at, actor_kind, actor_id, kind, summary, data, customer_visible) VALUES ${rows.join(', ')}`,
    params,
  )
}
