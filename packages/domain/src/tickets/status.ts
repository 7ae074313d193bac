import { DomainError } from '../errors/index.js'

/** Ticket statuses (section 6). */
export const TICKET_STATUSES = ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED', 'CLOSED'] as const

/** One of {@link TICKET_STATUSES}. */
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** Status names for people. */
export const TICKET_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  NEW: 'New',
  OPEN: 'Open',
  WAITING_ON_CUSTOMER: 'Waiting on customer',
  ESCALATED: 'Escalated to Professional Services',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
}

/** Statuses that stop the running SLA clocks: waiting on the customer, or on a quote decision. */
export const SLA_PAUSING_STATUSES: readonly TicketStatus[] = ['WAITING_ON_CUSTOMER', 'ESCALATED']

/** True when a ticket in `status` has its SLA clocks paused. */
export function pausesSlaClocks(status: TicketStatus): boolean {
  return SLA_PAUSING_STATUSES.includes(status)
}

/** What a status change does to the SLA clocks. */
export type SlaClockEffect = 'PAUSE' | 'RESUME' | 'NONE'

/** PAUSE when entering a pausing status from a running one, RESUME when leaving one for a non-pausing status. */
export function slaClockEffect(from: TicketStatus, to: TicketStatus): SlaClockEffect {
  const before = pausesSlaClocks(from)
  const after = pausesSlaClocks(to)
  if (!before && after) return 'PAUSE'
  if (before && !after) return 'RESUME'
  return 'NONE'
}

/** Ticket lifecycle settings (admin data). */
export interface TicketSettings {
  /** Days a RESOLVED ticket may be reopened by a customer reply before it closes itself (default 7). */
  readonly reopenWindowDays: number
}

/** Policy default: resolved tickets close themselves after 7 days. */
export const DEFAULT_TICKET_SETTINGS: TicketSettings = { reopenWindowDays: 7 }

/**
 * Status changes staff may make by hand. CLOSED is final, and only a RESOLVED ticket may close, so a
 * question is always answered first. Resolving also needs a public staff reply (checked separately).
 */
export const STAFF_STATUS_CHANGES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  NEW: ['OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED'],
  OPEN: ['WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED'],
  WAITING_ON_CUSTOMER: ['OPEN', 'ESCALATED', 'RESOLVED'],
  ESCALATED: ['OPEN', 'WAITING_ON_CUSTOMER', 'RESOLVED'],
  RESOLVED: ['OPEN', 'CLOSED'],
  CLOSED: [],
}

/** What the status machine needs to know about a ticket. Other fields pass through unchanged. */
export interface TicketState {
  readonly status: TicketStatus
  /** True once staff have sent at least one public reply (internal notes do not count). */
  readonly hasPublicStaffReply: boolean
  /** When the ticket last became RESOLVED; required while RESOLVED. */
  readonly resolvedAt?: Date | number | null
}

/** Who asks for a change: staff by hand, the customer (by replying), or the scheduler. */
export type TicketActor = 'STAFF' | 'CUSTOMER' | 'SYSTEM'

/** Why the status machine refused. */
export type TicketRefusalCode =
  | 'SAME_STATUS'
  | 'NOT_ALLOWED'
  | 'NO_PUBLIC_STAFF_REPLY'
  | 'REPLY_TO_CLOSED'
  | 'REOPEN_WINDOW_PASSED'
  | 'AUTO_CLOSE_NOT_DUE'

/** A refusal with a message saying what to do instead. */
export interface TicketRefusal {
  readonly code: TicketRefusalCode
  readonly message: string
}

/** Context for {@link canTransition}. */
export interface TransitionContext {
  readonly hasPublicStaffReply: boolean
  /** Default STAFF. */
  readonly actor?: TicketActor
  /** Needed for moves out of RESOLVED by the customer or the scheduler. */
  readonly resolvedAt?: Date | number | null
  /** Needed with `resolvedAt`. */
  readonly now?: Date | number
  readonly settings?: Partial<TicketSettings>
}

/** The answer of {@link canTransition}. */
export type TransitionCheck = { readonly ok: true } | { readonly ok: false; readonly refusal: TicketRefusal }

/**
 * May a ticket move `from` -> `to`? Staff follow {@link STAFF_STATUS_CHANGES}; resolving needs a public
 * staff reply. A customer (by replying) may only move WAITING_ON_CUSTOMER -> OPEN, or RESOLVED -> OPEN
 * within the reopen window. The scheduler (SYSTEM) may only close a RESOLVED ticket once the window is over.
 */
export function canTransition(from: TicketStatus, to: TicketStatus, context: TransitionContext): TransitionCheck {
  const actor = context.actor ?? 'STAFF'
  if (from === to) return refuse('SAME_STATUS', `The ticket is already ${TICKET_STATUS_LABELS[to].toLowerCase()}.`)
  if (from === 'CLOSED') {
    return refuse('NOT_ALLOWED', 'A closed ticket is final and cannot change; open a new ticket that refers to it.')
  }
  if (actor === 'CUSTOMER') {
    if (from === 'WAITING_ON_CUSTOMER' && to === 'OPEN') return { ok: true }
    if (from === 'RESOLVED' && to === 'OPEN') return checkReopenWindow(context)
    return refuse('NOT_ALLOWED', `A customer cannot move a ticket from ${label(from)} to ${label(to)}; only support staff can.`)
  }
  if (actor === 'SYSTEM') {
    if (from === 'RESOLVED' && to === 'CLOSED') {
      const due = autoCloseDueAt(requireResolvedAt(context.resolvedAt), context.settings)
      if (toMs(requireNow(context.now)) < due) {
        return refuse('AUTO_CLOSE_NOT_DUE', `The ticket closes itself at ${new Date(due).toISOString()}, not before.`)
      }
      return { ok: true }
    }
    return refuse('NOT_ALLOWED', `The scheduler only closes resolved tickets; it cannot move ${label(from)} to ${label(to)}.`)
  }
  if (!STAFF_STATUS_CHANGES[from].includes(to)) {
    const days = context.settings?.reopenWindowDays ?? DEFAULT_TICKET_SETTINGS.reopenWindowDays
    const hint =
      to === 'CLOSED'
        ? ` Resolve it first with a public answer; it closes itself ${days} days later.`
        : from === 'RESOLVED'
          ? ' Reopen it first.'
          : ''
    return refuse('NOT_ALLOWED', `A ticket cannot move from ${label(from)} to ${label(to)}.${hint}`)
  }
  if (to === 'RESOLVED' && !context.hasPublicStaffReply) {
    return refuse(
      'NO_PUBLIC_STAFF_REPLY',
      'A ticket can be resolved only after staff have sent at least one public reply: answer the customer first.',
    )
  }
  return { ok: true }
}

/** Something that happens to a ticket. */
export type TicketEvent =
  /** Staff write a public reply or an internal note. */
  | { readonly type: 'STAFF_REPLY'; readonly visibility: 'PUBLIC' | 'INTERNAL' }
  /** The customer replies (portal, API). */
  | { readonly type: 'CUSTOMER_REPLY' }
  /** Staff set a status by hand. */
  | { readonly type: 'CHANGE_STATUS'; readonly to: TicketStatus }
  /** Staff escalate to Professional Services (a quote is started). */
  | { readonly type: 'ESCALATE' }
  /** The quote of an escalated ticket was accepted, declined, withdrawn or expired: work resumes. */
  | { readonly type: 'QUOTE_DECIDED' }
  /** The scheduler's 7-day close of a resolved ticket. */
  | { readonly type: 'AUTO_CLOSE' }

/** The result of {@link transition}: the updated ticket, or a refusal. */
export type TransitionResult<T extends TicketState> =
  | {
      readonly ok: true
      readonly ticket: T
      readonly from: TicketStatus
      readonly to: TicketStatus
      readonly changed: boolean
      readonly slaEffect: SlaClockEffect
    }
  | { readonly ok: false; readonly refusal: TicketRefusal }

/**
 * Applies `event` to `ticket` at `now` (no clock is read). A public staff reply opens a NEW ticket;
 * a customer reply reopens WAITING_ON_CUSTOMER, and RESOLVED within 7 days (later it is refused, as is
 * any reply to a CLOSED ticket); internal notes never change the status and are allowed even on closed
 * tickets. A decided quote returns an ESCALATED ticket to OPEN. AUTO_CLOSE closes a RESOLVED ticket
 * 7 days after it was resolved and is a no-op on a ticket that is no longer resolved.
 * Entering RESOLVED stamps `resolvedAt = now`; leaving it clears `resolvedAt`.
 */
export function transition<T extends TicketState>(
  ticket: T,
  event: TicketEvent,
  now: Date | number,
  settings: Partial<TicketSettings> = {},
): TransitionResult<T> {
  const from = ticket.status
  const context: TransitionContext = {
    hasPublicStaffReply: ticket.hasPublicStaffReply,
    resolvedAt: ticket.resolvedAt ?? null,
    now,
    settings,
  }
  const unchanged = (next: T = ticket): TransitionResult<T> => ({
    ok: true,
    ticket: next,
    from,
    to: from,
    changed: false,
    slaEffect: 'NONE',
  })
  const move = (to: TicketStatus, actor: TicketActor, base: T = ticket): TransitionResult<T> => {
    const check = canTransition(from, to, { ...context, hasPublicStaffReply: base.hasPublicStaffReply, actor })
    if (!check.ok) return check
    const resolvedAt = to === 'RESOLVED' ? new Date(toMs(now)) : null
    return {
      ok: true,
      ticket: { ...base, status: to, resolvedAt },
      from,
      to,
      changed: true,
      slaEffect: slaClockEffect(from, to),
    }
  }

  switch (event.type) {
    case 'STAFF_REPLY': {
      if (event.visibility === 'INTERNAL') return unchanged()
      if (from === 'CLOSED') return replyToClosed()
      const replied: T = { ...ticket, hasPublicStaffReply: true }
      return from === 'NEW' ? move('OPEN', 'STAFF', replied) : unchanged(replied)
    }
    case 'CUSTOMER_REPLY':
      if (from === 'CLOSED') return replyToClosed()
      if (from === 'WAITING_ON_CUSTOMER' || from === 'RESOLVED') return move('OPEN', 'CUSTOMER')
      return unchanged()
    case 'CHANGE_STATUS':
      return move(event.to, 'STAFF')
    case 'ESCALATE':
      return move('ESCALATED', 'STAFF')
    case 'QUOTE_DECIDED':
      return from === 'ESCALATED' ? move('OPEN', 'STAFF') : unchanged()
    case 'AUTO_CLOSE':
      return from === 'RESOLVED' ? move('CLOSED', 'SYSTEM') : unchanged()
  }
}

/** Like {@link transition}, but throws DomainError INVALID_TRANSITION (details.reason = refusal code) on refusal. */
export function transitionOrThrow<T extends TicketState>(
  ticket: T,
  event: TicketEvent,
  now: Date | number,
  settings: Partial<TicketSettings> = {},
): Extract<TransitionResult<T>, { ok: true }> {
  const result = transition(ticket, event, now, settings)
  if (!result.ok) {
    throw new DomainError('INVALID_TRANSITION', result.refusal.message, { reason: result.refusal.code })
  }
  return result
}

/** The statuses staff may pick now for this ticket (for a status menu). */
export function allowedStatusChanges(ticket: TicketState): TicketStatus[] {
  return STAFF_STATUS_CHANGES[ticket.status].filter(
    (to) => canTransition(ticket.status, to, { hasPublicStaffReply: ticket.hasPublicStaffReply }).ok,
  )
}

/** When a ticket resolved at `resolvedAt` closes itself: 7 × 24 hours later (epoch ms). */
export function autoCloseDueAt(resolvedAt: Date | number, settings: Partial<TicketSettings> = {}): number {
  const days = settings.reopenWindowDays ?? DEFAULT_TICKET_SETTINGS.reopenWindowDays
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new DomainError('VALIDATION', 'The reopen window must be a whole number of days, 0 or more.', {
      field: 'reopenWindowDays',
    })
  }
  return toMs(resolvedAt) + days * 86_400_000
}

function checkReopenWindow(context: TransitionContext): TransitionCheck {
  const resolvedAt = requireResolvedAt(context.resolvedAt)
  const due = autoCloseDueAt(resolvedAt, context.settings)
  if (toMs(requireNow(context.now)) >= due) {
    const days = context.settings?.reopenWindowDays ?? DEFAULT_TICKET_SETTINGS.reopenWindowDays
    return refuse(
      'REOPEN_WINDOW_PASSED',
      `This ticket was resolved more than ${days} days ago and takes no more replies; please open a new ticket.`,
    )
  }
  return { ok: true }
}

function replyToClosed<T extends TicketState>(): TransitionResult<T> {
  return refuse('REPLY_TO_CLOSED', 'This ticket is closed and takes no more replies; please open a new ticket.')
}

function refuse(code: TicketRefusalCode, message: string): { ok: false; refusal: TicketRefusal } {
  return { ok: false, refusal: { code, message } }
}

function label(status: TicketStatus): string {
  return TICKET_STATUS_LABELS[status].toLowerCase()
}

function requireResolvedAt(value: Date | number | null | undefined): Date | number {
  if (value == null) {
    throw new DomainError('VALIDATION', 'A resolved ticket must record when it was resolved (resolvedAt).', {
      field: 'resolvedAt',
    })
  }
  return value
}

function requireNow(value: Date | number | undefined): Date | number {
  if (value === undefined) throw new DomainError('VALIDATION', 'The current time (now) is needed for this check.')
  return value
}

function toMs(value: Date | number): number {
  const ms = typeof value === 'number' ? value : value.getTime()
  if (!Number.isFinite(ms)) throw new DomainError('VALIDATION', 'A time must be a valid point in time.')
  return ms
}
