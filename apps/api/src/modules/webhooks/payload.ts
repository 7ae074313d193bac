import type { DomainEventType, StoredDomainEvent } from '../events/domain-events.js'

/** A Relay global id (as the GraphQL API uses them), so a receiver can query the record back. */
export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64')
}

const TICKET_FACTS = ['number', 'subject', 'status', 'plan', 'desk', 'firstResponseDueAt'] as const
const QUOTE_FACTS = ['number', 'status', 'purpose', 'totalMinor', 'currency', 'validUntil', 'quotedMinutes'] as const

/**
 * What each event type may tell a receiver, key by key. Anything else in an event's data stays inside
 * (staff ids such as the assignee, which only staff may see). Internal notes never are events at all.
 */
export const PUBLIC_EVENT_FIELDS: Record<DomainEventType, readonly string[]> = {
  'ticket.created': TICKET_FACTS,
  'ticket.status_changed': [...TICKET_FACTS, 'from', 'to'],
  'ticket.reply_added': [...TICKET_FACTS, 'from', 'body'],
  'ticket.assigned': [...TICKET_FACTS, 'previousDesk', 'routed'],
  'ticket.sla_warning': [...TICKET_FACTS, 'target', 'kind', 'dueAt'],
  'ticket.sla_breached': [...TICKET_FACTS, 'target', 'kind', 'dueAt'],
  'quote.sent': QUOTE_FACTS,
  'quote.accepted': [...QUOTE_FACTS, 'note'],
  'quote.declined': [...QUOTE_FACTS, 'note'],
  'quote.expiring': [...QUOTE_FACTS, 'daysLeft'],
  'contract.expiring': ['kind', 'endDate', 'daysLeft', 'milestone', 'feeMinor', 'currency'],
}

export interface WebhookPayload {
  /** The domain event's id: the same on every retry and redelivery, for receivers to deduplicate. */
  id: string
  type: DomainEventType
  occurredAt: string
  data: Record<string, unknown>
}

/** The JSON body of a webhook: the event's public facts and the global ids of what it is about. */
export function webhookPayload(event: StoredDomainEvent): WebhookPayload {
  const data: Record<string, unknown> = {}
  if (event.customerId) data.customerId = globalId('Customer', event.customerId)
  if (event.ticketId) data.ticketId = globalId('Ticket', event.ticketId)
  if (event.quoteId) data.quoteId = globalId('Quote', event.quoteId)
  if (event.contractId) data.contractId = globalId('Contract', event.contractId)
  if (event.type === 'ticket.assigned') data.assigned = event.data.assigneeId != null
  if (typeof event.data.requesterId === 'string') data.requesterId = globalId('Contact', event.data.requesterId)
  for (const key of PUBLIC_EVENT_FIELDS[event.type]) {
    if (event.data[key] !== undefined) data[key] = event.data[key]
  }
  return { id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data }
}
