import { DomainError, type DomainErrorCode } from '../errors/index.js'

/**
 * Every failure of the SLA clock is an `SlaError`: a DomainError (so the API maps it like any other, by `code`)
 * with a finer `reason` and a human `message`. Desk definitions are checked up front by `validateDeskDefinition`,
 * which returns the list of problems instead of throwing, so an admin screen can show all of them at once.
 */
export type SlaErrorReason =
  | 'INVALID_INSTANT' // not an epoch-millisecond number within the Date range
  | 'INVALID_DURATION' // negative or not finite business time
  | 'INVALID_INTERVAL' // an interval whose end is before its start
  | 'UNKNOWN_PLAN'
  | 'UNKNOWN_DESK'
  | 'INVALID_DESK_DEFINITION' // see `problems`
  | 'INVALID_SETTINGS'
  | 'NO_OPEN_TIME' // the calendar has no open time (or never closes) within the search horizon
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

/** The range of a JavaScript Date: +-100,000,000 days around 1970. */
const MAX_INSTANT = 8.64e15

export function assertInstant(t: number, what = 'instant'): void {
  if (typeof t !== 'number' || !(Math.abs(t) <= MAX_INSTANT)) {
    throw new SlaError('INVALID_INSTANT', `${what} must be an epoch-millisecond number within the Date range, got ${String(t)}`)
  }
}

export function assertDuration(ms: number, what = 'business time'): void {
  if (!Number.isFinite(ms) || ms < 0) throw new SlaError('INVALID_DURATION', `${what} must be a finite number of milliseconds >= 0, got ${String(ms)}`)
}
