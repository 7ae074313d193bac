import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  calendarFor,
  computeDueTimes,
  DEFAULT_DESKS,
  pauseShift,
  shiftDue,
  warningAt,
  type BusinessCalendar,
  type DeskCode,
  type DeskDefinition,
  type SupportPlanForClock,
} from '../index.js'

const MINUTE = 60_000
const FROM = Date.UTC(2026, 0, 1)
const TO = Date.UTC(2028, 0, 1) // receipts across 2026 and 2027
const runs = { numRuns: 500 }

// Random milliseconds rarely land on an opening or closing, so half the instants are whole UTC hours (every
// opening and closing of the shipped desks is one) or one millisecond before one.
const anyMs = fc.integer({ min: FROM, max: TO - 1 })
const onTheHour = anyMs.map((t) => t - (t % 3_600_000))
const instant = fc.oneof(anyMs, onTheHour, onTheHour.map((t) => Math.max(FROM, t - 1)))
const setup = fc.constantFrom<[SupportPlanForClock, DeskCode]>(
  ['STANDARD', 'PACIFIC'],
  ['STANDARD', 'UK'],
  ['PREMIUM', 'PACIFIC'],
  ['PREMIUM', 'UK'],
)
const dueTimes = (plan: SupportPlanForClock, calendar: BusinessCalendar, receivedAt: number) => {
  const due = computeDueTimes({ plan, calendar, receivedAt })
  return [due.firstResponseDueAt, due.resolutionDueAt]
}

// An independent oracle: read the wall clock of each desk with luxon and apply the policy's words directly.
const deskOpenAt = (desk: DeskDefinition, t: number): boolean => {
  const local = DateTime.fromMillis(t, { zone: desk.timeZone })
  if (desk.holidays.includes(local.toISODate() ?? '')) return false
  const hhmm = local.toFormat('HH:mm')
  return desk.weeklyHours.some((w) => w.weekday === local.weekday && w.opens <= hhmm && hhmm < w.closes)
}

describe('properties (fast-check)', () => {
  it('isOpen agrees with reading each desk’s wall clock directly', () => {
    fc.assert(
      fc.property(setup, instant, ([plan, desk], t) => {
        const desks = plan === 'PREMIUM' ? [DEFAULT_DESKS.PACIFIC, DEFAULT_DESKS.UK] : [DEFAULT_DESKS[desk]]
        expect(calendarFor(plan, desk).isOpen(t)).toBe(desks.some((d) => deskOpenAt(d, t)))
      }),
      { numRuns: 2000 },
    )
  })

  it('businessMsBetween(r, addBusinessMs(r, N)) === N', () => {
    fc.assert(
      fc.property(setup, instant, fc.integer({ min: 0, max: 200 * 60 * MINUTE }), ([plan, desk], r, n) => {
        const cal = calendarFor(plan, desk)
        const end = cal.addBusinessMs(r, n)
        expect(end).toBeGreaterThanOrEqual(r)
        expect(cal.businessMsBetween(r, end)).toBe(n)
      }),
      runs,
    )
  })

  it('due times never fall inside closed time, except at the end of a stretch', () => {
    fc.assert(
      fc.property(setup, instant, ([plan, desk], r) => {
        const cal = calendarFor(plan, desk)
        for (const due of dueTimes(plan, cal, r)) {
          expect(due).toBeGreaterThan(r)
          expect(cal.isOpen(due) || cal.isOpen(due - 1)).toBe(true) // open, or closed since exactly `due`
        }
      }),
      runs,
    )
  })

  it('due times never move earlier when receipt moves later', () => {
    fc.assert(
      fc.property(setup, instant, instant, ([plan, desk], a, b) => {
        const cal = calendarFor(plan, desk)
        const [early, late] = a <= b ? [a, b] : [b, a]
        const before = dueTimes(plan, cal, early)
        const after = dueTimes(plan, cal, late)
        before.forEach((due, i) => expect(after[i]).toBeGreaterThanOrEqual(due))
      }),
      runs,
    )
  })

  it('pausing for P business minutes moves every due time by exactly P business minutes', () => {
    fc.assert(
      fc.property(
        setup,
        instant,
        fc.integer({ min: 0, max: 5 * 24 * 60 * MINUTE }),
        fc.integer({ min: 0, max: 3000 }),
        ([plan, desk], r, pauseAfter, p) => {
          const cal = calendarFor(plan, desk)
          const pausedAt = r + pauseAfter
          const resumedAt = cal.addBusinessMs(pausedAt, p * MINUTE) // a pause that lasts P business minutes
          const shift = pauseShift(cal, pausedAt, resumedAt)
          expect(shift).toBe(p * MINUTE)
          for (const due of dueTimes(plan, cal, r)) {
            const moved = shiftDue(cal, due, shift)
            expect(moved).toBeGreaterThanOrEqual(due)
            expect(cal.businessMsBetween(due, moved)).toBe(p * MINUTE)
            expect(cal.businessMsBetween(r, moved)).toBe(cal.businessMsBetween(r, due) + p * MINUTE)
          }
        },
      ),
      runs,
    )
  })

  it('the warning fires after 75% of the business time to the due time, never after the due time', () => {
    fc.assert(
      fc.property(setup, instant, ([plan, desk], r) => {
        const cal = calendarFor(plan, desk)
        for (const due of dueTimes(plan, cal, r)) {
          const warn = warningAt(cal, r, due)
          expect(warn).toBeLessThanOrEqual(due)
          expect(cal.businessMsBetween(r, warn)).toBe(Math.ceil(cal.businessMsBetween(r, due) * 0.75))
        }
      }),
      runs,
    )
  })

  it('years built in any order add up: business time over many years is additive and adding inverts it', () => {
    // Instants over 2024-2033 in random order, so each calendar builds its years out of order and with gaps
    // (within the 10 years addBusinessMs searches ahead).
    const wide = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2034, 0, 1) - 1 })
    fc.assert(
      fc.property(setup, wide, wide, wide, ([plan, desk], a, b, c) => {
        const cal = calendarFor(plan, desk)
        expect(cal.businessMsBetween(a, c)).toBe(cal.businessMsBetween(a, b) + cal.businessMsBetween(b, c))
        const [from, to] = a <= c ? [a, c] : [c, a]
        const n = cal.businessMsBetween(from, to)
        const end = cal.addBusinessMs(from, n)
        // The instant n business ms after `from`: `to` itself, or the end of the stretch before it when closed.
        expect(end).toBeLessThanOrEqual(to)
        expect(cal.businessMsBetween(end, to)).toBe(0)
        expect(cal.isOpen(b)).toBe((plan === 'PREMIUM' ? [DEFAULT_DESKS.PACIFIC, DEFAULT_DESKS.UK] : [DEFAULT_DESKS[desk]]).some((d) => deskOpenAt(d, b)))
      }),
      { numRuns: 200 },
    )
  })

  it('openStretches are sorted, apart (merged where they touch) and add up to businessMsBetween', () => {
    fc.assert(
      fc.property(setup, instant, fc.integer({ min: 0, max: 21 * 24 * 60 * MINUTE }), ([plan, desk], from, span) => {
        const cal = calendarFor(plan, desk)
        const list = cal.openStretches(from, from + span)
        let total = 0
        list.forEach((s, i) => {
          expect(s.end).toBeGreaterThan(s.start)
          if (i > 0) expect(s.start).toBeGreaterThan(list[i - 1]!.end)
          total += s.end - s.start
        })
        expect(total).toBe(cal.businessMsBetween(from, from + span))
      }),
      runs,
    )
  })
})
