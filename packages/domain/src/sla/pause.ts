import type { BusinessCalendar } from './calendar.js'
import { SlaError, assertInstant } from './errors.js'

/**
 * Pauses (waiting on the customer, or on a Professional Services quote decision) stop a ticket's running
 * clocks; on resume every due time moves later by the business time spent paused (policy.md section 5).
 *
 * Lifecycle of one target's clock:
 *   startClock(receivedAt, dueAt)          -> running
 *   pauseClock(clock, pausedAt)            -> paused (due unchanged for now)
 *   resumeClock(calendar, clock, resumedAt)-> running, dueAt shifted by pauseShift(pausedAt, resumedAt)
 * Which clocks are running (e.g. a met first response is not) is the caller's decision.
 */
export interface SlaClock {
  startedAt: number
  dueAt: number
  /** Set while paused. */
  pausedAt: number | null
  /** Business ms spent paused so far; dueAt already includes it. */
  pausedBusinessMs: number
}

/** Business ms that passed while paused, i.e. how far every due time moves. */
export function pauseShift(calendar: BusinessCalendar, pausedAt: number, resumedAt: number): number {
  if (resumedAt < pausedAt) throw new SlaError('INVALID_INTERVAL', 'resumed before it was paused')
  return calendar.businessMsBetween(pausedAt, resumedAt)
}

/** A due time moved later by exactly `pausedBusinessMs` of business time. */
export function shiftDue(calendar: BusinessCalendar, dueAt: number, pausedBusinessMs: number): number {
  return calendar.addBusinessMs(dueAt, pausedBusinessMs)
}

export function startClock(startedAt: number, dueAt: number): SlaClock {
  assertInstant(startedAt, 'startedAt')
  assertInstant(dueAt, 'dueAt')
  return { startedAt, dueAt, pausedAt: null, pausedBusinessMs: 0 }
}

/** Pausing a paused clock keeps the first pause instant. */
export function pauseClock(clock: SlaClock, at: number): SlaClock {
  assertInstant(at, 'pausedAt')
  return clock.pausedAt === null ? { ...clock, pausedAt: at } : clock
}

export function resumeClock(calendar: BusinessCalendar, clock: SlaClock, at: number): SlaClock {
  assertInstant(at, 'resumedAt')
  if (clock.pausedAt === null) throw new SlaError('CLOCK_NOT_PAUSED', 'Cannot resume a clock that is not paused')
  const shift = pauseShift(calendar, clock.pausedAt, at)
  return {
    startedAt: clock.startedAt,
    dueAt: shiftDue(calendar, clock.dueAt, shift),
    pausedAt: null,
    pausedBusinessMs: clock.pausedBusinessMs + shift,
  }
}

/**
 * The clock's warning instant: 75% of the target's own business time (its span without pauses) has elapsed,
 * counting the pauses so far like the due time does. Meaningless while paused: a paused clock neither warns nor breaches.
 */
export function clockWarningAt(calendar: BusinessCalendar, clock: SlaClock, fraction = 0.75): number {
  const targetMs = calendar.businessMsBetween(clock.startedAt, clock.dueAt) - clock.pausedBusinessMs
  return calendar.addBusinessMs(clock.startedAt, Math.max(0, Math.ceil(targetMs * fraction)) + clock.pausedBusinessMs)
}
