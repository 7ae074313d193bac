import type { RequestContext } from '../../context.js'

export interface MessageRow {
  id: string
  ticket_id: string
  author_kind: 'STAFF' | 'CONTACT' | 'TOKEN' | 'SYSTEM'
  author_id: string | null
  author_name: string | null
  visibility: 'PUBLIC' | 'INTERNAL'
  body: string
  created_at: Date
}

export interface EventRow {
  id: string
  ticket_id: string
  at: Date
  actor_kind: 'STAFF' | 'CONTACT' | 'TOKEN' | 'SYSTEM'
  actor_name: string | null
  kind: string
  summary: string
  data: Record<string, unknown>
  customer_visible: boolean
}

/** Staff and integrators for all customers see internal notes; customers and customer-bound tokens never do. */
const staffSide = (ctx: RequestContext) => ctx.viewer.kind === 'staff' || (ctx.viewer.kind === 'token' && ctx.viewer.customerId === null)

/**
 * The conversations of many (already visible) tickets in one statement, oldest first. Internal notes are
 * never read for a customer, so they cannot leak through any field.
 */
export async function messagesOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<MessageRow[][]> {
  const rows: MessageRow[] = await ctx.db.query(
    `SELECT m.id, m.ticket_id, m.author_kind, m.author_id, m.visibility, m.body, m.created_at,
            coalesce(s.name, c.name) AS author_name
       FROM ticket_messages m
       LEFT JOIN staff_users s ON m.author_kind = 'STAFF' AND s.id = m.author_id
       LEFT JOIN contacts c ON m.author_kind = 'CONTACT' AND c.id = m.author_id
      WHERE m.ticket_id = ANY($1::uuid[]) ${staffSide(ctx) ? '' : `AND m.visibility = 'PUBLIC'`}
      ORDER BY m.created_at, m.seq`,
    [ticketIds],
  )
  return ticketIds.map((id) => rows.filter((row) => row.ticket_id === id))
}

/** The timelines of many tickets; customers see only what concerns them, without internal detail. */
export async function timelinesOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<EventRow[][]> {
  const rows: EventRow[] = await ctx.db.query(
    `SELECT e.id::text, e.ticket_id, e.at, e.actor_kind, e.kind, e.summary, e.data, e.customer_visible,
            coalesce(s.name, c.name) AS actor_name
       FROM ticket_events e
       LEFT JOIN staff_users s ON e.actor_kind = 'STAFF' AND s.id = e.actor_id
       LEFT JOIN contacts c ON e.actor_kind = 'CONTACT' AND c.id = e.actor_id
      WHERE e.ticket_id = ANY($1::uuid[]) ${staffSide(ctx) ? '' : 'AND e.customer_visible'}
      ORDER BY e.at, e.id`,
    [ticketIds],
  )
  return ticketIds.map((id) => rows.filter((row) => row.ticket_id === id))
}
