import { browserTimeZone, describeViewerZone, formatInstantWithZone } from '@covered/ui'

/** Times on the ticket pages are the browser's: the zone a person reads them in. */
export function viewerZone(): string {
  return browserTimeZone()
}

/** "Times are in Europe/London, GMT." */
export function zoneNote(): string {
  return `Times are in your time zone, ${describeViewerZone(viewerZone())}.`
}

/** "26 Nov 2026, 06:05 PST (UTC−8)": an instant with the zone named. */
export function fullTime(value: string): string {
  return formatInstantWithZone(value, viewerZone())
}

/** "26 Nov, 14:05", or "14:05" today: for lists, under a note naming the zone. */
export function shortTime(value: string, now: Date = new Date()): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const zone = viewerZone()
  const day = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric' }).format(d)
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(date)
  if (day(date) === day(now)) return `Today, ${time}`
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear()
  const dayPart = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date)
  return `${dayPart}, ${time}`
}
