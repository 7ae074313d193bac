import { checkTimeEntry, contractFee, nextTerm, type Currency } from '@covered/domain'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ForbiddenError, NotFoundError, PolicyError } from '../../errors.js'
import { parseDateInput, parseInput } from '../../validation.js'
import { loadContracts } from '../contracts/contracts.service.js'
import { todayAtDesk } from '../customers/today.js'
import { publishTicketChanged } from '../tickets/pubsub.js'
import { lockTicket, reloadTicket } from '../tickets/tickets.queries.js'
import { applyTicketEvent } from '../tickets/workflow.service.js'
import { priceLines } from './quote-lines.js'
import { insertDraftQuote, quoteInTransaction, type QuoteRow } from './quotes.service.js'

const EscalateInput = z.object({
  ticketId: z.string(),
  estimatedHours: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, 'Estimate the hours, like 3 or 2.5.'),
  description: z.string().trim().max(500).nullish(),
})

/**
 * Escalates a ticket to Professional Services: the ticket waits for a quote decision (its clocks pause) and a
 * draft quote linked to it starts with the estimated hours at the rate card's rate.
 */
export const escalateTicket = service(async (ctx: RequestContext, input: z.input<typeof EscalateInput>): Promise<QuoteRow> => {
  const data = parseInput(EscalateInput, input)
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff escalate tickets.')
  const quote = await withTransaction(ctx, async (manager) => {
    const ticket = await lockTicket(manager, ctx, data.ticketId)
    await applyTicketEvent(manager, ctx, ticket, { type: 'ESCALATE' }, {}, [{ kind: 'STATUS_CHANGED', summary: 'Escalated to Professional Services: a quote is being prepared' }])
    return insertDraftQuote(manager, ctx, {
      customerId: ticket.customer_id,
      ticketId: ticket.id,
      purpose: 'SERVICES',
      lines: (currency) => priceLines(manager, currency, [{ kind: 'HOURS', quantity: data.estimatedHours, description: data.description || `Professional Services: ${ticket.subject}` }]),
    })
  })
  const ticket = await reloadTicket(ctx.db.manager, quote.ticket_id!)
  publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: 'escalated' })
  return quote
})

const LogTimeInput = z.object({
  ticketId: z.string(),
  minutes: z.number().int().min(1, 'Log at least 1 minute.').max(24 * 60, 'Log at most 24 hours in one entry.'),
  note: z.string().trim().min(1, 'Say what the time was spent on.').max(2000),
  workedOn: z.string().nullish(),
})

export interface LoggedTime {
  quote: QuoteRow
  minutes: number
  /** Set at 80% or more of the quoted hours. */
  warning: string | null
  remainingMinutes: number
}

/**
 * Logs Professional Services time on a ticket against its accepted quote (policy section 8): nothing is
 * delivered before a quote is accepted; a warning at 80% of the quoted hours; refused past 100% unless a
 * further accepted quote (a change order) covers it.
 */
export const logTime = service(async (ctx: RequestContext, input: z.input<typeof LogTimeInput>): Promise<LoggedTime> => {
  const data = parseInput(LogTimeInput, input)
  const viewer = ctx.viewer
  if (viewer.kind !== 'staff') throw new ForbiddenError('Only staff log time.')
  return withTransaction(ctx, async (manager) => {
    const ticket = await lockTicket(manager, ctx, data.ticketId)
    const accepted: { id: string; quoted_minutes: number }[] = await manager.query(
      `SELECT id, quoted_minutes FROM quotes WHERE ticket_id = $1 AND status = 'ACCEPTED' ORDER BY decided_at, id FOR UPDATE`,
      [ticket.id],
    )
    if (accepted.length === 0) {
      throw new PolicyError('No Professional Services time can be logged until the customer has accepted a quote for this ticket.', 'RULE_VIOLATION')
    }
    const [logged]: { minutes: number }[] = await manager.query(
      'SELECT coalesce(sum(minutes), 0)::int AS minutes FROM time_entries WHERE quote_id = ANY($1::uuid[])',
      [accepted.map((q) => q.id)],
    )
    const check = checkTimeEntry({
      quotedMinutes: accepted[0]!.quoted_minutes,
      changeOrderMinutes: accepted.slice(1).reduce((sum, q) => sum + q.quoted_minutes, 0),
      loggedMinutes: logged!.minutes,
      addMinutes: data.minutes,
    })
    if (check.outcome === 'REFUSED') throw new PolicyError(check.message, 'LIMIT_EXCEEDED')
    const workedOn = data.workedOn ? parseDateInput(data.workedOn, 'workedOn') : todayAtDesk(ctx, ticket.home_desk)
    // Entries go on the latest accepted quote, so a change order's time is visible on it.
    const quoteId = accepted[accepted.length - 1]!.id
    await manager.query(
      `INSERT INTO time_entries (quote_id, ticket_id, staff_id, minutes, note, worked_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [quoteId, ticket.id, viewer.id, data.minutes, data.note, workedOn, ctx.now()],
    )
    return {
      quote: await quoteInTransaction(manager, quoteId),
      minutes: data.minutes,
      warning: check.outcome === 'WARNING' ? check.message : null,
      remainingMinutes: check.remainingMinutes,
    }
  })
})

/** A renewal quote for a maintenance or premium contract, priced by the contract rules at today's license price. */
export const createRenewalQuote = service(async (ctx: RequestContext, contractId: string): Promise<QuoteRow> => {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff draft quotes.')
  const [contract] = await loadContracts(ctx, [contractId])
  if (!contract || contract instanceof Error) throw new NotFoundError('That contract')
  return withTransaction(ctx, async (manager) => {
    const [license]: { price_minor: string; currency: Currency }[] = await manager.query('SELECT price_minor, currency FROM licenses WHERE id = $1', [contract.licenseId])
    const fee = contractFee(contract.kind, { amountMinor: Number(license!.price_minor), currency: license!.currency })
    const term = nextTerm(contract.latestTerm)
    const label = contract.kind === 'MAINTENANCE' ? 'Maintenance' : 'Premium Support'
    return insertDraftQuote(manager, ctx, {
      customerId: contract.customerId,
      contractId: contract.id,
      purpose: 'RENEWAL',
      lines: async (currency) => {
        if (currency !== fee.currency) {
          throw new PolicyError(`The license is priced in ${fee.currency} but the customer is billed in ${currency}; quote it by hand.`, 'MIXED_CURRENCY')
        }
        return [{ kind: 'RENEWAL', description: `${label} renewal, ${term.start} to ${term.end}`, quantity: 1, unitPrice: fee, trainingModuleId: null }]
      },
    })
  })
})

