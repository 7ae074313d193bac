import { nextDueAt, type Entitlement, type TicketCategory, type TargetClock, type TargetState, type TicketClocks, type TicketStatus, type TriageDecision } from '@covered/domain'
import type { Currency, DeskCode, StaffRole } from '../../graphql/enums.js'

/** A ticket as stored (snake_case columns), and the view the API works with. */
export interface TicketRow {
  id: string
  number: string
  subject: string
  category: TicketCategory
  labels_requested: number | null
  joined_labels: number | null
  customer_id: string
  requester_id: string
  opened_by_kind: 'STAFF' | 'CONTACT' | 'TOKEN'
  opened_by_id: string | null
  plan: 'PREMIUM' | 'STANDARD' | 'NOT_ENTITLED'
  lane: 'CUSTOMER' | 'PROSPECT'
  entitlement: Entitlement
  contract_id: string | null
  contract_term_id: string | null
  scope: TriageDecision
  scope_rule: string
  scope_explanation: string
  labels_counted: number
  status: TicketStatus
  desk: DeskCode
  assignee_id: string | null
  received_at: Date
  has_public_staff_reply: boolean
  first_response_kind: 'GOAL' | 'GUARANTEE' | null
  first_response_due_at: Date | null
  first_response_warning_at: Date | null
  first_responded_at: Date | null
  first_response_state: TargetState | null
  resolution_due_at: Date | null
  resolution_warning_at: Date | null
  resolution_state: TargetState | null
  paused_at: Date | null
  paused_business_ms: string
  queue_priority: number
  queue_due_at: Date
  resolved_at: Date | null
  closed_at: Date | null
  last_message_at: Date
  home_desk: DeskCode
  version: number
}

/** Every column plus the customer's home desk (the calendar of a STANDARD ticket). */
export const SELECT_TICKET = `SELECT t.*, cu.home_desk FROM tickets t JOIN customers cu ON cu.id = t.customer_id`

/**
 * What reads of whole tickets by id (the ticket page, a mutation's read-back) bring along in the same statement:
 * the customer (without its derived status), the requester and the assignee. The schema primes its dataloaders
 * with them (see primeTicketRelations); rows read for a change do not carry them, and list rows carry only
 * their names (TicketListRelatedColumns).
 */
export interface TicketRelatedColumns {
  rel_customer_name: string
  rel_customer_currency: Currency
  rel_customer_created_at: Date
  rel_customer_version: number
  rel_requester_customer_id: string
  rel_requester_email: string
  rel_requester_name: string
  rel_requester_is_customer_admin: boolean
  rel_requester_portal_access: boolean
  rel_requester_time_zone: string | null
  rel_requester_created_at: Date
  rel_requester_version: number
  rel_assignee_email: string | null
  rel_assignee_name: string | null
  rel_assignee_role: StaffRole | null
  rel_assignee_desk: DeskCode | null
  rel_assignee_active: boolean | null
  rel_assignee_created_at: Date | null
  rel_assignee_version: number | null
}

/** The latest message a viewer may see, shortened for lists (read with a page of tickets). */
export interface LastMessageColumns {
  lm_id: string | null
  lm_author_kind: 'STAFF' | 'CONTACT' | 'TOKEN' | 'SYSTEM' | null
  lm_author_name: string | null
  lm_visibility: 'PUBLIC' | 'INTERNAL' | null
  lm_body: string | null
  lm_created_at: Date | null
}

export type TicketPageRow = TicketRow & Partial<TicketRelatedColumns> & Partial<LastMessageColumns>

/**
 * The ticket columns a list row reads: what the fields a list shows use, the cursor's keys (queue_priority,
 * queue_due_at, last_message_at, number) and the SLA clocks. The rest (entitlement, scope rule and explanation,
 * label counts, who opened it, contracts, paused time, closing time) is read only for a field that asks for it.
 */
export const LIST_TICKET_COLUMNS = [
  'id',
  'number',
  'subject',
  'category',
  'customer_id',
  'requester_id',
  'plan',
  'lane',
  'scope',
  'status',
  'desk',
  'assignee_id',
  'received_at',
  'has_public_staff_reply',
  'first_response_kind',
  'first_response_due_at',
  'first_response_warning_at',
  'first_responded_at',
  'first_response_state',
  'resolution_due_at',
  'resolution_warning_at',
  'resolution_state',
  'paused_at',
  'queue_priority',
  'queue_due_at',
  'resolved_at',
  'last_message_at',
  'version',
] as const satisfies readonly (keyof TicketRow)[]

/** Of a list row's customer, requester and assignee, only what a list shows of them (and the requester's organisation, which decides who may see it). */
export interface TicketListRelatedColumns {
  rel_customer_name: string
  rel_requester_customer_id: string
  rel_requester_name: string
  rel_assignee_name: string | null
}

/** Marks a row read for a list: it has only the list's columns (see LIST_TICKET_COLUMNS). */
export const LIST_ROW = Symbol('ticket list row')

/** A ticket read for a list page: the list's columns, its relations' names and its latest message. */
export type TicketListRow = Pick<TicketRow, (typeof LIST_TICKET_COLUMNS)[number] | 'home_desk'> &
  TicketListRelatedColumns &
  LastMessageColumns & { readonly [LIST_ROW]: true }

/** A ticket as the schema holds it: read whole (by id), or for a list. */
export type TicketSource = TicketPageRow | TicketListRow

export const isListRow = (ticket: TicketSource): ticket is TicketListRow => LIST_ROW in ticket

/** The list's columns over `t`, `cu`, `rq` and `su` (as joined by RELATED_JOINS). */
export const LIST_COLUMNS = `${LIST_TICKET_COLUMNS.map((column) => `t.${column}`).join(', ')}, cu.home_desk,
  cu.name AS rel_customer_name, rq.customer_id AS rel_requester_customer_id, rq.name AS rel_requester_name,
  su.name AS rel_assignee_name`

/**
 * The related columns, over `t` (tickets), `cu` (customers), `rq` (the requester) and `su` (the assignee). Each
 * is looked up by its primary key for each ticket of the page (a LATERAL subquery with LIMIT 1 keeps the planner
 * from hashing whole tables for a page of 50).
 */
export const RELATED_COLUMNS = `cu.home_desk,
  cu.name AS rel_customer_name, cu.currency AS rel_customer_currency, cu.created_at AS rel_customer_created_at,
  cu.version AS rel_customer_version,
  rq.customer_id AS rel_requester_customer_id, rq.email AS rel_requester_email, rq.name AS rel_requester_name,
  rq.is_customer_admin AS rel_requester_is_customer_admin, rq.portal_access AS rel_requester_portal_access,
  rq.time_zone AS rel_requester_time_zone, rq.created_at AS rel_requester_created_at, rq.version AS rel_requester_version,
  su.email AS rel_assignee_email, su.name AS rel_assignee_name, su.role AS rel_assignee_role, su.desk AS rel_assignee_desk,
  su.active AS rel_assignee_active, su.created_at AS rel_assignee_created_at, su.version AS rel_assignee_version`

export const RELATED_JOINS = `JOIN LATERAL (SELECT * FROM customers cu WHERE cu.id = t.customer_id LIMIT 1) cu ON true
  JOIN LATERAL (SELECT * FROM contacts rq WHERE rq.id = t.requester_id LIMIT 1) rq ON true
  LEFT JOIN LATERAL (SELECT * FROM staff_users su WHERE su.id = t.assignee_id LIMIT 1) su ON true`

/** The latest message of `t` as lm_* columns; customers never see internal notes. */
export function lastMessageJoin(publicOnly: boolean): string {
  return `LEFT JOIN LATERAL (
    SELECT m.id AS lm_id, m.author_kind AS lm_author_kind, m.visibility AS lm_visibility, left(m.body, 400) AS lm_body,
           m.created_at AS lm_created_at, coalesce(ms.name, mc.name) AS lm_author_name
      FROM ticket_messages m
      LEFT JOIN staff_users ms ON m.author_kind = 'STAFF' AND ms.id = m.author_id
      LEFT JOIN contacts mc ON m.author_kind = 'CONTACT' AND mc.id = m.author_id
     WHERE m.ticket_id = t.id ${publicOnly ? `AND m.visibility = 'PUBLIC'` : ''}
     ORDER BY m.created_at DESC, m.seq DESC
     LIMIT 1) lm ON true`
}

export type TicketView = TicketRow

const ms = (date: Date | null) => (date === null ? null : new Date(date).getTime())

export function clocksOf(row: TicketRow): TicketClocks {
  const target = (
    kind: 'GOAL' | 'GUARANTEE',
    dueAt: Date | null,
    warningAt: Date | null,
    state: TargetState | null,
    metAt: Date | null,
  ): TargetClock | null =>
    dueAt === null || state === null ? null : { kind, dueAt: ms(dueAt)!, warningAt: ms(warningAt)!, state, metAt: ms(metAt) }
  return {
    receivedAt: ms(row.received_at)!,
    firstResponse: target(row.first_response_kind ?? 'GOAL', row.first_response_due_at, row.first_response_warning_at, row.first_response_state, row.first_responded_at),
    resolution: target('GOAL', row.resolution_due_at, row.resolution_warning_at, row.resolution_state, row.resolution_state === 'MET' || row.resolution_state === 'BREACHED' ? row.resolved_at : null),
    pausedAt: ms(row.paused_at),
    pausedBusinessMs: Number(row.paused_business_ms),
  }
}

/** Far-future sort key for tickets without a running clock: they come last in a queue. */
export const NO_DUE_TIME = new Date('9999-12-31T00:00:00Z')

/** The clock columns to write after a change of clocks. */
export function clockColumns(clocks: TicketClocks): Record<string, unknown> {
  const date = (value: number | null | undefined) => (value == null ? null : new Date(value))
  const next = nextDueAt(clocks)
  return {
    first_response_kind: clocks.firstResponse?.kind ?? null,
    first_response_due_at: date(clocks.firstResponse?.dueAt),
    first_response_warning_at: date(clocks.firstResponse?.warningAt),
    first_responded_at: date(clocks.firstResponse?.metAt),
    first_response_state: clocks.firstResponse?.state ?? null,
    resolution_due_at: date(clocks.resolution?.dueAt),
    resolution_warning_at: date(clocks.resolution?.warningAt),
    resolution_state: clocks.resolution?.state ?? null,
    paused_at: date(clocks.pausedAt),
    paused_business_ms: clocks.pausedBusinessMs,
    queue_due_at: next === null ? NO_DUE_TIME : new Date(next),
  }
}
