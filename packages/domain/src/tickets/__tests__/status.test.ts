import { describe, expect, it } from 'vitest'
import { DomainError } from '../../errors/index.js'
import {
  SLA_PAUSING_STATUSES,
  TICKET_STATUSES,
  allowedStatusChanges,
  autoCloseDueAt,
  canTransition,
  pausesSlaClocks,
  slaClockEffect,
  transition,
  transitionOrThrow,
  type TicketEvent,
  type TicketState,
  type TicketStatus,
} from '../index.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const resolvedAt = Date.UTC(2026, 2, 2, 10, 0, 0) // 2026-03-02T10:00Z
const now = Date.UTC(2026, 2, 3, 9, 0, 0)

/** Staff moves by hand, written out from section 6: closing only after resolving, CLOSED final. */
const STAFF_ALLOWED: Record<TicketStatus, TicketStatus[]> = {
  NEW: ['OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED'],
  OPEN: ['WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED'],
  WAITING_ON_CUSTOMER: ['OPEN', 'ESCALATED', 'RESOLVED'],
  ESCALATED: ['OPEN', 'WAITING_ON_CUSTOMER', 'RESOLVED'],
  RESOLVED: ['OPEN', 'CLOSED'],
  CLOSED: [],
}

const ticket = (status: TicketStatus, over: Partial<TicketState> = {}): TicketState => ({
  status,
  hasPublicStaffReply: true,
  resolvedAt: status === 'RESOLVED' ? resolvedAt : null,
  ...over,
})

const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const))

describe('staff status changes', () => {
  it.each(pairs)('%s -> %s', (from, to) => {
    const check = canTransition(from, to, { hasPublicStaffReply: true })
    expect(check.ok).toBe(STAFF_ALLOWED[from].includes(to))
    if (!check.ok) {
      expect(check.refusal.message.length).toBeGreaterThan(10)
      expect(check.refusal.code).toBe(from === to ? 'SAME_STATUS' : 'NOT_ALLOWED')
    }
  })

  it('cannot resolve without at least one public staff reply, from any status', () => {
    for (const from of ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED'] as const) {
      const check = canTransition(from, 'RESOLVED', { hasPublicStaffReply: false })
      expect(check).toEqual({
        ok: false,
        refusal: {
          code: 'NO_PUBLIC_STAFF_REPLY',
          message: 'A ticket can be resolved only after staff have sent at least one public reply: answer the customer first.',
        },
      })
    }
  })

  it('other moves do not need a public reply', () => {
    expect(canTransition('NEW', 'ESCALATED', { hasPublicStaffReply: false }).ok).toBe(true)
    expect(canTransition('NEW', 'WAITING_ON_CUSTOMER', { hasPublicStaffReply: false }).ok).toBe(true)
  })

  it('explains how to close an unresolved ticket and that closed is final', () => {
    const close = canTransition('OPEN', 'CLOSED', { hasPublicStaffReply: true })
    expect(!close.ok && close.refusal.message).toBe(
      'A ticket cannot move from open to closed. Resolve it first with a public answer; it closes itself 7 days later.',
    )
    const reopen = canTransition('CLOSED', 'OPEN', { hasPublicStaffReply: true })
    expect(!reopen.ok && reopen.refusal.message).toMatch(/closed ticket is final/)
  })

  it('offers only the moves that would succeed', () => {
    expect(allowedStatusChanges(ticket('OPEN'))).toEqual(['WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED'])
    expect(allowedStatusChanges(ticket('OPEN', { hasPublicStaffReply: false }))).toEqual(['WAITING_ON_CUSTOMER', 'ESCALATED'])
    expect(allowedStatusChanges(ticket('CLOSED'))).toEqual([])
  })
})

describe('customer and scheduler moves', () => {
  it.each(pairs)('a customer: %s -> %s', (from, to) => {
    const check = canTransition(from, to, { hasPublicStaffReply: true, actor: 'CUSTOMER', resolvedAt, now })
    const allowed = to === 'OPEN' && (from === 'WAITING_ON_CUSTOMER' || from === 'RESOLVED')
    expect(check.ok).toBe(allowed)
  })

  it.each(pairs)('the scheduler: %s -> %s', (from, to) => {
    const check = canTransition(from, to, { hasPublicStaffReply: true, actor: 'SYSTEM', resolvedAt, now: resolvedAt + 7 * DAY })
    expect(check.ok).toBe(from === 'RESOLVED' && to === 'CLOSED')
  })

  it('needs to know when a ticket was resolved to judge the 7 days', () => {
    expect(() => canTransition('RESOLVED', 'OPEN', { hasPublicStaffReply: true, actor: 'CUSTOMER', now })).toThrow(DomainError)
  })
})

describe('transition events', () => {
  const apply = (state: TicketState, event: TicketEvent, at = now) => transition(state, event, at)

  it('a public staff reply opens a NEW ticket and is remembered', () => {
    const result = apply(ticket('NEW', { hasPublicStaffReply: false }), { type: 'STAFF_REPLY', visibility: 'PUBLIC' })
    expect(result).toMatchObject({ ok: true, from: 'NEW', to: 'OPEN', changed: true, slaEffect: 'NONE' })
    expect(result.ok && result.ticket).toMatchObject({ status: 'OPEN', hasPublicStaffReply: true })
  })

  it('a public staff reply leaves other statuses as they are', () => {
    for (const status of ['OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED'] as const) {
      const result = apply(ticket(status, { hasPublicStaffReply: false }), { type: 'STAFF_REPLY', visibility: 'PUBLIC' })
      expect(result).toMatchObject({ ok: true, changed: false, to: status })
      expect(result.ok && result.ticket.hasPublicStaffReply).toBe(true)
    }
  })

  it('an internal note changes nothing, even on a closed ticket, and does not count as a reply', () => {
    for (const status of TICKET_STATUSES) {
      const result = apply(ticket(status, { hasPublicStaffReply: false }), { type: 'STAFF_REPLY', visibility: 'INTERNAL' })
      expect(result).toMatchObject({ ok: true, changed: false })
      expect(result.ok && result.ticket.hasPublicStaffReply).toBe(false)
    }
  })

  it('replies to a CLOSED ticket are refused, from staff and customer', () => {
    for (const event of [{ type: 'CUSTOMER_REPLY' }, { type: 'STAFF_REPLY', visibility: 'PUBLIC' }] as const) {
      const result = apply(ticket('CLOSED'), event)
      expect(result).toEqual({
        ok: false,
        refusal: { code: 'REPLY_TO_CLOSED', message: 'This ticket is closed and takes no more replies; please open a new ticket.' },
      })
    }
  })

  it('a customer reply reopens WAITING_ON_CUSTOMER and resumes the clocks', () => {
    const result = apply(ticket('WAITING_ON_CUSTOMER'), { type: 'CUSTOMER_REPLY' })
    expect(result).toMatchObject({ ok: true, from: 'WAITING_ON_CUSTOMER', to: 'OPEN', slaEffect: 'RESUME' })
  })

  it('a customer reply leaves NEW, OPEN and ESCALATED as they are', () => {
    for (const status of ['NEW', 'OPEN', 'ESCALATED'] as const) {
      expect(apply(ticket(status), { type: 'CUSTOMER_REPLY' })).toMatchObject({ ok: true, changed: false, to: status })
    }
  })

  describe('a customer reply to a RESOLVED ticket', () => {
    it('reopens it within 7 days and clears resolvedAt', () => {
      const result = apply(ticket('RESOLVED'), { type: 'CUSTOMER_REPLY' }, resolvedAt + 7 * DAY - 1)
      expect(result).toMatchObject({ ok: true, to: 'OPEN', changed: true })
      expect(result.ok && result.ticket.resolvedAt).toBeNull()
    })

    it('reopens it right after resolving', () => {
      expect(apply(ticket('RESOLVED'), { type: 'CUSTOMER_REPLY' }, resolvedAt).ok).toBe(true)
    })

    it('is refused at exactly 7 days, when the ticket is due to close', () => {
      const result = apply(ticket('RESOLVED'), { type: 'CUSTOMER_REPLY' }, resolvedAt + 7 * DAY)
      expect(result).toEqual({
        ok: false,
        refusal: {
          code: 'REOPEN_WINDOW_PASSED',
          message: 'This ticket was resolved more than 7 days ago and takes no more replies; please open a new ticket.',
        },
      })
    })

    it('accepts Date values', () => {
      const state = ticket('RESOLVED', { resolvedAt: new Date(resolvedAt) })
      expect(transition(state, { type: 'CUSTOMER_REPLY' }, new Date(resolvedAt + DAY)).ok).toBe(true)
    })

    it('follows a reopen window an admin has changed', () => {
      expect(transition(ticket('RESOLVED'), { type: 'CUSTOMER_REPLY' }, resolvedAt + 10 * DAY, { reopenWindowDays: 14 }).ok).toBe(
        true,
      )
    })
  })

  it('resolving stamps resolvedAt with now, and is refused without a public reply', () => {
    const result = apply(ticket('OPEN'), { type: 'CHANGE_STATUS', to: 'RESOLVED' })
    expect(result.ok && result.ticket.resolvedAt).toEqual(new Date(now))
    const refused = apply(ticket('OPEN', { hasPublicStaffReply: false }), { type: 'CHANGE_STATUS', to: 'RESOLVED' })
    expect(refused.ok || refused.refusal.code).toBe('NO_PUBLIC_STAFF_REPLY')
  })

  it('escalating pauses the clocks, and a decided quote reopens the ticket and resumes them', () => {
    const escalated = apply(ticket('OPEN'), { type: 'ESCALATE' })
    expect(escalated).toMatchObject({ ok: true, to: 'ESCALATED', slaEffect: 'PAUSE' })
    const decided = apply(ticket('ESCALATED'), { type: 'QUOTE_DECIDED' })
    expect(decided).toMatchObject({ ok: true, to: 'OPEN', slaEffect: 'RESUME' })
    expect(apply(ticket('OPEN'), { type: 'QUOTE_DECIDED' })).toMatchObject({ ok: true, changed: false })
    expect(apply(ticket('RESOLVED'), { type: 'ESCALATE' }).ok).toBe(false)
    expect(apply(ticket('ESCALATED'), { type: 'ESCALATE' })).toMatchObject({ ok: false, refusal: { code: 'SAME_STATUS' } })
  })

  describe('AUTO_CLOSE', () => {
    it('closes a resolved ticket exactly 7 days after it was resolved', () => {
      expect(autoCloseDueAt(resolvedAt)).toBe(resolvedAt + 7 * DAY)
      expect(apply(ticket('RESOLVED'), { type: 'AUTO_CLOSE' }, resolvedAt + 7 * DAY)).toMatchObject({
        ok: true,
        to: 'CLOSED',
        changed: true,
      })
    })

    it('is refused a moment before', () => {
      const result = apply(ticket('RESOLVED'), { type: 'AUTO_CLOSE' }, resolvedAt + 7 * DAY - 1)
      expect(result.ok || result.refusal.code).toBe('AUTO_CLOSE_NOT_DUE')
      expect(result.ok || result.refusal.message).toBe('The ticket closes itself at 2026-03-09T10:00:00.000Z, not before.')
    })

    it('does nothing to a ticket that was reopened or is already closed', () => {
      for (const status of ['OPEN', 'CLOSED', 'WAITING_ON_CUSTOMER'] as const) {
        expect(apply(ticket(status), { type: 'AUTO_CLOSE' }, resolvedAt + 30 * DAY)).toMatchObject({ ok: true, changed: false })
      }
    })
  })

  it('keeps fields it does not know about', () => {
    const state = { ...ticket('NEW'), id: 't-1', number: 123 }
    const result = transition(state, { type: 'CHANGE_STATUS', to: 'OPEN' }, now)
    expect(result.ok && result.ticket).toMatchObject({ id: 't-1', number: 123, status: 'OPEN' })
  })

  it('every staff status change through events agrees with canTransition', () => {
    for (const [from, to] of pairs) {
      const result = transition(ticket(from), { type: 'CHANGE_STATUS', to }, now)
      expect(result.ok).toBe(STAFF_ALLOWED[from].includes(to))
    }
  })

  it('transitionOrThrow throws INVALID_TRANSITION with the refusal code', () => {
    try {
      transitionOrThrow(ticket('CLOSED'), { type: 'CUSTOMER_REPLY' }, now)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError)
      expect((error as DomainError).code).toBe('INVALID_TRANSITION')
      expect((error as DomainError).details).toEqual({ reason: 'REPLY_TO_CLOSED' })
    }
    expect(transitionOrThrow(ticket('NEW'), { type: 'CHANGE_STATUS', to: 'OPEN' }, now).to).toBe('OPEN')
  })
})

describe('SLA pauses', () => {
  it('WAITING_ON_CUSTOMER and ESCALATED pause the clocks, nothing else', () => {
    expect(SLA_PAUSING_STATUSES).toEqual(['WAITING_ON_CUSTOMER', 'ESCALATED'])
    expect(TICKET_STATUSES.filter(pausesSlaClocks)).toEqual(['WAITING_ON_CUSTOMER', 'ESCALATED'])
  })

  it.each([
    ['OPEN', 'WAITING_ON_CUSTOMER', 'PAUSE'],
    ['NEW', 'ESCALATED', 'PAUSE'],
    ['WAITING_ON_CUSTOMER', 'OPEN', 'RESUME'],
    ['ESCALATED', 'RESOLVED', 'RESUME'],
    ['WAITING_ON_CUSTOMER', 'ESCALATED', 'NONE'],
    ['NEW', 'OPEN', 'NONE'],
    ['OPEN', 'RESOLVED', 'NONE'],
  ] as const)('%s -> %s: %s', (from, to, effect) => {
    expect(slaClockEffect(from, to)).toBe(effect)
  })
})
