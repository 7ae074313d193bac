import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { writeBeforeCommit } from '../../db/commit-batches.js'
import { recordAudit } from '../audit/audit.js'
import { newSecret } from '../accounts/secrets.js'
import { DOMAIN_EVENT_TYPES, onDomainEvent, type StoredDomainEvent } from '../events/domain-events.js'
import { webhookPayload } from './payload.js'

export const SIGNING_SECRET_PREFIX = 'whsec_'
/** How long a delivery is retried after it was queued (or redelivered) before it is marked FAILED. */
export const RETRY_WINDOW_MS = 24 * 3_600_000

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED'

export interface WebhookEndpointRow {
  id: string
  url: string
  description: string
  event_types: string[]
  customer_id: string | null
  active: boolean
  secret_prefix: string
  created_by_id: string
  created_at: Date
  updated_at: Date
  pending_count: number
  failed_count: number
  last_delivered_at: Date | null
}

export interface WebhookDeliveryRow {
  id: string
  endpoint_id: string
  domain_event_id: string
  event_type: string
  body: string
  status: WebhookDeliveryStatus
  attempts: number
  next_attempt_at: Date
  give_up_at: Date
  last_response_status: number | null
  last_error: string | null
  created_at: Date
  delivered_at: Date | null
}

export interface WebhookAttemptRow {
  id: string
  delivery_id: string
  attempted_at: Date
  response_status: number | null
  duration_ms: number
  succeeded: boolean
  error: string | null
}

const EventTypes = z
  .array(z.enum(DOMAIN_EVENT_TYPES, { message: 'That is not an event type Covered sends.' }))
  .min(1, 'Choose at least one event type to send.')
  .transform((types) => [...new Set(types)].sort())

const Url = z
  .string()
  .trim()
  .min(1, 'Enter the URL that should receive the events.')
  .max(2000, 'Use a URL of at most 2,000 characters.')
  .refine((value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.hostname !== ''
    } catch {
      return false
    }
  }, 'Enter a full http:// or https:// URL without a user name or password, e.g. https://crm.example.com/hooks/covered.')

const CreateInput = z.object({
  url: Url,
  description: z.string().trim().max(200, 'Use at most 200 characters.').nullish(),
  eventTypes: EventTypes,
  customerId: z.string().uuid('That customer does not exist.').nullish(),
  active: z.boolean().nullish(),
})

const UpdateInput = z.object({
  url: Url.nullish(),
  description: z.string().trim().max(200, 'Use at most 200 characters.').nullish(),
  eventTypes: EventTypes.nullish(),
  /** Undefined leaves the filter; null removes it (all customers). */
  customerId: z.string().uuid('That customer does not exist.').nullish(),
  active: z.boolean().nullish(),
})

function requireAdmin(ctx: RequestContext): string {
  if (ctx.viewer.kind !== 'staff' || ctx.viewer.role !== 'ADMIN') throw new ForbiddenError('Only admins manage webhooks.')
  return ctx.viewer.id
}

const SELECT_ENDPOINT = `
  SELECT e.id, e.url, e.description, e.event_types, e.customer_id, e.active, e.secret_prefix, e.created_by_id, e.created_at, e.updated_at,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'PENDING') AS pending_count,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'FAILED') AS failed_count,
         (SELECT max(d.delivered_at) FROM webhook_deliveries d WHERE d.endpoint_id = e.id) AS last_delivered_at
    FROM webhook_endpoints e`

async function endpointById(manager: EntityManager, id: string): Promise<WebhookEndpointRow> {
  if (!z.string().uuid().safeParse(id).success) throw new NotFoundError('That webhook endpoint')
  const [row]: WebhookEndpointRow[] = await manager.query(`${SELECT_ENDPOINT} WHERE e.id = $1`, [id])
  if (!row) throw new NotFoundError('That webhook endpoint')
  return row
}

async function requireCustomer(manager: EntityManager, customerId: string | null | undefined) {
  if (!customerId) return
  const [row] = await manager.query('SELECT 1 FROM customers WHERE id = $1', [customerId])
  if (!row) throw new NotFoundError('That customer')
}

/** Every endpoint, newest first, with how many deliveries wait or failed (admins). */
export async function listWebhookEndpoints(ctx: RequestContext): Promise<WebhookEndpointRow[]> {
  requireAdmin(ctx)
  return ctx.db.query(`${SELECT_ENDPOINT} ORDER BY e.created_at DESC, e.id DESC`)
}

export async function getWebhookEndpoint(ctx: RequestContext, id: string): Promise<WebhookEndpointRow | null> {
  requireAdmin(ctx)
  return endpointById(ctx.db.manager, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null
    throw error
  })
}

/** Registers an endpoint and returns its signing secret, which is shown this once. */
export async function createWebhookEndpoint(
  ctx: RequestContext,
  input: z.input<typeof CreateInput>,
): Promise<{ endpoint: WebhookEndpointRow; signingSecret: string }> {
  const adminId = requireAdmin(ctx)
  const data = parseInput(CreateInput, input)
  const secret = newSecret(SIGNING_SECRET_PREFIX)
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    await requireCustomer(manager, data.customerId)
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO webhook_endpoints (url, description, event_types, customer_id, active, signing_secret, secret_prefix, created_by_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [data.url, data.description ?? '', data.eventTypes, data.customerId ?? null, data.active ?? true, secret, secret.slice(0, SIGNING_SECRET_PREFIX.length + 6), adminId, now],
    )
    const endpoint = await endpointById(manager, row!.id)
    await recordAudit(manager, ctx, {
      action: 'webhook_endpoint.created',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      customerId: endpoint.customer_id,
      after: { url: endpoint.url, eventTypes: endpoint.event_types, customerId: endpoint.customer_id, active: endpoint.active },
    })
    return { endpoint, signingSecret: secret }
  })
}

/** Changes an endpoint's URL, event types, customer filter, description or whether it is active. */
export async function updateWebhookEndpoint(ctx: RequestContext, id: string, input: z.input<typeof UpdateInput>): Promise<WebhookEndpointRow> {
  requireAdmin(ctx)
  const data = parseInput(UpdateInput, input)
  return withTransaction(ctx, async (manager) => {
    const before = await endpointById(manager, id)
    if (data.customerId !== undefined) await requireCustomer(manager, data.customerId)
    await manager.query(
      `UPDATE webhook_endpoints
          SET url = COALESCE($2, url), description = COALESCE($3, description), event_types = COALESCE($4, event_types),
              customer_id = CASE WHEN $5 THEN $6::uuid ELSE customer_id END, active = COALESCE($7, active), updated_at = $8
        WHERE id = $1`,
      [id, data.url ?? null, data.description ?? null, data.eventTypes ?? null, data.customerId !== undefined, data.customerId ?? null, data.active ?? null, ctx.now()],
    )
    const after = await endpointById(manager, id)
    await recordAudit(manager, ctx, {
      action: 'webhook_endpoint.updated',
      entityType: 'WebhookEndpoint',
      entityId: id,
      customerId: after.customer_id,
      before: { url: before.url, eventTypes: before.event_types, customerId: before.customer_id, active: before.active },
      after: { url: after.url, eventTypes: after.event_types, customerId: after.customer_id, active: after.active },
    })
    return after
  })
}

/** Replaces the signing secret (shown this once); deliveries signed from now on use the new one. */
export async function rotateWebhookSecret(ctx: RequestContext, id: string): Promise<{ endpoint: WebhookEndpointRow; signingSecret: string }> {
  requireAdmin(ctx)
  const secret = newSecret(SIGNING_SECRET_PREFIX)
  return withTransaction(ctx, async (manager) => {
    await endpointById(manager, id)
    await manager.query(`UPDATE webhook_endpoints SET signing_secret = $2, secret_prefix = $3, updated_at = $4 WHERE id = $1`, [
      id,
      secret,
      secret.slice(0, SIGNING_SECRET_PREFIX.length + 6),
      ctx.now(),
    ])
    const endpoint = await endpointById(manager, id)
    await recordAudit(manager, ctx, { action: 'webhook_endpoint.secret_rotated', entityType: 'WebhookEndpoint', entityId: id, customerId: endpoint.customer_id })
    return { endpoint, signingSecret: secret }
  })
}

/** Sends a delivery again (delivered or failed): due now, retried for another 24 hours; its log is kept. */
export async function redeliverWebhook(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryRow> {
  requireAdmin(ctx)
  if (!z.string().uuid().safeParse(deliveryId).success) throw new NotFoundError('That delivery')
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    const [rows]: [WebhookDeliveryRow[], number] = await manager.query(
      `UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = $2, give_up_at = $3, delivered_at = NULL
        WHERE id = $1 RETURNING *`,
      [deliveryId, now, new Date(now.getTime() + RETRY_WINDOW_MS)],
    )
    const row = rows[0]
    if (!row) throw new NotFoundError('That delivery')
    const [endpoint]: { customer_id: string | null }[] = await manager.query('SELECT customer_id FROM webhook_endpoints WHERE id = $1', [row.endpoint_id])
    await recordAudit(manager, ctx, {
      action: 'webhook_delivery.redelivered',
      entityType: 'WebhookDelivery',
      entityId: row.id,
      customerId: endpoint?.customer_id ?? null,
      after: { eventId: row.domain_event_id, eventType: row.event_type },
    })
    return row
  })
}

/** An endpoint's deliveries, newest first, optionally of one status. */
export async function listDeliveries(
  ctx: RequestContext,
  endpointId: string,
  args: PageArgs & { status?: WebhookDeliveryStatus | null },
): Promise<Connection<WebhookDeliveryRow>> {
  requireAdmin(ctx)
  const page = pageRequest(args)
  const params: unknown[] = [endpointId]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = ['d.endpoint_id = $1']
  if (args.status) where.push(`d.status = ${param(args.status)}`)
  const cursor = page.backwards ? page.before : page.after
  if (cursor) {
    const [at, id] = decodeCursor(cursor, 2)
    where.push(`(d.created_at, d.id) ${page.backwards ? '>' : '<'} (${param(at)}::timestamptz, ${param(id)}::uuid)`)
  }
  const direction = page.backwards ? 'ASC' : 'DESC'
  const rows: WebhookDeliveryRow[] = await ctx.db.query(
    `SELECT d.* FROM webhook_deliveries d WHERE ${where.join(' AND ')}
      ORDER BY d.created_at ${direction}, d.id ${direction} LIMIT ${page.limit + 1}`,
    params,
  )
  return toConnection(rows, page, (row) => encodeCursor([new Date(row.created_at).toISOString(), row.id]))
}

/** The attempts of many deliveries at once (a dataloader's batch), oldest first. */
export async function attemptsOfDeliveries(ctx: RequestContext, ids: readonly string[]): Promise<WebhookAttemptRow[][]> {
  const rows: WebhookAttemptRow[] = await ctx.db.query(
    `SELECT id::text, delivery_id, attempted_at, response_status, duration_ms, succeeded, error
       FROM webhook_delivery_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY id`,
    [ids],
  )
  return ids.map((id) => rows.filter((row) => row.delivery_id === id))
}

/**
 * The outbox: for each domain event, one delivery per active endpoint that wants its type (and its customer,
 * when the endpoint is filtered), written in the event's own transaction: with the transaction's other events in
 * one statement just before it commits when the transaction collects (db/commit-batches.ts), else at once.
 */
export async function queueWebhookDeliveries(manager: EntityManager, event: StoredDomainEvent): Promise<void> {
  // Endpoints are the vendor's configuration, not the customer's: a change made by a contact or a bound token
  // (whose transaction is fenced to its customer by row-level security) still reaches every matching endpoint.
  await writeBeforeCommit(manager, 'webhook_deliveries', [event], (events) => insertDeliveries(manager, events), { acrossCustomers: true })
}

async function insertDeliveries(manager: EntityManager, events: readonly StoredDomainEvent[]): Promise<void> {
  await manager.query(
    `INSERT INTO webhook_deliveries (endpoint_id, domain_event_id, event_type, body, next_attempt_at, give_up_at, created_at)
     SELECT e.id, ev.id, ev.type, ev.body, ev.at, ev.give_up_at, ev.at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::uuid[]) AS ev(id, type, body, at, give_up_at, customer_id)
       JOIN webhook_endpoints e ON e.active AND e.event_types @> ARRAY[ev.type] AND (e.customer_id IS NULL OR e.customer_id = ev.customer_id)
     ON CONFLICT (endpoint_id, domain_event_id) DO NOTHING`,
    [
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(webhookPayload(event))),
      events.map((event) => event.occurredAt),
      events.map((event) => new Date(event.occurredAt.getTime() + RETRY_WINDOW_MS)),
      events.map((event) => event.customerId),
    ],
  )
}

let registered = false
/** Makes the outbox a consumer of every domain event (once per process). */
export function queueWebhooksOnDomainEvents(): void {
  if (registered) return
  registered = true
  onDomainEvent(queueWebhookDeliveries)
}
