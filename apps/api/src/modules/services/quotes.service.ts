import {
  checkQuoteEditable,
  checkQuoteRevisable,
  checkQuoteTransition,
  DEFAULT_DESKS,
  formatQuoteNumber,
  todayIn,
  validUntilDefault,
  type Currency,
  type QuoteStatus,
} from '@covered/domain'
import type { DataSource, EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext, type Viewer } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import type { DeskCode } from '../../graphql/enums.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseDateInput, parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { todayAtDesk } from '../customers/today.js'
import { publishTicketChanged } from '../tickets/pubsub.js'
import { emitQuoteEvent } from '../events/quote-events.js'
import { reloadTicket } from '../tickets/tickets.queries.js'
import { recordTimeline } from '../tickets/timeline.js'
import { applyTicketEvent } from '../tickets/workflow.service.js'
import { LineInput, priceLines, writeLines, type PricedLine } from './quote-lines.js'

export interface QuoteLineRow {
  position: number
  kind: string
  description: string
  quantityHundredths: number
  unitPriceMinor: number
  totalMinor: number
}

export interface QuoteRow {
  id: string
  number: string
  customer_id: string
  ticket_id: string | null
  consulting_request_id: string | null
  contract_id: string | null
  purpose: 'SERVICES' | 'RENEWAL'
  currency: Currency
  status: QuoteStatus
  valid_until: string
  total_minor: string
  quoted_minutes: number
  supersedes_id: string | null
  superseded_by_id: string | null
  created_at: Date
  sent_at: Date | null
  decided_at: Date | null
  decided_by_contact_id: string | null
  decision_note: string | null
  version: number
  home_desk: DeskCode
  lines: QuoteLineRow[]
  logged_minutes: number
}

const SELECT_QUOTE = `
  SELECT q.id, q.number, q.customer_id, q.ticket_id, q.consulting_request_id, q.contract_id, q.purpose, q.currency, q.status,
         to_char(q.valid_until, 'YYYY-MM-DD') AS valid_until, q.total_minor, q.quoted_minutes, q.supersedes_id, q.superseded_by_id,
         q.created_at, q.sent_at, q.decided_at, q.decided_by_contact_id, q.decision_note, q.version, cu.home_desk,
         (SELECT coalesce(json_agg(json_build_object('position', l.position, 'kind', l.kind, 'description', l.description,
                   'quantityHundredths', l.quantity_hundredths, 'unitPriceMinor', l.unit_price_minor, 'totalMinor', l.total_minor)
                   ORDER BY l.position), '[]'::json) FROM quote_lines l WHERE l.quote_id = q.id) AS lines,
         (SELECT coalesce(sum(e.minutes), 0)::int FROM time_entries e WHERE e.quote_id = q.id) AS logged_minutes
    FROM quotes q JOIN customers cu ON cu.id = q.customer_id`

/** Staff see every quote; a customer sees its own once sent (never drafts). */
function quoteVisibilitySql(viewer: Viewer, param: (value: unknown) => string): string {
  if (viewer.kind === 'staff') return 'TRUE'
  if (viewer.kind === 'token') return viewer.customerId ? `q.customer_id = ${param(viewer.customerId)}::uuid` : 'TRUE'
  if (viewer.kind === 'contact') return `(q.customer_id = ${param(viewer.customerId)}::uuid AND q.status <> 'DRAFT')`
  return 'FALSE'
}

export async function loadQuotes(ctx: RequestContext, ids: readonly string[]): Promise<(QuoteRow | NotFoundError)[]> {
  const wanted = ids.filter((id) => z.uuid().safeParse(id).success)
  const params: unknown[] = [wanted]
  const param = (value: unknown) => `$${params.push(value)}`
  const rows: QuoteRow[] = wanted.length
    ? await ctx.db.query(`${SELECT_QUOTE} WHERE q.id = ANY($1::uuid[]) AND ${quoteVisibilitySql(ctx.viewer, param)}`, params)
    : []
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That quote'))
}

/** The quotes of many (visible) tickets in one statement, newest first: for Ticket.quotes. */
export async function quotesOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<QuoteRow[][]> {
  const params: unknown[] = [ticketIds]
  const param = (value: unknown) => `$${params.push(value)}`
  const rows: QuoteRow[] = await ctx.db.query(
    `${SELECT_QUOTE} WHERE q.ticket_id = ANY($1::uuid[]) AND ${quoteVisibilitySql(ctx.viewer, param)} ORDER BY q.created_at DESC, q.id DESC`,
    params,
  )
  return ticketIds.map((id) => rows.filter((row) => row.ticket_id === id))
}

export interface QuoteFilter extends PageArgs {
  status?: QuoteStatus | null
  customerId?: string | null
  ticketId?: string | null
}

/** Quotes, newest first, a keyset page at a time. */
export async function listQuotes(ctx: RequestContext, filter: QuoteFilter): Promise<Connection<QuoteRow>> {
  const page = pageRequest({ first: filter.first, after: filter.after })
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const where = [quoteVisibilitySql(ctx.viewer, param)]
  if (filter.status) where.push(`q.status = ${param(filter.status)}`)
  if (filter.customerId) where.push(`q.customer_id = ${param(filter.customerId)}::uuid`)
  if (filter.ticketId) where.push(`q.ticket_id = ${param(filter.ticketId)}::uuid`)
  if (page.after) {
    const [at, id] = decodeCursor(page.after, 2)
    where.push(`(q.created_at, q.id) < (${param(String(at))}::timestamptz, ${param(String(id))}::uuid)`)
  }
  const rows: QuoteRow[] = await ctx.db.query(
    `${SELECT_QUOTE} WHERE ${where.join(' AND ')} ORDER BY q.created_at DESC, q.id DESC LIMIT ${param(page.limit + 1)}`,
    params,
  )
  return toConnection(rows, page, (row) => encodeCursor([new Date(row.created_at).toISOString(), row.id]))
}

function requireStaff(viewer: Viewer): string {
  if (viewer.kind !== 'staff') throw new ForbiddenError('Only staff draft and send quotes.')
  return viewer.id
}

/**
 * Numbers a new quote with the next number of the year. Called last in the creating transaction: the counter
 * row stays locked until commit, so concurrent creations queue for the shortest time, numbers never repeat,
 * and a create that fails rolls its number back with it (no gap).
 */
async function assignQuoteNumber(manager: EntityManager, quoteId: string, year: number): Promise<string> {
  const [row]: { last: number }[] = await manager.query(
    `INSERT INTO quote_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = quote_counters.last + 1 RETURNING last`,
    [year],
  )
  const number = formatQuoteNumber(year, row!.last)
  await manager.query('UPDATE quotes SET number = $2, year = $3, seq = $4 WHERE id = $1', [quoteId, number, year, row!.last])
  return number
}

export async function quoteInTransaction(manager: EntityManager, id: string): Promise<QuoteRow> {
  const [row]: QuoteRow[] = await manager.query(`${SELECT_QUOTE} WHERE q.id = $1`, [id])
  return row!
}

/** Locks a quote the viewer may see (a contact never sees drafts). */
async function lockQuote(manager: EntityManager, ctx: RequestContext, id: string): Promise<QuoteRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('That quote')
  const params: unknown[] = [id]
  const param = (value: unknown) => `$${params.push(value)}`
  const [locked]: { id: string }[] = await manager.query(`SELECT q.id FROM quotes q WHERE q.id = $1 AND ${quoteVisibilitySql(ctx.viewer, param)} FOR UPDATE`, params)
  if (!locked) throw new NotFoundError('That quote')
  return quoteInTransaction(manager, id)
}

export interface NewQuote {
  customerId: string
  ticketId?: string | null
  consultingRequestId?: string | null
  contractId?: string | null
  purpose: 'SERVICES' | 'RENEWAL'
  lines: PricedLine[] | ((currency: Currency) => Promise<PricedLine[]>)
  validUntil?: string | null
  supersedesId?: string | null
}

/** Creates a draft with its number, in the caller's transaction. */
export async function insertDraftQuote(manager: EntityManager, ctx: RequestContext, quote: NewQuote): Promise<QuoteRow> {
  const staffId = requireStaff(ctx.viewer)
  const [customer]: { currency: Currency; home_desk: DeskCode }[] = await manager.query('SELECT currency, home_desk FROM customers WHERE id = $1', [quote.customerId])
  if (!customer) throw new NotFoundError('That customer')
  const lines = typeof quote.lines === 'function' ? await quote.lines(customer.currency) : quote.lines
  const validUntil = quote.validUntil
    ? parseDateInput(quote.validUntil, 'validUntil')
    : validUntilDefault(todayAtDesk(ctx, customer.home_desk))
  const now = ctx.now()
  const [inserted]: { id: string }[] = await manager.query(
    `INSERT INTO quotes (customer_id, ticket_id, consulting_request_id, contract_id, purpose, currency, status, valid_until, supersedes_id, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'DRAFT', $7, $8, $9, $10) RETURNING id`,
    [quote.customerId, quote.ticketId ?? null, quote.consultingRequestId ?? null, quote.contractId ?? null, quote.purpose, customer.currency, validUntil, quote.supersedesId ?? null, staffId, now],
  )
  await writeLines(manager, inserted!.id, customer.currency, lines)
  const number = await assignQuoteNumber(manager, inserted!.id, now.getUTCFullYear())
  await recordAudit(manager, ctx, { action: 'quote.created', entityType: 'Quote', entityId: inserted!.id, customerId: quote.customerId, after: { number, purpose: quote.purpose } })
  return quoteInTransaction(manager, inserted!.id)
}

const CreateQuoteInput = z.object({
  customerId: z.string(),
  ticketId: z.string().nullish(),
  consultingRequestId: z.string().nullish(),
  lines: z.array(LineInput).max(50),
  validUntil: z.string().nullish(),
})

export const createQuote = service(async (ctx: RequestContext, input: z.input<typeof CreateQuoteInput>): Promise<QuoteRow> => {
  requireStaff(ctx.viewer)
  const data = parseInput(CreateQuoteInput, input)
  if (!z.uuid().safeParse(data.customerId).success) throw new NotFoundError('That customer')
  return withTransaction(ctx, async (manager) => {
    if (data.consultingRequestId) {
      await manager.query(`UPDATE consulting_requests SET status = 'QUOTED' WHERE id = $1 AND customer_id = $2`, [data.consultingRequestId, data.customerId])
    }
    return insertDraftQuote(manager, ctx, {
      customerId: data.customerId,
      ticketId: data.ticketId,
      consultingRequestId: data.consultingRequestId,
      purpose: 'SERVICES',
      lines: (currency) => priceLines(manager, currency, data.lines),
      validUntil: data.validUntil,
    })
  })
})

const UpdateDraftInput = z.object({ quoteId: z.string(), lines: z.array(LineInput).max(50).nullish(), validUntil: z.string().nullish() })

/** Changes a draft's lines or validity; a sent quote is never edited (revise it instead). */
export const updateDraftQuote = service(async (ctx: RequestContext, input: z.input<typeof UpdateDraftInput>): Promise<QuoteRow> => {
  requireStaff(ctx.viewer)
  const data = parseInput(UpdateDraftInput, input)
  return withTransaction(ctx, async (manager) => {
    const quote = await lockQuote(manager, ctx, data.quoteId)
    checkQuoteEditable({ status: quote.status })
    if (data.lines) await writeLines(manager, quote.id, quote.currency, await priceLines(manager, quote.currency, data.lines))
    if (data.validUntil) await manager.query('UPDATE quotes SET valid_until = $2 WHERE id = $1', [quote.id, parseDateInput(data.validUntil, 'validUntil')])
    await manager.query('UPDATE quotes SET version = version + 1 WHERE id = $1', [quote.id])
    return quoteInTransaction(manager, quote.id)
  })
})

async function moveQuote(manager: EntityManager, ctx: RequestContext, quote: QuoteRow, to: QuoteStatus, extra: Record<string, unknown> = {}): Promise<void> {
  checkQuoteTransition(
    { status: quote.status, validUntil: quote.valid_until, lineCount: quote.lines.length, supersededByQuoteId: quote.superseded_by_id },
    to,
    todayAtDesk(ctx, quote.home_desk),
  )
  const columns = { status: to, ...extra }
  const names = Object.keys(columns)
  await manager.query(
    `UPDATE quotes SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')}, version = version + 1 WHERE id = $1`,
    [quote.id, ...Object.values(columns)],
  )
  await recordAudit(manager, ctx, {
    action: `quote.${to.toLowerCase()}`,
    entityType: 'Quote',
    entityId: quote.id,
    customerId: quote.customer_id,
    before: { status: quote.status },
    after: { status: to },
  })
}

export const sendQuote = service(async (ctx: RequestContext, quoteId: string): Promise<QuoteRow> => {
  requireStaff(ctx.viewer)
  return withTransaction(ctx, async (manager) => {
    const quote = await lockQuote(manager, ctx, quoteId)
    await moveQuote(manager, ctx, quote, 'SENT', { sent_at: ctx.now() })
    if (quote.ticket_id) {
      await recordTimeline(manager, quote.ticket_id, ctx.viewer, ctx.now(), [{ kind: 'STATUS_CHANGED', summary: `Quote ${quote.number} sent for acceptance` }])
    }
    const sent = await quoteInTransaction(manager, quote.id)
    await emitQuoteEvent(manager, ctx.viewer, ctx.now(), 'quote.sent', sent)
    return sent
  })
})

export const withdrawQuote = service(async (ctx: RequestContext, quoteId: string): Promise<QuoteRow> => {
  requireStaff(ctx.viewer)
  return withTransaction(ctx, async (manager) => {
    const quote = await lockQuote(manager, ctx, quoteId)
    await moveQuote(manager, ctx, quote, 'WITHDRAWN', { decided_at: ctx.now() })
    await resumeEscalatedTicket(manager, ctx, quote, `Quote ${quote.number} withdrawn`)
    return quoteInTransaction(manager, quote.id)
  })
})

/** A revision: a new draft with the same lines that supersedes a sent quote (which is withdrawn). */
export const reviseQuote = service(async (ctx: RequestContext, quoteId: string): Promise<QuoteRow> => {
  requireStaff(ctx.viewer)
  return withTransaction(ctx, async (manager) => {
    const quote = await lockQuote(manager, ctx, quoteId)
    checkQuoteRevisable({ status: quote.status, validUntil: quote.valid_until, supersededByQuoteId: quote.superseded_by_id })
    const lines: PricedLine[] = quote.lines.map((line) => ({
      kind: line.kind as PricedLine['kind'],
      description: line.description,
      quantity: line.quantityHundredths / 100,
      unitPrice: { amountMinor: Number(line.unitPriceMinor), currency: quote.currency },
      trainingModuleId: null,
    }))
    const revision = await insertDraftQuote(manager, ctx, {
      customerId: quote.customer_id,
      ticketId: quote.ticket_id,
      consultingRequestId: quote.consulting_request_id,
      contractId: quote.contract_id,
      purpose: quote.purpose,
      lines,
      supersedesId: quote.id,
    })
    if (quote.status === 'SENT') await moveQuote(manager, ctx, quote, 'WITHDRAWN', { superseded_by_id: revision.id, decided_at: ctx.now() })
    else await manager.query('UPDATE quotes SET superseded_by_id = $2 WHERE id = $1', [quote.id, revision.id])
    return quoteInTransaction(manager, revision.id)
  })
})

/** When the quote of an escalated ticket is decided, work on the ticket resumes (its clocks restart). */
async function resumeEscalatedTicket(manager: EntityManager, ctx: RequestContext, quote: QuoteRow, summary: string): Promise<void> {
  if (!quote.ticket_id) return
  const [ticket]: { status: string }[] = await manager.query('SELECT status FROM tickets WHERE id = $1 FOR UPDATE', [quote.ticket_id])
  if (ticket?.status !== 'ESCALATED') return
  const row = await reloadTicket(manager, quote.ticket_id)
  await applyTicketEvent(manager, ctx, row, { type: 'QUOTE_DECIDED' }, {}, [{ kind: 'STATUS_CHANGED', summary }])
}

const DecideInput = z.object({ quoteId: z.string(), note: z.string().trim().max(2000).nullish() })

/**
 * A customer's key contact or customer admin accepts or declines a sent quote; who and when are recorded.
 * Acceptance opens the ticket for time entries and moves it on.
 */
export const decideQuote = service(
  async (ctx: RequestContext, decision: 'ACCEPTED' | 'DECLINED', input: z.input<typeof DecideInput>): Promise<QuoteRow> => {
    const data = parseInput(DecideInput, input)
    const viewer = ctx.viewer
    if (viewer.kind !== 'contact') throw new ForbiddenError('A quote is accepted or declined by the customer, in the portal.')
    const result = await withTransaction(ctx, async (manager) => {
      const quote = await lockQuote(manager, ctx, data.quoteId)
      const [allowed]: { ok: boolean }[] = await manager.query(
        `SELECT ($2::boolean OR EXISTS (SELECT 1 FROM contract_key_contacts k JOIN contracts c ON c.id = k.contract_id
                  WHERE k.contact_id = $1 AND c.customer_id = $3)) AS ok`,
        [viewer.id, viewer.isCustomerAdmin, viewer.customerId],
      )
      if (!allowed?.ok) throw new ForbiddenError('Only a key contact or a customer admin of the organisation can accept or decline quotes.')
      await moveQuote(manager, ctx, quote, decision, { decided_at: ctx.now(), decided_by_contact_id: viewer.id, decision_note: data.note ?? null })
      await resumeEscalatedTicket(manager, ctx, quote, `Quote ${quote.number} ${decision === 'ACCEPTED' ? 'accepted' : 'declined'} by the customer`)
      const decided = await quoteInTransaction(manager, quote.id)
      await emitQuoteEvent(manager, viewer, ctx.now(), decision === 'ACCEPTED' ? 'quote.accepted' : 'quote.declined', decided, { note: data.note ?? null })
      return decided
    })
    if (result.ticket_id) {
      const ticket = await reloadTicket(ctx.db.manager, result.ticket_id)
      publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: 'quote' })
    }
    return result
  },
)

/** The scheduler marks sent quotes past their valid-until date (at the customer's desk) EXPIRED. */
export async function expireQuotes(db: DataSource, now: Date): Promise<number> {
  const result = await db.query(
    `UPDATE quotes q SET status = 'EXPIRED', version = q.version + 1
       FROM customers cu
      WHERE cu.id = q.customer_id AND q.status = 'SENT'
        AND q.valid_until < CASE cu.home_desk WHEN 'PACIFIC' THEN $1::date ELSE $2::date END`,
    [todayIn(DEFAULT_DESKS.PACIFIC.timeZone, now), todayIn(DEFAULT_DESKS.UK.timeZone, now)],
  )
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0
}

