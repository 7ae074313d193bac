import { createPubSub } from 'graphql-yoga'

/** What subscribers hear: a ticket changed (its id, desk and customer, so each subscriber can filter). */
export interface TicketChanged {
  ticketId: string
  desk: string
  customerId: string
  /** Why, e.g. "reply", "status", "sla-breach". */
  reason: string
}

/**
 * In-process pub/sub for GraphQL subscriptions. Publishing happens after the transaction commits, so a
 * subscriber never hears of a change it cannot read yet.
 */
export const ticketEvents = createPubSub<{ ticketChanged: [TicketChanged] }>()

export function publishTicketChanged(event: TicketChanged): void {
  ticketEvents.publish('ticketChanged', event)
}
