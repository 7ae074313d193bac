import { daysBetween, formatShortDate, timeZoneLongName, wallClockIn } from '@covered/ui'

/**
 * Times on the ticket pages, always in one named time zone (the contact's, else the browser's).
 * Wall-clock readings come from Intl (the browser's zone database), never from offset tables.
 */

/** "Mountain Time", "Pacific Time", "United Kingdom Time", "UTC"; the IANA name when the browser has no word for it. */
export function zoneName(timeZone: string, at: string | number | Date = Date.now()): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC'
  const date = at instanceof Date ? at : new Date(at)
  try {
    const generic =
      new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longGeneric' })
        .formatToParts(date)
        .find((part) => part.type === 'timeZoneName')?.value ?? ''
    if (generic && !/^(GMT|UTC)/.test(generic)) return generic
  } catch {
    // an engine without 'longGeneric': try the long name
  }
  return timeZoneLongName(timeZone, date) || timeZone
}

/** "Tue 25 Nov, 18:00" in a time zone; the year too when it is not this year there. */
export function dateTimeIn(instant: string | number | Date, timeZone: string, now: string | number | Date = Date.now()): string {
  const at = wallClockIn(instant, timeZone)
  const today = wallClockIn(now, timeZone)
  return `${formatShortDate(at.date, { year: at.date.slice(0, 4) !== today.date.slice(0, 4) })}, ${at.time}`
}

/** "14:32" in a time zone. */
export function timeIn(instant: string | number | Date, timeZone: string): string {
  return wallClockIn(instant, timeZone).time
}

/** "today", "tomorrow", "yesterday" or '' for an instant, seen from `now` in a time zone. */
export function dayWord(instant: string | number | Date, timeZone: string, now: string | number | Date = Date.now()): string {
  const days = daysBetween(wallClockIn(now, timeZone).date, wallClockIn(instant, timeZone).date)
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : days === -1 ? 'yesterday' : ''
}

/** "14:32 today", "14:32 on Tue 25 Nov": when something happened, briefly. */
export function happenedAt(instant: string | number | Date, timeZone: string, now: string | number | Date = Date.now()): string {
  const word = dayWord(instant, timeZone, now)
  if (word === 'today') return `${timeIn(instant, timeZone)} today`
  if (word === 'yesterday') return `${timeIn(instant, timeZone)} yesterday`
  const at = wallClockIn(instant, timeZone)
  const today = wallClockIn(now, timeZone)
  return `${at.time} on ${formatShortDate(at.date, { year: at.date.slice(0, 4) !== today.date.slice(0, 4) })}`
}

/** "2h 10m", "45m", "3 business days"… for business minutes left; a plain count stays readable. */
export function businessTime(minutes: number): string {
  const m = Math.abs(Math.trunc(minutes))
  const hours = Math.floor(m / 60)
  const rest = m % 60
  if (hours === 0) return `${rest}m`
  return rest ? `${hours}h ${rest}m` : `${hours}h`
}
