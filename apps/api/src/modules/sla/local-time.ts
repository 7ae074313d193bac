/** Wall-clock renderings of instants in a desk's time zone, from Intl (the IANA database), never offset tables. */

const formats = new Map<string, Intl.DateTimeFormat>()

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
    formats.set(timeZone, format)
  }
  return format
}

/**
 * The local wall-clock time of `instant` (epoch ms) in `timeZone` as ISO 8601 with that moment's offset,
 * e.g. 2026-01-05T07:00:00-08:00 (Los Angeles) or 2026-07-01T08:00:00+01:00 (London in summer).
 */
export function localIsoString(instant: number, timeZone: string): string {
  const parts: Record<string, string> = {}
  for (const part of formatFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value
  const zoneName = parts.timeZoneName ?? 'GMT'
  const offset = zoneName === 'GMT' || zoneName === 'UTC' ? '+00:00' : zoneName.replace(/^(GMT|UTC)/, '')
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** 1 = Monday ... 7 = Sunday. */
export function weekdayName(isoWeekday: number): string {
  return WEEKDAY_NAMES[isoWeekday - 1] ?? `weekday ${isoWeekday}`
}
