import { nextDueAt, type Entitlement, type TargetClock, type TargetState, type TicketClocks, type TicketStatus, type TriageDecision } from '@covered/domain'
import type { DeskCode } from '../../graphql/enums.js'

/** A ticket as stored (snake_case columns), and the view the API works with. */
export interface TicketRow {
  id: string
  number: string
  subject: string
  category: string
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
