import { DomainError } from '../errors/index.js'
import {
  addCalendarDays,
  addCalendarYears,
  calendarDaysBetween,
  compareCalendarDates,
  parseCalendarDate,
  type CalendarDate,
} from './calendar-date.js'

/** The two contract kinds of the policy (section 3). */
export const CONTRACT_KINDS = ['MAINTENANCE', 'PREMIUM_SUPPORT'] as const

/** One of {@link CONTRACT_KINDS}. */
export type ContractKind = (typeof CONTRACT_KINDS)[number]

/** Names of the contract kinds for people. */
export const CONTRACT_KIND_LABELS: Readonly<Record<ContractKind, string>> = {
  MAINTENANCE: 'Maintenance',
  PREMIUM_SUPPORT: 'Premium Support',
}

/** Derived status of a contract (never stored, always computed from its terms and today). */
export const CONTRACT_STATUSES = ['UPCOMING', 'ACTIVE', 'EXPIRING', 'LAPSED', 'CANCELLED'] as const

/** One of {@link CONTRACT_STATUSES}. */
export type ContractStatus = (typeof CONTRACT_STATUSES)[number]

/**
 * Status of a single term: a contract status, or `RENEWED` for a term that has ended and was followed
 * by its renewal (history; the contract's status then comes from the renewal term).
 */
export type TermStatus = ContractStatus | 'RENEWED'

/** Statuses in which a contract entitles its key contacts to support. */
export const ENTITLING_CONTRACT_STATUSES: readonly ContractStatus[] = ['ACTIVE', 'EXPIRING']

/** A term is EXPIRING when this many days or fewer are left (an admin setting; default 60). */
export const DEFAULT_EXPIRING_WITHIN_DAYS = 60

/** First and last day of a term, both inclusive, as calendar dates in the customer's home-desk time zone. */
export interface TermDates {
  readonly start: CalendarDate
  readonly end: CalendarDate
}

/** A term with what happened to it: cancelled from a date, or renewed into a next term. */
export interface ContractTerm extends TermDates {
  /** The day the cancellation took effect (home-desk calendar date); from this day on the term is CANCELLED. */
  readonly cancelledAt?: CalendarDate | null
  /** True once the next term exists; a renewed term is never EXPIRING and never LAPSED. */
  readonly renewed?: boolean
}

/** Checks both dates and that the start is not after the end; throws VALIDATION. */
export function checkTermDates(term: TermDates): TermDates {
  const start = parseCalendarDate(term.start, 'Term start')
  const end = parseCalendarDate(term.end, 'Term end')
  if (compareCalendarDates(start, end) > 0) {
    throw new DomainError('VALIDATION', `The term cannot end (${end}) before it starts (${start}).`, { field: 'end' })
  }
  return { start, end }
}

/** Number of days in a term, both ends included: 2026-01-01..2026-12-31 is 365. */
export function termLengthInDays(term: TermDates): number {
  const { start, end } = checkTermDates(term)
  return calendarDaysBetween(start, end) + 1
}

/**
 * Days of cover left on `today`, counting today and the last day: on the last day 1 is left, the day
 * after the end 0, and before the start the whole term. This is the count compared with the
 * EXPIRING threshold.
 */
export function daysLeftInTerm(term: TermDates, today: CalendarDate): number {
  const { start, end } = checkTermDates(term)
  const day = parseCalendarDate(today, 'today')
  if (compareCalendarDates(day, end) > 0) return 0
  const from = compareCalendarDates(day, start) < 0 ? start : day
  return calendarDaysBetween(from, end) + 1
}

/**
 * The status of one term on `today` (a calendar date in the customer's home-desk zone, see `todayIn`):
 * - `CANCELLED` from `cancelledAt` on (before that day the term has its normal status);
 * - `UPCOMING` before `start`;
 * - `EXPIRING` from `start` to `end` when `expiringWithinDays` days or fewer are left, counting today and
 *   the last day ({@link daysLeftInTerm}): with 60, a term ending 2026-12-31 is ACTIVE on 2026-11-01
 *   (61 days left, i.e. exactly 60 days before the end) and EXPIRING from 2026-11-02 (60 left) through
 *   2026-12-31 (1 left). A renewed term stays ACTIVE to its end: its renewal is already in place;
 * - `ACTIVE` otherwise between `start` and `end`;
 * - after `end`: `LAPSED` if not renewed, else `RENEWED`.
 */
export function termStatus(
  term: ContractTerm,
  today: CalendarDate,
  expiringWithinDays: number = DEFAULT_EXPIRING_WITHIN_DAYS,
): TermStatus {
  const { start, end } = checkTermDates(term)
  const day = parseCalendarDate(today, 'today')
  if (!Number.isSafeInteger(expiringWithinDays) || expiringWithinDays < 0) {
    throw new DomainError('VALIDATION', 'The expiring warning period must be a whole number of days, 0 or more.', {
      field: 'expiringWithinDays',
    })
  }
  if (term.cancelledAt != null) {
    const cancelledAt = parseCalendarDate(term.cancelledAt, 'Cancellation date')
    if (compareCalendarDates(day, cancelledAt) >= 0) return 'CANCELLED'
  }
  if (compareCalendarDates(day, start) < 0) return 'UPCOMING'
  if (compareCalendarDates(day, end) > 0) return term.renewed ? 'RENEWED' : 'LAPSED'
  if (term.renewed) return 'ACTIVE'
  return daysLeftInTerm({ start, end }, day) <= expiringWithinDays ? 'EXPIRING' : 'ACTIVE'
}

/**
 * The status of a contract from all its terms (any order) on `today`. The term that has started most
 * recently decides; it counts as renewed when a later term exists (its `renewed` flag is ignored).
 * When no term has started yet, the first one decides (UPCOMING or CANCELLED). Between an ended term
 * and a renewal that starts later, the contract is UPCOMING.
 */
export function contractStatus(
  terms: readonly ContractTerm[],
  today: CalendarDate,
  expiringWithinDays: number = DEFAULT_EXPIRING_WITHIN_DAYS,
): ContractStatus {
  if (terms.length === 0) throw new DomainError('VALIDATION', 'A contract needs at least one term.')
  const day = parseCalendarDate(today, 'today')
  const sorted = [...terms].sort((a, b) => compareCalendarDates(a.start, b.start))
  let index = -1
  sorted.forEach((term, i) => {
    if (compareCalendarDates(term.start, day) <= 0) index = i
  })
  const current = sorted[Math.max(index, 0)]!
  const renewed = index >= 0 && index < sorted.length - 1
  const status = termStatus({ ...current, renewed }, day, expiringWithinDays)
  return status === 'RENEWED' ? 'UPCOMING' : status
}

/**
 * A one-year term starting on `start`: it ends the day before the same date a year later, so
 * 2026-04-01 runs to 2027-03-31. A term starting on 29 February ends on 28 February of the next year
 * (the anniversary rolls forward to 1 March, so the customer gets a full 366 days, never less than a
 * year), and its renewal starts on 1 March.
 */
export function oneYearTerm(start: CalendarDate): TermDates {
  const first = parseCalendarDate(start, 'Term start')
  return { start: first, end: addCalendarDays(addCalendarYears(first, 1), -1) }
}

/** The renewal of `term`: starts the day after its end and lasts one year ({@link oneYearTerm}). */
export function nextTerm(term: TermDates): TermDates {
  const { end } = checkTermDates(term)
  return oneYearTerm(addCalendarDays(end, 1))
}

/** True when two terms share at least one day (dates inclusive: a term ending on the day another starts overlaps). */
export function termsOverlap(a: TermDates, b: TermDates): boolean {
  const x = checkTermDates(a)
  const y = checkTermDates(b)
  return compareCalendarDates(x.start, y.end) <= 0 && compareCalendarDates(y.start, x.end) <= 0
}

/**
 * The days a term actually covers: from its start to its end, cut short the day before a cancellation.
 * Null when it was cancelled on or before its first day (it covers nothing).
 */
export function coveredDates(term: ContractTerm): TermDates | null {
  const { start, end } = checkTermDates(term)
  if (term.cancelledAt == null) return { start, end }
  const lastCovered = addCalendarDays(parseCalendarDate(term.cancelledAt, 'Cancellation date'), -1)
  if (compareCalendarDates(lastCovered, start) < 0) return null
  return { start, end: compareCalendarDates(lastCovered, end) < 0 ? lastCovered : end }
}

/** True when `term` covers the calendar date `date` (inclusive, cancellation respected). */
export function termCovers(term: ContractTerm, date: CalendarDate): boolean {
  const covered = coveredDates(term)
  const day = parseCalendarDate(date)
  return covered !== null && compareCalendarDates(covered.start, day) <= 0 && compareCalendarDates(day, covered.end) <= 0
}
