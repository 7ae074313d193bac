import type { RequestContext } from '../../context.js'
import { preparedQuery } from '../../db/prepared.js'

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
export const seesInternalNotes = (ctx: RequestContext) => ctx.viewer.kind === 'staff' || (ctx.viewer.kind === 'token' && ctx.viewer.customerId === null)
const staffSide = seesInternalNotes

/**
 * The conversations of many (already visible) tickets in one statement, oldest first. Internal notes are
 * never read for a customer, so they cannot leak through any field.
 */
export async function messagesOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<MessageRow[][]> {
  const rows: MessageRow[] = await preparedQuery(
    ctx.db,
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
  const rows: EventRow[] = await preparedQuery(
    ctx.db,
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

export interface MessagePreview {
  id: string
  authorKind: 'STAFF' | 'CONTACT' | 'TOKEN' | 'SYSTEM'
  authorName: string | null
  internal: boolean
  /** The start of the body, on one line, at most EXCERPT_LENGTH characters. */
  excerpt: string
  createdAt: Date
}

export const EXCERPT_LENGTH = 140

/** The first EXCERPT_LENGTH characters of a message on one line, with an ellipsis when it goes on. */
export function excerptOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim()
  return line.length <= EXCERPT_LENGTH ? line : `${line.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`
}

/** The latest message of each ticket that the viewer may see, in one statement (for tickets not read as a page). */
export async function lastMessagesOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<(MessagePreview | null)[]> {
  const rows: (MessageRow & { ticket_id: string })[] = await preparedQuery(
    ctx.db,
    `SELECT m.*
       FROM unnest($1::uuid[]) AS w(ticket_id)
       CROSS JOIN LATERAL (
         SELECT m.id, m.ticket_id, m.author_kind, m.visibility, left(m.body, 400) AS body, m.created_at, coalesce(s.name, c.name) AS author_name
           FROM ticket_messages m
           LEFT JOIN staff_users s ON m.author_kind = 'STAFF' AND s.id = m.author_id
           LEFT JOIN contacts c ON m.author_kind = 'CONTACT' AND c.id = m.author_id
          WHERE m.ticket_id = w.ticket_id ${staffSide(ctx) ? '' : `AND m.visibility = 'PUBLIC'`}
          ORDER BY m.created_at DESC, m.seq DESC
          LIMIT 1) m`,
    [ticketIds],
  )
  const byTicket = new Map(rows.map((row) => [row.ticket_id, row]))
  return ticketIds.map((id) => {
    const row = byTicket.get(id)
    return row ? previewOf(row) : null
  })
}

export function previewOf(row: Pick<MessageRow, 'id' | 'author_kind' | 'author_name' | 'visibility' | 'body' | 'created_at'>): MessagePreview {
  return {
    id: row.id,
    authorKind: row.author_kind,
    authorName: row.author_name,
    internal: row.visibility === 'INTERNAL',
    excerpt: excerptOf(row.body),
    createdAt: new Date(row.created_at),
  }
}
