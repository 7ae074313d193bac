import type { RequestContext } from '../../context.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import type { AuditEntry } from './audit-entry.entity.js'

export interface AuditView {
  id: string
  at: Date
  actorKind: AuditEntry['actorKind']
  actorId: string | null
  actorName: string | null
  action: string
  entityType: string
  entityId: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  reason: string | null
}

/** A customer's audit trail of changes (sign-ins and sign-outs left out), newest first, a keyset page at a time (staff only). */
export async function auditTrail(ctx: RequestContext, customerId: string, args: PageArgs): Promise<Connection<AuditView>> {
  const page = pageRequest({ first: args.first, after: args.after })
  const params: unknown[] = [customerId]
  let where = 'a.customer_id = $1'
  if (page.after) {
    const [at, id] = decodeCursor(page.after, 2)
    params.push(String(at), String(id))
    where += ` AND (a.at, a.id) < ($2::timestamptz, $3::bigint)`
  }
  params.push(page.limit + 1)
  const rows: any[] = await ctx.db.query(
    `SELECT a.id::text, a.at, a.actor_kind, a.actor_id, a.action, coalesce(a.entity_type, 'Mutation') AS entity_type, coalesce(a.entity_id::text, '') AS entity_id, a.before, a.after, a.reason,
            coalesce(s.name, ct.name) AS actor_name
       FROM audit_log a
       LEFT JOIN staff_users s ON a.actor_kind = 'STAFF' AND s.id = a.actor_id
       LEFT JOIN contacts ct ON a.actor_kind = 'CONTACT' AND ct.id = a.actor_id
      WHERE ${where} AND a.action NOT IN ('mutation.login', 'mutation.logout')
      ORDER BY a.at DESC, a.id DESC
      LIMIT $${params.length}`,
    params,
  )
  const views: AuditView[] = rows.map((row) => ({
    id: row.id,
    at: new Date(row.at),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
  }))
  return toConnection(views, page, (entry) => encodeCursor([entry.at.toISOString(), entry.id]))
}
