import { TICKET_STATUSES, type TicketStatus, type TriageDecision } from '@covered/domain'
import type { RequestContext } from '../../context.js'
import { preparedQuery } from '../../db/prepared.js'
import { formatInstant } from '../../db/timestamps.js'
import { ValidationError } from '../../errors.js'
import type { DeskCode } from '../../graphql/enums.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { ticketVisibilitySql } from './access.js'
import { seesInternalNotes } from './conversation.queries.js'
import { lastMessageJoin, LIST_COLUMNS, LIST_ROW, RELATED_JOINS, type TicketListRow } from './ticket.record.js'

export type TicketOrder = 'QUEUE' | 'RECENT_ACTIVITY'

const FINISHED = new Set<TicketStatus>(['RESOLVED', 'CLOSED'])
const OPEN_STATUSES = TICKET_STATUSES.filter((status) => !FINISHED.has(status))

export interface TicketFilter extends PageArgs {
  desk?: DeskCode | null
  /** Only tickets assigned to the viewer (staff). */
  mine?: boolean | null
  /** Default: every status but RESOLVED and CLOSED on a queue; all on recent activity. */
  statuses?: TicketStatus[] | null
  plan?: 'PREMIUM' | 'STANDARD' | 'NOT_ENTITLED' | null
  category?: string | null
  scope?: TriageDecision | null
  assigneeId?: string | null
  unassigned?: boolean | null
  /** Tickets whose running target has passed 75% (WARNING) or its due time (BREACHED). */
  atRisk?: boolean | null
  customerId?: string | null
  order?: TicketOrder | null
}

/**
 * Tickets the viewer may see, a keyset page at a time, in one statement: each row has only the columns a list
 * shows (a TicketListRow: fields asking for more read the whole ticket), the names of its customer, requester
 * and assignee, and its latest message. QUEUE order: premium first, then the earliest running due time, then
 * the lowest number (served by the desk and assignee queue indexes); RECENT_ACTIVITY: the latest message first.
 */
export async function listTickets(ctx: RequestContext, filter: TicketFilter): Promise<Connection<TicketListRow>> {
  if (filter.last != null || filter.before != null) {
    throw new ValidationError([{ field: 'last', message: 'Ticket lists page forwards only: use first and after.' }])
  }
  const page = pageRequest(filter)
  const order = filter.order ?? 'QUEUE'
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const where = [ticketVisibilitySql(ctx.viewer, param)]
  if (filter.mine) {
    if (ctx.viewer.kind !== 'staff') throw new ValidationError([{ field: 'mine', message: 'Only staff have their own queue.' }])
    where.push(`t.assignee_id = ${param(ctx.viewer.id)}::uuid`)
  }
  if (filter.desk) where.push(`t.desk = ${param(filter.desk)}`)
  const statuses = filter.statuses?.length ? filter.statuses : order === 'QUEUE' ? null : undefined
  if (statuses === null) where.push(`t.status NOT IN ('RESOLVED', 'CLOSED')`)
  else if (statuses) {
    const open = statuses.every((status) => !FINISHED.has(status))
    // Every open status is said in the words of the queue indexes' predicate (the desk queues ask for exactly
    // that), so the planner uses those indexes and estimates the rows right. One status is compared as one
    // value, so that a prepared statement's plan can read the customer's tickets of that status in order (the
    // portal's "waiting on you"); a queue of some open statuses names the queue indexes' predicate as well.
    if (open && OPEN_STATUSES.every((status) => statuses.includes(status))) where.push(`t.status NOT IN ('RESOLVED', 'CLOSED')`)
    else {
      where.push(statuses.length === 1 ? `t.status = ${param(statuses[0])}` : `t.status = ANY(${param(statuses)}::text[])`)
      if (open && order === 'QUEUE') where.push(`t.status NOT IN ('RESOLVED', 'CLOSED')`)
    }
  }
  if (filter.plan) where.push(`t.plan = ${param(filter.plan)}`)
  if (filter.category) where.push(`t.category = ${param(filter.category)}`)
  if (filter.scope) where.push(`t.scope = ${param(filter.scope)}`)
  if (filter.assigneeId) where.push(`t.assignee_id = ${param(filter.assigneeId)}::uuid`)
  if (filter.unassigned) where.push(`t.assignee_id IS NULL`)
  if (filter.customerId) where.push(`t.customer_id = ${param(filter.customerId)}::uuid`)
  if (filter.atRisk) {
    where.push(`(t.first_response_state IN ('WARNING', 'BREACHED') OR t.resolution_state IN ('WARNING', 'BREACHED'))`)
  }
  let orderBy: string
  let cursorOf: (row: TicketListRow) => string
  if (order === 'QUEUE') {
    if (page.after) {
      const [priority, due, number] = decodeCursor(page.after, 3)
      where.push(`(t.queue_priority, t.queue_due_at, t.number) > (${param(Number(priority))}::smallint, ${param(String(due))}::timestamptz, ${param(String(number))}::bigint)`)
    }
    orderBy = 't.queue_priority, t.queue_due_at, t.number'
    cursorOf = (row) => encodeCursor([Number(row.queue_priority), formatInstant(new Date(row.queue_due_at)), String(row.number)])
  } else {
    if (page.after) {
      const [at, number] = decodeCursor(page.after, 2)
      where.push(`(t.last_message_at, t.number) < (${param(String(at))}::timestamptz, ${param(String(number))}::bigint)`)
    }
    orderBy = 't.last_message_at DESC, t.number DESC'
    cursorOf = (row) => encodeCursor([formatInstant(new Date(row.last_message_at)), String(row.number)])
  }
  // The page is chosen first (an index serves its order), then only its rows are joined to what they show.
  const rows: Omit<TicketListRow, typeof LIST_ROW>[] = await preparedQuery(
    ctx.db,
    `SELECT ${LIST_COLUMNS}, lm.*
       FROM (SELECT t.* FROM tickets t WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${param(page.limit + 1)}) t
       ${RELATED_JOINS}
       ${lastMessageJoin(!seesInternalNotes(ctx))}
      ORDER BY ${orderBy}`,
    params,
  )
  const listRows = rows.map((row): TicketListRow => Object.assign(row, { [LIST_ROW]: true as const }))
  return toConnection(listRows, page, cursorOf)
}
