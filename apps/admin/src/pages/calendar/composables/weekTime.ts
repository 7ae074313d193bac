import { daysBetween, formatShortDate, parseLocalIso, wallClockIn, zoneLabel, type WallClock } from '@covered/ui'

/** A span of open time in UTC (ISO 8601 instants). */
export interface Span {
  start: string
  end: string
}

const DAY_MS = 86_400_000

function dateOfUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function utcMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y!, m! - 1, d!)
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now = Date.now()): string {
  return dateOfUtc(now)
}

export function addDays(date: string, days: number): string {
  return dateOfUtc(utcMidnight(date) + days * DAY_MS)
}

/** The Monday of the week (Monday to Sunday) that contains `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(utcMidnight(date)).getUTCDay() // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7))
}

/** A week in UTC: Monday 00:00 up to the next Monday 00:00. */
export function weekRange(monday: string): { from: string; to: string } {
  return { from: new Date(utcMidnight(monday)).toISOString(), to: new Date(utcMidnight(addDays(monday, 7))).toISOString() }
}

/** "23–29 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027" */
export function weekLabel(monday: string): string {
  const sunday = addDays(monday, 6)
  const [y1, m1] = monday.split('-')
  const [y2, m2] = sunday.split('-')
  const end = formatShortDate(sunday, { weekday: false, year: true })
  if (y1 !== y2) return `${formatShortDate(monday, { weekday: false, year: true })} – ${end}`
  if (m1 !== m2) return `${formatShortDate(monday, { weekday: false })} – ${end}`
  return `${Number(monday.slice(8))}–${end}`
}

/**
 * Stretches of several desks merged into the stretches of their union: windows that touch or overlap become
 * one (follow the sun, as the PREMIUM calendar counts time).
 */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans]
    .map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end)
  const merged: { start: number; end: number }[] = []
  for (const span of sorted) {
    const last = merged.at(-1)
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else merged.push({ ...span })
  }
  return merged.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() }))
}

/** Hours in a span, e.g. "11 h" or "9 h 30 min". */
export function spanLength(span: Span): string {
  const minutes = Math.round((Date.parse(span.end) - Date.parse(span.start)) / 60_000)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} min`
  return m ? `${h} h ${m} min` : `${h} h`
}

/** Total hours of several spans, e.g. "55 hours". */
export function totalHours(spans: readonly Span[]): string {
  const minutes = spans.reduce((sum, s) => sum + Math.round((Date.parse(s.end) - Date.parse(s.start)) / 60_000), 0)
  const hours = minutes / 60
  const text = Number.isInteger(hours) ? String(hours) : hours.toFixed(1)
  return `${text} ${hours === 1 ? 'hour' : 'hours'}`
}

/** A stretch as one clock shows it: "Mon 23 Nov", "07:00 – 18:00" (ending "Tue 02:00" on a later day), "PST (UTC−8)". */
export interface ClockRange {
  day: string
  times: string
  zone: string
}

export function clockRange(start: WallClock, end: WallClock, zone: string): ClockRange {
  const days = daysBetween(start.date, end.date)
  // A stretch up to midnight ends at 24:00 of its own day, not 00:00 of the next.
  let endText = end.time
  if (days === 1 && end.time === '00:00') endText = '24:00'
  else if (days !== 0) endText = `${formatShortDate(end.date).split(' ')[0]} ${end.time}`
  return { day: formatShortDate(start.date), times: `${start.time} – ${endText}`, zone }
}

/** The zone's name at the start, and at the end too when the clocks changed in between. */
function zoneOf(span: Span, timeZone: string): string {
  const atStart = zoneLabel(timeZone, span.start)
  const atEnd = zoneLabel(timeZone, span.end)
  return atStart === atEnd ? atStart : `${atStart} → ${atEnd}`
}

/** The range from the API's local ISO strings, or computed with Intl when they are missing. */
export function localRange(span: Span, timeZone: string, local?: { start: string; end: string } | null): ClockRange {
  const start = (local && parseLocalIso(local.start)) || wallClockIn(span.start, timeZone)
  const end = (local && parseLocalIso(local.end)) || wallClockIn(span.end, timeZone)
  return clockRange(start, end, zoneOf(span, timeZone))
}

export function utcRange(span: Span): ClockRange {
  return clockRange(wallClockIn(span.start, 'UTC'), wallClockIn(span.end, 'UTC'), 'UTC')
}

/** Where a span falls on a UTC day, in percent of the day (for the week-at-a-glance bars). */
export function spanOnDay(span: Span, date: string): { left: number; width: number } | null {
  const dayStart = utcMidnight(date)
  const dayEnd = dayStart + DAY_MS
  const start = Math.max(Date.parse(span.start), dayStart)
  const end = Math.min(Date.parse(span.end), dayEnd)
  if (end <= start) return null
  return { left: ((start - dayStart) / DAY_MS) * 100, width: ((end - start) / DAY_MS) * 100 }
}
