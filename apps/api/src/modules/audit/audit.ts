import type { EntityManager } from 'typeorm'
import { actorOf, type RequestContext } from '../../context.js'

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
}

/** Writes one audit row with the transaction's manager, so it commits or rolls back with the change. */
export async function recordAudit(manager: EntityManager, ctx: RequestContext, record: AuditRecord): Promise<void> {
  const { actorKind, actorId } = actorOf(ctx.viewer)
  await manager.query(
    `INSERT INTO audit_log (at, actor_kind, actor_id, action, entity_type, entity_id, customer_id, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
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
    ],
  )
}
