import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import type { RequestContext } from '../../context.js'
import { preparedQuery } from '../../db/prepared.js'
import { NotFoundError } from '../../errors.js'
import { ticketVisibilitySql } from './access.js'
import { seesInternalNotes } from './conversation.queries.js'
import { lastMessageJoin, RELATED_COLUMNS, RELATED_JOINS, SELECT_TICKET, type TicketPageRow, type TicketRow } from './ticket.record.js'

const isUuid = (id: string) => z.uuid().safeParse(id).success

/**
 * Tickets by id for a dataloader: one statement, with each ticket's customer, requester, assignee and latest
 * message; a ticket the viewer may not see does not exist.
 */
export async function loadTickets(ctx: RequestContext, ids: readonly string[]): Promise<(TicketPageRow | NotFoundError)[]> {
  const wanted = ids.filter(isUuid)
  const params: unknown[] = [wanted]
  const param = (value: unknown) => `$${params.push(value)}`
  const rows: TicketPageRow[] = wanted.length
    ? await preparedQuery(
        ctx.db,
        `SELECT t.*, ${RELATED_COLUMNS}, lm.* FROM tickets t ${RELATED_JOINS} ${lastMessageJoin(!seesInternalNotes(ctx))}
          WHERE t.id = ANY($1::uuid[]) AND ${ticketVisibilitySql(ctx.viewer, param)}`,
        params,
      )
    : []
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That ticket'))
}

/**
 * Locks a visible ticket for a change in this transaction (FOR UPDATE); a ticket the viewer may not see is
 * answered exactly as a missing one.
 */
export async function lockTicket(manager: EntityManager, ctx: RequestContext, id: string): Promise<TicketRow> {
  if (!isUuid(id)) throw new NotFoundError('That ticket')
  const params: unknown[] = [id]
  const param = (value: unknown) => `$${params.push(value)}`
  const [row]: TicketRow[] = await manager.query(
    `${SELECT_TICKET} WHERE t.id = $1 AND ${ticketVisibilitySql(ctx.viewer, param)} FOR UPDATE OF t`,
    params,
  )
  if (!row) throw new NotFoundError('That ticket')
  return row
}

export async function reloadTicket(manager: EntityManager, id: string): Promise<TicketRow> {
  const [row]: TicketRow[] = await manager.query(`${SELECT_TICKET} WHERE t.id = $1`, [id])
  return row!
}

/** Writes changed columns of a ticket and bumps its version; returns the ticket as changed (as SELECT_TICKET reads it). */
export async function updateTicket(manager: EntityManager, id: string, columns: Record<string, unknown>, at: Date): Promise<TicketRow> {
  const entries = Object.entries({ ...columns, updated_at: at })
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`).join(', ')
  const [rows]: [TicketRow[], number] = await manager.query(
    `UPDATE tickets t SET ${sets}, version = t.version + 1 FROM customers cu
      WHERE t.id = $1 AND cu.id = t.customer_id RETURNING t.*, cu.home_desk`,
    [id, ...entries.map(([, value]) => value)],
  )
  return rows[0]!
}
