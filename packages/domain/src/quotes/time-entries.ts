import { DomainError } from '../errors/index.js'

/** Professional Services time logged so far and the time to add, all in whole minutes. */
export interface TimeEntryCheckInput {
  /** Minutes on the accepted quote (0 when no quote is accepted yet). */
  readonly quotedMinutes: number
  /** Minutes already logged against it. */
  readonly loggedMinutes: number
  /** The new entry. */
  readonly addMinutes: number
  /** Minutes added by further accepted quotes (change orders); default 0. */
  readonly changeOrderMinutes?: number
}

/** OK, OK with a warning, or refused. */
export type TimeEntryOutcome = 'OK' | 'WARNING' | 'REFUSED'

/** The decision with the numbers behind it. */
export interface TimeEntryCheck {
  readonly outcome: TimeEntryOutcome
  /** Empty for OK. */
  readonly message: string
  /** Quoted plus change-order minutes. */
  readonly capacityMinutes: number
  /** Logged minutes if this entry is accepted. */
  readonly loggedAfterMinutes: number
  /** Minutes left after this entry (negative when refused). */
  readonly remainingMinutes: number
  /** Whole percent of capacity used after this entry (rounded down). */
  readonly percentUsed: number
}

/** Warn when logged time reaches this percentage of the quoted time (default 80). */
export const DEFAULT_TIME_WARNING_PERCENT = 80

/**
 * Checks a time entry against accepted quotes (section 8). The capacity is the quoted minutes plus
 * accepted change orders. REFUSED when there is no capacity (no accepted quote) or when the entry
 * would take logged time past 100% of it; WARNING when logged time reaches 80% or more (up to and
 * including exactly 100%); OK otherwise. Throws VALIDATION for non-integer or negative minutes.
 */
export function checkTimeEntry(
  input: TimeEntryCheckInput,
  settings: { readonly warnAtPercent?: number } = {},
): TimeEntryCheck {
  const quoted = minutes(input.quotedMinutes, 'quotedMinutes', 0)
  const logged = minutes(input.loggedMinutes, 'loggedMinutes', 0)
  const add = minutes(input.addMinutes, 'addMinutes', 1)
  const changeOrders = minutes(input.changeOrderMinutes ?? 0, 'changeOrderMinutes', 0)
  const warnAt = settings.warnAtPercent ?? DEFAULT_TIME_WARNING_PERCENT
  if (!Number.isFinite(warnAt) || warnAt < 0 || warnAt > 100) {
    throw new DomainError('VALIDATION', 'The warning threshold must be a percentage from 0 to 100.', {
      field: 'warnAtPercent',
    })
  }
  const capacity = quoted + changeOrders
  const after = logged + add
  const base = {
    capacityMinutes: capacity,
    loggedAfterMinutes: after,
    remainingMinutes: capacity - after,
    percentUsed: capacity === 0 ? 0 : Math.floor((after * 100) / capacity),
  }
  if (capacity === 0) {
    return {
      ...base,
      outcome: 'REFUSED',
      message: 'No Professional Services time can be logged until the customer has accepted a quote.',
    }
  }
  if (after > capacity) {
    return {
      ...base,
      outcome: 'REFUSED',
      message:
        `This entry would bring the time to ${formatMinutes(after)} of ${formatMinutes(capacity)} quoted. ` +
        'Time past the quote needs a change order: a further quote the customer accepts.',
    }
  }
  if (after * 100 >= warnAt * capacity) {
    return {
      ...base,
      outcome: 'WARNING',
      message: `${formatMinutes(after)} of ${formatMinutes(capacity)} quoted is now used (${base.percentUsed}%); ${formatMinutes(capacity - after)} left.`,
    }
  }
  return { ...base, outcome: 'OK', message: '' }
}

/** 135 -> '2h 15m', 60 -> '1h', 45 -> '45m'. */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60)
  const m = total % 60
  if (h === 0) return `${m}m`
  return m === 0 ? `${h}h` : `${h}h ${m}m`
}

function minutes(value: number, field: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new DomainError('VALIDATION', `${field} must be a whole number of minutes, at least ${min}; got ${String(value)}.`, {
      field,
    })
  }
  return value
}
