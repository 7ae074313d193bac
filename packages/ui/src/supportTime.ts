/**
 * Support plans, weekdays and wall-clock times in a time zone, for the calendar screens of both SPAs.
 * Time-zone arithmetic comes from Intl (the browser's IANA database), never from offset tables.
 */

const PLANS: Record<string, { name: string; firstResponse: string; calendar: string }> = {
  STANDARD: {
    name: 'Standard',
    firstResponse: 'Same support day',
    calendar: 'Your home desk’s hours',
  },
  PREMIUM: {
    name: 'Premium',
    firstResponse: 'Within 4 business hours',
    calendar: 'Both desks, follow the sun',
  },
}

const TARGET_KINDS: Record<string, string> = { GOAL: 'Goal', GUARANTEE: 'Guarantee' }

/** "Standard" / "Premium" */
export function supportPlanLabel(plan: string): string {
  return PLANS[plan]?.name ?? plan
}

/** "Same support day" / "Within 4 business hours" */
export function supportPlanFirstResponse(plan: string): string {
  return PLANS[plan]?.firstResponse ?? ''
}

/** "Goal" / "Guarantee" */
export function slaTargetKindLabel(kind: string): string {
  return TARGET_KINDS[kind] ?? kind
}

/** ISO weekdays: 1 = Monday ... 7 = Sunday. */
export const ISO_WEEKDAYS = [
  { value: 1, name: 'Monday', short: 'Mon' },
  { value: 2, name: 'Tuesday', short: 'Tue' },
  { value: 3, name: 'Wednesday', short: 'Wed' },
  { value: 4, name: 'Thursday', short: 'Thu' },
  { value: 5, name: 'Friday', short: 'Fri' },
  { value: 6, name: 'Saturday', short: 'Sat' },
  { value: 7, name: 'Sunday', short: 'Sun' },
] as const

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** A local wall-clock reading: the date, time and UTC offset a clock in some zone shows. */
export interface WallClock {
  /** YYYY-MM-DD */
  date: string
  /** HH:MM (24-hour) */
  time: string
  /** '+01:00', '-08:00', '+00:00' */
  offset: string
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>()

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
    wallClockFormats.set(timeZone, format)
  }
  return format
}

/** What a clock in `timeZone` shows at `instant`. */
export function wallClockIn(instant: string | number | Date, timeZone: string): WallClock {
  const date = instant instanceof Date ? instant : new Date(instant)
  const parts: Record<string, string> = {}
  for (const part of wallClockFormat(timeZone).formatToParts(date)) parts[part.type] = part.value
  const zone = parts.timeZoneName ?? 'GMT'
  const offset = zone === 'GMT' || zone === 'UTC' ? '+00:00' : zone.replace(/^(GMT|UTC)/, '')
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, offset }
}

/** Reads an ISO 8601 local time with its offset, e.g. 2026-01-05T07:00:00-08:00. */
export function parseLocalIso(value: string): WallClock | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value)
  if (!match) return null
  return { date: match[1]!, time: match[2]!, offset: match[3] === 'Z' ? '+00:00' : match[3]! }
}

/** "UTC−8", "UTC+1", "UTC+5:30", "UTC" */
export function offsetLabel(offset: string): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset)
  if (!match || (match[2] === '00' && match[3] === '00')) return 'UTC'
  const hours = String(Number(match[2]))
  return `UTC${match[1] === '-' ? '−' : '+'}${hours}${match[3] === '00' ? '' : `:${match[3]}`}`
}

/** The ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  const day = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()
  return day === 0 ? 7 : day
}

/** "Mon 23 Nov" (with `year`: "Mon 23 Nov 2026") for a YYYY-MM-DD date, the same in every locale. */
export function formatShortDate(date: string, options: { year?: boolean; weekday?: boolean } = {}): string {
  const [y, m, d] = date.split('-').map(Number)
  const weekday = options.weekday === false ? '' : `${ISO_WEEKDAYS[isoWeekdayOf(date) - 1]!.short} `
  return `${weekday}${d} ${MONTHS[m! - 1]}${options.year ? ` ${y}` : ''}`
}

/** The days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  const toUtc = (date: string) => {
    const [y, m, d] = date.split('-').map(Number)
    return Date.UTC(y!, m! - 1, d!)
  }
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000)
}

/** The time zone this browser runs in, e.g. "Europe/Berlin" (UTC when it cannot tell). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/** "Central European Standard Time" for a zone at an instant; '' when the browser has no name for it. */
export function timeZoneLongName(timeZone: string, at: string | number | Date = Date.now(), locale = 'en-GB'): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(
      at instanceof Date ? at : new Date(at),
    )
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? ''
    return /^(GMT|UTC)[+-]/.test(name) ? '' : name
  } catch {
    return ''
  }
}

/**
 * A short name for a zone's time at an instant: "PST (UTC−8)", "BST (UTC+1)", "GMT", "UTC" — the abbreviation
 * when Intl knows one, with the offset unless it is GMT/UTC itself.
 */
export function zoneLabel(timeZone: string, at: string | number | Date): string {
  const date = at instanceof Date ? at : new Date(at)
  const offset = offsetLabel(wallClockIn(date, timeZone).offset)
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC'
  let abbreviation = ''
  for (const locale of ['en-US', 'en-GB']) {
    try {
      const name =
        new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
          .formatToParts(date)
          .find((part) => part.type === 'timeZoneName')?.value ?? ''
      if (name && !/^(GMT|UTC)[+-−]/.test(name)) {
        abbreviation = name
        break
      }
    } catch {
      return offset
    }
  }
  if (!abbreviation) return offset
  if (abbreviation === 'GMT' || abbreviation === 'UTC') return offset === 'UTC' ? abbreviation : `${abbreviation} (${offset})`
  return `${abbreviation} (${offset})`
}
