import { randomUUID } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { actorOf, type Viewer } from '../../context.js'
import { writeBeforeCommit } from '../../db/commit-batches.js'

/**
 * Everything that happens and that someone outside the request may want to hear of: notifications (email),
 * webhooks and reports. Event names are part of the public contract (webhook subscriptions use them).
 */
export const DOMAIN_EVENT_TYPES = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.reply_added',
  'ticket.assigned',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'quote.sent',
  'quote.accepted',
  'quote.declined',
  'quote.expiring',
  'contract.expiring',
] as const

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number]

/** What a service says happened. Only public facts go in `data`: internal notes never become events. */
export interface DomainEvent {
  type: DomainEventType
  customerId: string | null
  ticketId?: string | null
  quoteId?: string | null
  contractId?: string | null
  data: Record<string, unknown>
}

/** An event as stored: with its id (for deduplication by receivers), time and actor. */
export interface StoredDomainEvent extends DomainEvent {
  id: string
  occurredAt: Date
  actorKind: 'STAFF' | 'CONTACT' | 'TOKEN' | 'SYSTEM'
  actorId: string | null
}

/** A consumer that writes its own outbox rows (emails, webhook deliveries) with the change's transaction. */
export type DomainEventHandler = (manager: EntityManager, event: StoredDomainEvent) => Promise<void>

const handlers = new Set<DomainEventHandler>()

/** Registers a consumer of every domain event; returns a function that removes it again. */
export function onDomainEvent(handler: DomainEventHandler): () => void {
  handlers.add(handler)
  return () => handlers.delete(handler)
}

/**
 * Records an event in the caller's transaction and lets every consumer write its outbox rows in that same
 * transaction: if the change rolls back, so does every email and webhook it would have caused. In a transaction
 * of `withTransaction` the event's row is written with the others of the transaction just before it commits
 * (db/commit-batches.ts); its id is chosen here, so consumers can refer to it at once.
 */
export async function emitDomainEvent(manager: EntityManager, actor: Viewer | 'SYSTEM', at: Date, event: DomainEvent): Promise<StoredDomainEvent> {
  const { actorKind, actorId } = actor === 'SYSTEM' ? { actorKind: 'SYSTEM' as const, actorId: null } : actorOf(actor)
  const stored: StoredDomainEvent = { ...event, id: randomUUID(), occurredAt: at, actorKind, actorId }
  await writeBeforeCommit(manager, 'domain_events', [stored], (events) => insertDomainEvents(manager, events))
  for (const handler of handlers) await handler(manager, stored)
  return stored
}

/** Several events in one statement, in the order given (their `seq`). */
async function insertDomainEvents(manager: EntityManager, events: readonly StoredDomainEvent[]): Promise<void> {
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const rows = events.map((event) => {
    const values = [
      event.id, event.type, event.occurredAt, event.actorKind, event.actorId, event.customerId,
      event.ticketId ?? null, event.quoteId ?? null, event.contractId ?? null, JSON.stringify(event.data),
    ]
    return `(${values.map(param).join(', ')})`
  })
  await manager.query(
    `INSERT INTO domain_events (id, type, occurred_at, actor_kind, actor_id, customer_id, ticket_id, quote_id, contract_id, data) VALUES ${rows.join(', ')}`,
    params,
  )
}
