import { daysBetween, formatShortDate, wallClockIn } from '@covered/ui'

/** A due time for people, in one time zone: "Thu 26 Nov, 17:00" and "today" / "tomorrow" when it is. */
export function dueIn(instant: string, timeZone: string, now: string | number): { text: string; when: string } {
  const due = wallClockIn(instant, timeZone)
  const today = wallClockIn(now, timeZone)
  const days = daysBetween(today.date, due.date)
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : ''
  return { text: `${formatShortDate(due.date)}, ${due.time}`, when }
}

/** "04:27" in a time zone. */
export function clockIn(instant: string | number, timeZone: string): string {
  return wallClockIn(instant, timeZone).time
}
