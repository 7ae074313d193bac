import { IANAZone } from 'luxon'
import type { DeskProblem } from './errors.js'

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** The support desks the policy ships with (policy.md section 5). */
export type DeskCode = 'PACIFIC' | 'UK'
export const DESK_CODES: readonly DeskCode[] = ['PACIFIC', 'UK']

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7 // 1 = Monday

/**
 * One desk's opening hours, as data an admin edits. Times are local wall-clock times in `timeZone`.
 * A window is open from `opens` up to, not including, `closes`; `closes` may be '24:00' (local midnight).
 * A weekday may have several windows. Treat definitions as immutable: the calendar caches by object identity.
 */
export interface DeskDefinition {
  code: string
  timeZone: string
  weeklyHours: readonly WeeklyWindow[]
  /** Local dates 'YYYY-MM-DD' on which the desk is closed all day. */
  holidays: readonly string[]
}

export interface WeeklyWindow {
  weekday: IsoWeekday
  opens: string // 'HH:MM'
  closes: string // 'HH:MM', or '24:00'
}

const weekdays = (opens: string, closes: string): WeeklyWindow[] =>
  ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, opens, closes }))

const dated = (year: number, monthDays: string): string[] => monthDays.split(' ').map((md) => `${year}-${md}`)

export const DEFAULT_DESKS: Readonly<Record<DeskCode, DeskDefinition>> = {
  PACIFIC: {
    code: 'PACIFIC',
    timeZone: 'America/Los_Angeles',
    weeklyHours: weekdays('07:00', '18:00'),
    // US federal holidays, observed.
    holidays: [
      ...dated(2026, '01-01 01-19 02-16 05-25 06-19 07-03 09-07 10-12 11-11 11-26 12-25'),
      ...dated(2027, '01-01 01-18 02-15 05-31 06-18 07-05 09-06 10-11 11-11 11-25 12-24 12-31'),
    ],
  },
  UK: {
    code: 'UK',
    timeZone: 'Europe/London',
    weeklyHours: weekdays('08:00', '17:00'),
    // England and Wales bank holidays.
    holidays: [
      ...dated(2026, '01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28'),
      ...dated(2027, '01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28'),
    ],
  },
}

/** 'HH:MM' -> minutes after local midnight, or null when malformed. '24:00' only when `allowMidnightEnd`. */
export function parseClockTime(text: string, allowMidnightEnd = false): number | null {
  if (allowMidnightEnd && text === '24:00') return 24 * 60
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text)
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/** 'YYYY-MM-DD' -> days since 1970-01-01 (a "civil day" number), or null when not a real date. */
export function parseLocalDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999 ('0050-01-01' would become 1950).
  const ms = new Date(0).setUTCFullYear(y, mo - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return ms / 86_400_000
}

export interface ValidateDeskOptions {
  /** Inclusive range of years holidays may fall in, e.g. [2026, 2027]. Unchecked when omitted. */
  yearRange?: readonly [number, number]
}

/** Every problem with a desk definition; an empty list means it is usable. Never throws. */
export function validateDeskDefinition(def: DeskDefinition, options: ValidateDeskOptions = {}): DeskProblem[] {
  const problems: DeskProblem[] = []
  const add = (code: DeskProblem['code'], path: string, message: string) => problems.push({ code, path, message })

  if (!def.code?.trim()) add('MISSING_CODE', 'code', 'A desk needs a code')
  const label = def.code || 'desk'
  if (typeof def.timeZone !== 'string' || !IANAZone.isValidZone(def.timeZone)) {
    add('UNKNOWN_TIME_ZONE', 'timeZone', `${label}: "${String(def.timeZone)}" is not a known IANA time zone`)
  }
  if (!def.weeklyHours?.length) add('NO_WEEKLY_HOURS', 'weeklyHours', `${label}: no opening hours, the desk would never open`)
  // Well-formed windows, by weekday, for the overlap check below.
  const valid: { index: number; weekday: number; opens: number; closes: number; w: WeeklyWindow }[] = []
  def.weeklyHours?.forEach((w, i) => {
    const at = `weeklyHours[${i}]`
    const weekdayOk = Number.isInteger(w.weekday) && w.weekday >= 1 && w.weekday <= 7
    if (!weekdayOk) {
      add('INVALID_WEEKDAY', `${at}.weekday`, `${label}: weekday must be 1 (Monday) to 7 (Sunday), got ${String(w.weekday)}`)
    }
    const opens = parseClockTime(w.opens)
    const closes = parseClockTime(w.closes, true)
    if (opens === null) add('MALFORMED_TIME', `${at}.opens`, `${label}: opening time "${w.opens}" is not HH:MM (00:00-23:59)`)
    if (closes === null) add('MALFORMED_TIME', `${at}.closes`, `${label}: closing time "${w.closes}" is not HH:MM (00:01-24:00)`)
    if (opens !== null && closes !== null && closes <= opens) {
      add('CLOSES_NOT_AFTER_OPENS', at, `${label}: closing time ${w.closes} is not after opening time ${w.opens}`)
    } else if (weekdayOk && opens !== null && closes !== null) {
      valid.push({ index: i, weekday: w.weekday, opens, closes, w })
    }
  })
  // Windows of one weekday must not share time; touching (one closes 12:00, the next opens 12:00) is fine.
  // Each window that starts before an earlier-starting one has closed is reported once, against the window
  // reaching furthest so far, e.g. 08:00-13:00, 12:00-14:30, 14:00-18:00 gives two problems.
  valid.sort((a, b) => a.weekday - b.weekday || a.opens - b.opens || a.closes - b.closes || a.index - b.index)
  let reach: (typeof valid)[number] | undefined
  for (const window of valid) {
    if (reach && reach.weekday === window.weekday && window.opens < reach.closes) {
      const day = WEEKDAY_NAMES[window.weekday - 1] ?? `weekday ${window.weekday}`
      add(
        'OVERLAPPING_WINDOWS',
        `weeklyHours[${window.index}]`,
        `${label}: ${day} ${window.w.opens}-${window.w.closes} overlaps ${reach.w.opens}-${reach.w.closes} (weeklyHours[${reach.index}]); make it one window or separate them`,
      )
    }
    if (!reach || reach.weekday !== window.weekday || window.closes > reach.closes) reach = window
  }

  const firstIndexOfDay = new Map<number, number>()
  def.holidays?.forEach((h, i) => {
    const at = `holidays[${i}]`
    const day = parseLocalDate(h)
    if (day === null) return add('MALFORMED_HOLIDAY', at, `${label}: holiday "${h}" is not a date YYYY-MM-DD`)
    const year = Number(h.slice(0, 4))
    const range = options.yearRange
    if (range && (year < range[0] || year > range[1])) {
      add('HOLIDAY_OUTSIDE_YEAR_RANGE', at, `${label}: holiday ${h} is outside the years ${range[0]}-${range[1]}`)
    }
    const first = firstIndexOfDay.get(day)
    if (first === undefined) firstIndexOfDay.set(day, i)
    else add('DUPLICATE_HOLIDAY', at, `${label}: holiday ${h} is listed twice (first as holidays[${first}])`)
  })
  return problems
}
