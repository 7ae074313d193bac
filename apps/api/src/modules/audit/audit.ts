import type { EntityManager } from 'typeorm'
import { actorOf, type RequestContext } from '../../context.js'
import { requestScope, type MutationAudit, type RequestScope } from '../../request-scope.js'

export interface AuditRecord {
  /** What happened, as `entity.verb`: `customer.created`, `api_token.revoked`, ... */
  action: string
  entityType: string
  entityId: string
  /** The customer the change belongs to, so the trail can be shown per customer. */
  customerId: string | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  reason?: string | null
  /** Who did it, when not the request's viewer (e.g. the holder of a one-time link); filled in when collected. */
  actor?: { actorKind: string; actorId: string | null }
}

/**
 * Records a change in the audit trail, in the transaction of `manager`, so it commits or rolls back with it.
 * Inside a mutation's transaction (see `withTransaction`) the record is collected, and the mutation's one
 * audit row is written at commit with every record of the transaction merged into it; elsewhere (the
 * scheduler, a script) one row is written at once.
 */
export async function recordAudit(manager: EntityManager, ctx: RequestContext, record: AuditRecord): Promise<void> {
  const scope = requestScope.getStore()
  const collected = scope && scope.requestId === ctx.requestId ? scope.mutation?.open.get(manager) : undefined
  if (collected) {
    collected.push({ ...record, actor: record.actor ?? actorOf(ctx.viewer) })
    return
  }
  const mutation = scope && scope.requestId === ctx.requestId ? scope.mutation : undefined
  // In a mutation but in a transaction not opened by withTransaction: written at once, and it counts as the
  // mutation's row (so no generic row is added afterwards).
  await insertAuditRow(manager, ctx, record, mutation ? { operation: mutation.field, requestId: ctx.requestId } : {})
  if (mutation) mutation.written++
}

interface AuditRow {
  action: string
  entityType: string | null
  entityId: string | null
  customerId: string | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  reason?: string | null
  actor?: { actorKind: string; actorId: string | null }
}

async function insertAuditRow(
  manager: EntityManager,
  ctx: RequestContext,
  record: AuditRow,
  extra: { operation?: string; requestId?: string; related?: AuditRecord[] },
): Promise<void> {
  const { actorKind, actorId } = record.actor ?? actorOf(ctx.viewer)
  await manager.query(
    `INSERT INTO audit_log (at, actor_kind, actor_id, action, entity_type, entity_id, customer_id, before, after, reason, operation, request_id, related)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      ctx.now(),
      actorKind,
      actorId,
      record.action,
      record.entityType,
      record.entityId,
      record.customerId,
      record.before ? JSON.stringify(record.before) : null,
      record.after ? JSON.stringify(record.after) : null,
      record.reason ?? null,
      extra.operation ?? null,
      extra.requestId ?? null,
      extra.related?.length ? JSON.stringify(extra.related) : null,
    ],
  )
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What a mutation that recorded nothing itself changed, read from its result (an entity with an id, usually). */
function genericRecord(mutation: MutationAudit, scope: RequestScope, result: unknown): AuditRow {
  const value = (result && typeof result === 'object' ? result : {}) as Record<string, unknown>
  const id = typeof value.id === 'string' && UUID.test(value.id) ? value.id : null
  const customer = [value.customer_id, value.customerId].find((v): v is string => typeof v === 'string' && UUID.test(v))
  return {
    action: `mutation.${mutation.field}`,
    entityType: id ? 'Mutation' : null,
    entityId: id,
    customerId: customer ?? scope.tenant,
  }
}

/**
 * Writes the mutation's audit row in the transaction about to commit: the first record collected, with the
 * others merged into `related`; or, when the mutation recorded nothing, a generic row naming the mutation.
 * A later transaction of the same mutation that collected nothing writes nothing.
 */
export async function writeMutationAudit(manager: EntityManager, ctx: RequestContext, scope: RequestScope, records: AuditRecord[], result: unknown): Promise<void> {
  const mutation = scope.mutation!
  if (!records.length && mutation.written > 0) return
  const [primary, ...rest] = records
  await insertAuditRow(manager, ctx, primary ?? genericRecord(mutation, scope, result), {
    operation: mutation.field,
    requestId: ctx.requestId,
    related: rest,
  })
  mutation.written++
}
