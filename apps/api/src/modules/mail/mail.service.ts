import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { NotFoundError, ValidationError } from '../../errors.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { EMAIL_KINDS, PREFERENCE_BY_KIND, type EmailKind } from '../notifications/kinds.js'
import { preferencesUrl } from '../notifications/links.js'
import { renderEmail, type RenderedEmail } from '../notifications/render.js'
import { composeEmail, sampleModel } from '../notifications/templates.js'
import { queueEmail } from './outbox.js'

export type EmailStatus = 'QUEUED' | 'SENT' | 'FAILED'

export interface EmailMessageRow {
  id: string
  kind: string
  to_address: string
  to_name: string
  subject: string
  text_body: string
  html_body: string
  status: EmailStatus
  attempts: number
  next_attempt_at: Date
  last_error: string | null
  created_at: Date
  sent_at: Date | null
  ticket_id: string | null
  customer_id: string | null
}

export interface DeliveryAttemptRow {
  id: string
  email_id: string
  attempted_at: Date
  outcome: 'SENT' | 'FAILED'
  detail: string
}

const SELECT_MESSAGE = `SELECT id, kind, to_address, to_name, subject, text_body, html_body, status, attempts, next_attempt_at, last_error,
                               created_at, sent_at, ticket_id, customer_id FROM email_messages m`

export async function loadEmailMessages(ctx: RequestContext, ids: readonly string[]): Promise<(EmailMessageRow | NotFoundError)[]> {
  const wanted = ids.filter((id) => z.uuid().safeParse(id).success)
  const rows: EmailMessageRow[] = wanted.length ? await ctx.db.query(`${SELECT_MESSAGE} WHERE m.id = ANY($1::uuid[])`, [wanted]) : []
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That email'))
}

/** Every attempt of many messages in one statement, oldest first. */
export async function attemptsOfEmails(ctx: RequestContext, ids: readonly string[]): Promise<DeliveryAttemptRow[][]> {
  const rows: DeliveryAttemptRow[] = await ctx.db.query(
    `SELECT id::text, email_id, attempted_at, outcome, detail FROM email_delivery_attempts WHERE email_id = ANY($1::uuid[]) ORDER BY attempted_at, id`,
    [ids],
  )
  return ids.map((id) => rows.filter((row) => row.email_id === id))
}

export interface EmailFilter extends PageArgs {
  status?: EmailStatus | null
  kind?: string | null
  /** Part of the recipient's address or of the subject. */
  search?: string | null
}

/** The outbox, newest first, a keyset page at a time (email_messages_recent serves the order). */
export async function listEmailMessages(ctx: RequestContext, filter: EmailFilter): Promise<Connection<EmailMessageRow>> {
  if (filter.last != null || filter.before != null) throw new ValidationError([{ field: 'last', message: 'Sent mail pages forwards only: use first and after.' }])
  const page = pageRequest(filter)
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const where: string[] = ['TRUE']
  if (filter.status) where.push(`m.status = ${param(filter.status)}`)
  if (filter.kind) where.push(`m.kind = ${param(filter.kind)}`)
  const search = filter.search?.trim()
  if (search) {
    const pattern = param(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    where.push(`(m.to_address ILIKE ${pattern} OR m.subject ILIKE ${pattern})`)
  }
  if (page.after) {
    const [at, id] = decodeCursor(page.after, 2)
    where.push(`(m.created_at, m.id) < (${param(String(at))}::timestamptz, ${param(String(id))}::uuid)`)
  }
  const rows: EmailMessageRow[] = await ctx.db.query(
    `${SELECT_MESSAGE} WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT ${param(page.limit + 1)}`,
    params,
  )
  return toConnection(rows, page, (row) => encodeCursor([new Date(row.created_at).toISOString(), row.id]))
}

/** How many messages are in each status (for the page's summary). */
export async function emailCounts(ctx: RequestContext): Promise<Record<EmailStatus, number>> {
  const rows: { status: EmailStatus; n: number }[] = await ctx.db.query(`SELECT status, count(*)::int AS n FROM email_messages GROUP BY status`)
  const counts: Record<EmailStatus, number> = { QUEUED: 0, SENT: 0, FAILED: 0 }
  for (const row of rows) counts[row.status] = row.n
  return counts
}

export interface EmailPreview extends RenderedEmail {
  kind: EmailKind
  audience: 'CONTACT' | 'STAFF'
  recipientName: string
  timeZone: string
}

/** One kind rendered with sample data, as a recipient in the sample zone would get it. */
export function previewEmail(ctx: RequestContext, kind: EmailKind): EmailPreview {
  const definition = PREFERENCE_BY_KIND.get(kind)!
  const audience = definition.audience
  const now = ctx.now()
  const timeZone = audience === 'STAFF' ? 'Europe/London' : 'America/Los_Angeles'
  const recipientName = audience === 'STAFF' ? 'Sam Engineer' : 'Alex Doe'
  const base = ctx.config.publicUrl
  const link = `${base}/${audience === 'STAFF' ? 'admin' : 'portal'}/${kind.startsWith('QUOTE') ? 'quotes' : kind === 'CONTRACT_EXPIRING' ? 'contracts' : 'tickets'}`
  const rendered = renderEmail(composeEmail(sampleModel(kind, now), timeZone, link), {
    name: recipientName,
    why: audience === 'STAFF' ? 'You get this because CT-000123 is assigned to you.' : 'You get this because you asked the question in CT-000123.',
    preferencesUrl: preferencesUrl(base, audience),
    unsubscribeUrl: `${base}/email/unsubscribe?token=preview`,
  })
  return { ...rendered, kind, audience, recipientName, timeZone }
}

const SendPreviewInput = z.object({
  kind: z.enum(EMAIL_KINDS),
  to: z.string().trim().max(320, 'Keep the address under 320 characters.'),
})

/**
 * Queues one sample of a kind to an address (admins), to see it in a real mail client. A malformed address (or a
 * line break in it) is refused with a field error, and nothing is queued.
 */
export async function sendEmailPreview(ctx: RequestContext, input: z.input<typeof SendPreviewInput>): Promise<EmailMessageRow> {
  const data = parseInput(SendPreviewInput, input)
  const preview = previewEmail(ctx, data.kind)
  const id = await withTransaction(ctx, async (manager) => {
    const queued = await queueEmail(
      manager,
      { kind: `PREVIEW_${data.kind}`, to: { address: data.to, name: preview.recipientName }, subject: `[Preview] ${preview.subject}`, text: preview.text, html: preview.html },
      ctx.now(),
    )
    await recordAudit(manager, ctx, { action: 'email_preview.sent', entityType: 'email_message', entityId: queued!, customerId: null, after: { kind: data.kind, to: data.to } })
    return queued!
  })
  const [row] = await loadEmailMessages(ctx, [id])
  if (!row || row instanceof Error) throw new NotFoundError('That email')
  return row
}
