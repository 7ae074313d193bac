import { DateTime } from 'luxon'
import { DomainError } from '../errors/index.js'

/**
 * A calendar date 'YYYY-MM-DD' with no time and no zone: a day on the wall calendar of some place.
 * Contract terms are calendar dates in the customer's home-desk time zone; compare them as strings.
 */
export type CalendarDate = string

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

/** True when `value` is a real calendar date written 'YYYY-MM-DD' (2027-02-29 is not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false
  const match = DATE_TEXT.exec(value)
  if (!match) return false
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

/** True in leap years of the Gregorian calendar (2028 yes, 2100 no, 2000 yes). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Returns `value` as a calendar date, or throws VALIDATION saying the expected form. */
export function parseCalendarDate(value: unknown, field = 'date'): CalendarDate {
  if (!isCalendarDate(value)) {
    throw new DomainError(
      'VALIDATION',
      `${field} must be a real date written YYYY-MM-DD, e.g. 2026-03-31; got ${typeof value === 'string' ? `"${value}"` : String(value)}.`,
      { field },
    )
  }
  return value
}

/** The date `days` days after `date` (negative: before). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isSafeInteger(days)) throw new DomainError('VALIDATION', 'days must be a whole number.')
  return fromEpochDay(toEpochDay(date) + days)
}

/** Whole days from `from` to `to`: 2026-01-01 -> 2026-01-31 is 30; negative when `to` is earlier. */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from)
}

/** Orders two calendar dates: negative when `a` is earlier, 0 when equal, positive when later. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(a) - toEpochDay(b)
}

/**
 * The same day of the month `years` years later; a 29 February that does not exist in the target year
 * rolls forward to 1 March (so a year counted from 2028-02-29 ends with 2029-02-28, never short).
 */
export function addCalendarYears(date: CalendarDate, years: number): CalendarDate {
  const [y, m, d] = parts(date)
  return fromEpochDay(toEpochDayUnchecked(y + years, m, d))
}

/**
 * Today's calendar date in `timeZone` (an IANA name like 'Europe/London') at the instant `instant`
 * (epoch milliseconds or a Date). 2026-01-01T07:59Z is still 2025-12-31 in America/Los_Angeles.
 */
export function todayIn(timeZone: string, instant: number | Date): CalendarDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  if (!Number.isFinite(ms)) throw new DomainError('VALIDATION', 'The instant must be a valid point in time.')
  const local = DateTime.fromMillis(ms, { zone: timeZone })
  if (!local.isValid) {
    throw new DomainError('VALIDATION', `Unknown time zone "${timeZone}"; use an IANA name like Europe/London.`, {
      field: 'timeZone',
    })
  }
  const date = local.toISODate()
  if (date === null) throw new DomainError('VALIDATION', 'The instant is outside the supported date range.')
  return date
}

function parts(date: CalendarDate): [number, number, number] {
  const valid = parseCalendarDate(date)
  return [Number(valid.slice(0, 4)), Number(valid.slice(5, 7)), Number(valid.slice(8, 10))]
}

function toEpochDay(date: CalendarDate): number {
  const [y, m, d] = parts(date)
  return toEpochDayUnchecked(y, m, d)
}

// Date.UTC maps years 0-99 to 1900-1999, so set the full year explicitly. Pure: no clock is read.
function toEpochDayUnchecked(y: number, m: number, d: number): number {
  const t = new Date(0)
  t.setUTCFullYear(y, m - 1, d)
  return Math.floor(t.getTime() / MS_PER_DAY)
}

function fromEpochDay(day: number): CalendarDate {
  const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
  if (!DATE_TEXT.test(text)) throw new DomainError('VALIDATION', 'Dates must fall in the years 0000 to 9999.')
  return text
}
