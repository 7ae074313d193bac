import type { EntityManager } from 'typeorm'
import type { Viewer } from '../../context.js'
import type { QuoteRow } from '../services/quotes.service.js'
import { emitDomainEvent, type DomainEventType } from './domain-events.js'

/** Emits a quote event with what a receiver needs to say it: number, total, validity and its ticket. */
export function emitQuoteEvent(manager: EntityManager, actor: Viewer | 'SYSTEM', at: Date, type: DomainEventType, quote: QuoteRow, data: Record<string, unknown> = {}) {
  return emitDomainEvent(manager, actor, at, {
    type,
    customerId: quote.customer_id,
    quoteId: quote.id,
    ticketId: quote.ticket_id,
    data: {
      number: quote.number,
      status: quote.status,
      purpose: quote.purpose,
      totalMinor: Number(quote.total_minor),
      currency: quote.currency,
      validUntil: quote.valid_until,
      quotedMinutes: quote.quoted_minutes,
      ...data,
    },
  })
}
