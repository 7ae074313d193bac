import { DomainError, type DomainErrorCode } from '../errors/index.js'

/**
 * Every failure of the SLA clock is an `SlaError`: a DomainError (so the API maps it like any other, by `code`)
 * with a finer `reason` and a human `message`. Desk definitions are checked up front by `validateDeskDefinition`,
 * which returns the list of problems instead of throwing, so an admin screen can show all of them at once.
 */
export type SlaErrorReason =
  | 'INVALID_INSTANT' // not an epoch-millisecond number within the supported years, 1970-9999 (UTC)
  | 'INVALID_DURATION' // negative or not finite business time
  | 'INVALID_INTERVAL' // an interval whose end is before its start
  | 'UNKNOWN_PLAN'
  | 'UNKNOWN_DESK'
  | 'INVALID_DESK_DEFINITION' // see `problems`
  | 'INVALID_SETTINGS'
  | 'NO_OPEN_TIME' // the calendar has no open time (or never closes) within the search horizon or the supported years
  | 'CLOCK_NOT_PAUSED'

export interface DeskProblem {
  code:
    | 'MISSING_CODE'
    | 'UNKNOWN_TIME_ZONE'
    | 'NO_WEEKLY_HOURS'
    | 'INVALID_WEEKDAY'
    | 'MALFORMED_TIME'
    | 'CLOSES_NOT_AFTER_OPENS'
    | 'MALFORMED_HOLIDAY'
    | 'HOLIDAY_OUTSIDE_YEAR_RANGE'
    | 'OVERLAPPING_WINDOWS' // two windows of one weekday share time (touching, 12:00 then 12:00, is fine)
    | 'DUPLICATE_HOLIDAY' // the same date listed twice
  /** Where the problem is, e.g. `weeklyHours[2].closes` or `holidays[4]`. */
  path: string
  message: string
}

const DOMAIN_CODE: Record<SlaErrorReason, DomainErrorCode> = {
  INVALID_INSTANT: 'VALIDATION',
  INVALID_DURATION: 'VALIDATION',
  INVALID_INTERVAL: 'VALIDATION',
  UNKNOWN_PLAN: 'VALIDATION',
  UNKNOWN_DESK: 'VALIDATION',
  INVALID_DESK_DEFINITION: 'VALIDATION',
  INVALID_SETTINGS: 'VALIDATION',
  NO_OPEN_TIME: 'RULE_VIOLATION',
  CLOCK_NOT_PAUSED: 'INVALID_TRANSITION',
}

export class SlaError extends DomainError {
  constructor(
    readonly reason: SlaErrorReason,
    message: string,
    readonly problems: readonly DeskProblem[] = [],
  ) {
    super(DOMAIN_CODE[reason], message, problems.length > 0 ? { reason, problems } : { reason })
  }
}

/**
 * The instants the SLA clock answers for: UTC years 1970 to 9999, i.e. [MIN_INSTANT, MAX_INSTANT).
 * Outside them time-zone data is unreliable (before 1970) or dates stop being YYYY-MM-DD (after 9999), and
 * two-digit years would be misread by `Date.UTC`; every entry point rejects them with INVALID_INSTANT, and no
 * answer (a due time, a stretch end) is ever computed beyond them (NO_OPEN_TIME instead).
 */
export const MIN_YEAR = 1970
export const MAX_YEAR = 9999
/** 1970-01-01T00:00:00Z, the first supported instant. */
export const MIN_INSTANT = utcYearStart(MIN_YEAR)
/** 10000-01-01T00:00:00Z, the first instant after the supported years (exclusive bound). */
export const MAX_INSTANT = utcYearStart(MAX_YEAR + 1)
export const INSTANT_RANGE_TEXT = `${MIN_YEAR}-01-01T00:00:00Z and ${MAX_YEAR}-12-31T23:59:59.999Z`

/** Epoch ms of 1 January of `year`, 00:00 UTC. Unlike Date.UTC, years 0-99 are not read as 1900-1999. */
export function utcYearStart(year: number): number {
  return new Date(0).setUTCFullYear(year, 0, 1)
}

export function assertInstant(t: number, what = 'instant'): void {
  if (typeof t !== 'number' || !(t >= MIN_INSTANT && t < MAX_INSTANT)) {
    const shown = typeof t === 'number' && Math.abs(t) <= 8.64e15 ? `${t} (${new Date(t).toISOString()})` : String(t)
    throw new SlaError('INVALID_INSTANT', `${what} must be an epoch-millisecond instant between ${INSTANT_RANGE_TEXT}, got ${shown}`)
  }
}

export function assertDuration(ms: number, what = 'business time'): void {
  if (!Number.isFinite(ms) || ms < 0) throw new SlaError('INVALID_DURATION', `${what} must be a finite number of milliseconds >= 0, got ${String(ms)}`)
}
