import { DateTime } from 'luxon'
import { parseClockTime, parseLocalDate, type DeskDefinition } from './desks.js'

export const DAY_MS = 86_400_000

/** ISO weekday (1 = Monday) of a civil day number; 1970-01-01 was a Thursday. */
export const isoWeekdayOf = (civilDay: number): number => ((((civilDay + 3) % 7) + 7) % 7) + 1

/**
 * One desk's open intervals per local date, in UTC epoch ms. Each (desk, local date) is converted with luxon once
 * and cached, so daylight-saving changes are handled by the IANA database and never by offset arithmetic here.
 * Assumes a valid definition (see validateDeskDefinition).
 */
export class DeskSchedule {
  /** Minutes after local midnight, per ISO weekday (index 1..7): [opens, closes, opens, closes, ...]. */
  private readonly minutesByWeekday: number[][] = [[], [], [], [], [], [], [], []]
  private readonly holidays = new Set<number>()
  private readonly byDay = new Map<number, readonly number[]>()

  constructor(readonly desk: DeskDefinition) {
    for (const w of desk.weeklyHours) {
      this.minutesByWeekday[w.weekday]?.push(parseClockTime(w.opens) ?? 0, parseClockTime(w.closes, true) ?? 0)
    }
    for (const h of desk.holidays) {
      const day = parseLocalDate(h)
      if (day !== null) this.holidays.add(day)
    }
  }

  /** Flat [start, end, start, end, ...] UTC ms of the desk's windows on local date `civilDay` (days since 1970-01-01). */
  intervalsOn(civilDay: number): readonly number[] {
    let cached = this.byDay.get(civilDay)
    if (cached === undefined) {
      cached = this.compute(civilDay)
      this.byDay.set(civilDay, cached)
    }
    return cached
  }

  private compute(civilDay: number): number[] {
    const minutes = this.minutesByWeekday[isoWeekdayOf(civilDay)] ?? []
    if (minutes.length === 0 || this.holidays.has(civilDay)) return []
    const out: number[] = []
    for (let k = 0; k + 1 < minutes.length; k += 2) {
      const start = this.localToUtc(civilDay, minutes[k] ?? 0)
      const end = this.localToUtc(civilDay, minutes[k + 1] ?? 0)
      // A window inside a skipped DST hour can collapse to nothing; keep only real time.
      if (end > start) out.push(start, end)
    }
    return out
  }

  /**
   * Local wall-clock time (minutes after midnight of a local date) -> UTC ms, via luxon. A time skipped by a DST
   * change moves forward (02:30 -> 03:30); a repeated one resolves to luxon's choice (the later, standard-time instant).
   */
  private localToUtc(civilDay: number, minuteOfDay: number): number {
    const day = civilDay + Math.floor(minuteOfDay / 1440) // '24:00' is midnight of the next local date
    const minute = minuteOfDay % 1440
    const date = new Date(day * DAY_MS)
    return DateTime.fromObject(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: Math.floor(minute / 60),
        minute: minute % 60,
      },
      { zone: this.desk.timeZone },
    ).toMillis()
  }
}

const schedules = new WeakMap<DeskDefinition, DeskSchedule>()

/** The shared schedule of a desk definition, so calendars built from the same desk share its day cache. */
export function scheduleFor(desk: DeskDefinition): DeskSchedule {
  let schedule = schedules.get(desk)
  if (!schedule) {
    schedule = new DeskSchedule(desk)
    schedules.set(desk, schedule)
  }
  return schedule
}
