import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { liftFenceForTransaction } from '../../db/row-security.js'
import { ForbiddenError, TooManyAttemptsError } from '../../errors.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'

export interface ConsultingRequestRow {
  id: string
  organisation: string
  contact_name: string
  email: string
  phone: string | null
  message: string
  customer_id: string
  contact_id: string | null
  status: 'NEW' | 'QUOTED' | 'CLOSED'
  created_at: Date
}

const ConsultingInput = z.object({
  organisation: z.string().trim().min(1, 'Enter your organisation’s name.').max(200),
  name: z.string().trim().min(1, 'Enter your name.').max(200),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter an email address like name@example.com.')),
  phone: z.string().trim().max(50, 'Use at most 50 characters.').nullish(),
  message: z.string().trim().min(10, 'Tell us a little more: what would you like help with?').max(10_000, 'Keep the message to 10,000 characters.'),
  /** A field people never see; bots fill it in. */
  website: z.string().nullish(),
})

/** Requests per address per hour on the public form. */
export const CONSULTING_RATE = { perHour: 5 } as const

/**
 * The public consulting request form (no sign-in). A known contact's email links to its customer; anything else
 * becomes a new prospect with that contact. Spam is turned away by a honeypot field (answered as if accepted,
 * storing nothing) and a limit per address.
 */
export async function submitConsultingRequest(ctx: RequestContext, input: z.input<typeof ConsultingInput>): Promise<{ accepted: true; id: string | null }> {
  const data = parseInput(ConsultingInput, input)
  if (data.website) return { accepted: true, id: null }
  const hourAgo = new Date(ctx.now().getTime() - 3_600_000)
  const [recent]: { n: number }[] = await ctx.db.query('SELECT count(*)::int AS n FROM consulting_requests WHERE ip = $1 AND created_at > $2', [ctx.ip, hourAgo])
  if ((recent?.n ?? 0) >= CONSULTING_RATE.perHour) throw new TooManyAttemptsError(3600, 'requests from this address in the last hour')
  return withTransaction(ctx, async (manager) => {
    // A public form: someone signed in as a contact gets exactly what anyone else gets, so their organisation's
    // fence must neither hide a known contact of another organisation nor refuse the new prospect it creates.
    await liftFenceForTransaction(manager)
    const [known]: { id: string; customer_id: string }[] = await manager.query('SELECT id, customer_id FROM contacts WHERE lower(email) = lower($1)', [data.email])
    let customerId = known?.customer_id
    let contactId = known?.id ?? null
    if (!customerId) {
      const [customer]: { id: string }[] = await manager.query(
        `INSERT INTO customers (name, home_desk, currency) VALUES ($1, 'PACIFIC', 'USD') RETURNING id`,
        [data.organisation],
      )
      customerId = customer!.id
      const [contact]: { id: string }[] = await manager.query(
        `INSERT INTO contacts (customer_id, email, name) VALUES ($1, $2, $3) RETURNING id`,
        [customerId, data.email, data.name],
      )
      contactId = contact!.id
      await recordAudit(manager, ctx, { action: 'customer.created', entityType: 'Customer', entityId: customerId, customerId, after: { name: data.organisation, via: 'consulting request' } })
    }
    const [request]: { id: string }[] = await manager.query(
      `INSERT INTO consulting_requests (organisation, contact_name, email, phone, message, customer_id, contact_id, ip, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [data.organisation, data.name, data.email, data.phone ?? null, data.message, customerId, contactId, ctx.ip, ctx.now()],
    )
    return { accepted: true as const, id: request!.id }
  })
}

export async function listConsultingRequests(ctx: RequestContext, args: PageArgs & { status?: string | null }): Promise<Connection<ConsultingRequestRow>> {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff see consulting requests.')
  const page = pageRequest({ first: args.first, after: args.after })
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const where = ['TRUE']
  if (args.status) where.push(`status = ${param(args.status)}`)
  if (page.after) {
    const [at, id] = decodeCursor(page.after, 2)
    where.push(`(created_at, id) < (${param(String(at))}::timestamptz, ${param(String(id))}::uuid)`)
  }
  const rows: ConsultingRequestRow[] = await ctx.db.query(
    `SELECT * FROM consulting_requests WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${param(page.limit + 1)}`,
    params,
  )
  return toConnection(rows, page, (row) => encodeCursor([new Date(row.created_at).toISOString(), row.id]))
}
