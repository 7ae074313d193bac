import { formatTicketNumber } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import type { Viewer } from '../../context.js'
import type { TicketRow } from '../tickets/ticket.record.js'
import { emitDomainEvent, type DomainEventType } from './domain-events.js'

/** The facts every ticket event carries, so a receiver can route it without asking back. */
export function ticketFacts(row: TicketRow): Record<string, unknown> {
  return {
    number: formatTicketNumber(Number(row.number)),
    subject: row.subject,
    status: row.status,
    plan: row.plan,
    desk: row.desk,
    requesterId: row.requester_id,
    assigneeId: row.assignee_id ?? null,
    firstResponseDueAt: row.first_response_due_at ? new Date(row.first_response_due_at).toISOString() : null,
  }
}

/** Emits a ticket event with the ticket's facts and any extra data (in the caller's transaction). */
export function emitTicketEvent(
  manager: EntityManager,
  actor: Viewer | 'SYSTEM',
  at: Date,
  type: DomainEventType,
  row: TicketRow,
  data: Record<string, unknown> = {},
) {
  return emitDomainEvent(manager, actor, at, { type, customerId: row.customer_id, ticketId: row.id, data: { ...ticketFacts(row), ...data } })
}
