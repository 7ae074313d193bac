import { DEFAULT_DESKS, DESK_CODES, validateDeskDefinition, type DeskCode, type DeskDefinition } from './desks.js'
import { DAY_MS, scheduleFor, type DeskSchedule } from './desk-days.js'
import { SlaError, assertDuration, assertInstant } from './errors.js'

export type SupportPlanForClock = 'PREMIUM' | 'STANDARD'
export const SUPPORT_PLANS_FOR_CLOCK: readonly SupportPlanForClock[] = ['PREMIUM', 'STANDARD']

export interface OpenStretch {
  start: number // UTC epoch ms, open from here
  end: number // UTC epoch ms, closed from here
}

/** How far past a query the calendar looks for open time before giving up (NO_OPEN_TIME). */
const HORIZON_YEARS = 10

const yearOf = (t: number): number => new Date(t).getUTCFullYear()

/**
 * Business time of one or more desks: open whenever any of its desks is open (follow the sun).
 *
 * The calendar keeps the merged open stretches of a contiguous run of UTC years as sorted arrays, with the
 * business time elapsed before each stretch (a prefix sum). Every query is a binary search plus number
 * arithmetic, so its cost does not depend on the minutes involved; the run of years grows on demand, one year
 * at a time, from the per-(desk, local date) cache in DeskSchedule.
 */
export class BusinessCalendar {
  readonly desks: readonly DeskDefinition[]
  private readonly schedules: readonly DeskSchedule[]

  private starts = new Float64Array(0)
  private ends = new Float64Array(0)
  /** Business ms before stretch i (counted from the first covered year); cumEnd[i] = cumStart[i] + its length. */
  private cumStart = new Float64Array(0)
  private cumEnd = new Float64Array(0)
  private count = 0
  private firstYear = 0
  private lastYear = -1
  private coveredFrom = Infinity
  private coveredTo = -Infinity

  constructor(desks: readonly DeskDefinition[]) {
    if (desks.length === 0) throw new SlaError('INVALID_DESK_DEFINITION', 'A calendar needs at least one desk')
    for (const desk of desks) {
      const problems = validateDeskDefinition(desk)
      if (problems.length > 0) {
        throw new SlaError('INVALID_DESK_DEFINITION', problems.map((p) => p.message).join('; '), problems)
      }
    }
    this.desks = [...desks]
    this.schedules = desks.map(scheduleFor)
  }

  /** Codes of the desks this calendar follows, e.g. ['PACIFIC', 'UK']. */
  get deskCodes(): string[] {
    return this.desks.map((d) => d.code)
  }

  /** Open at t: some stretch has start <= t < end. */
  isOpen(t: number): boolean {
    this.cover(t)
    const i = this.lastStartAtOrBefore(t)
    return i >= 0 && t < this.at(this.ends, i)
  }

  /** Business ms in [a, b); negative when b is before a. */
  businessMsBetween(a: number, b: number): number {
    this.cover(a)
    this.cover(b)
    return this.position(b) - this.position(a)
  }

  /**
   * The instant at which `ms` business ms have elapsed since `start`. When the time runs out exactly at the end
   * of a stretch the answer is that end, not the next opening. Adding 0 returns `start`.
   */
  addBusinessMs(start: number, ms: number): number {
    this.cover(start)
    assertDuration(ms)
    if (ms === 0) return start
    const target = this.position(start) + ms
    while (this.count === 0 || this.at(this.cumEnd, this.count - 1) < target) this.growForward(start)
    const i = this.firstCumEndAtLeast(target)
    return this.at(this.starts, i) + (target - this.at(this.cumStart, i))
  }

  /** End of the open stretch containing t, or of the next stretch when closed at t. */
  supportDayEnd(t: number): number {
    this.cover(t)
    for (;;) {
      const i = this.lastStartAtOrBefore(t)
      const j = i >= 0 && t < this.at(this.ends, i) ? i : i + 1
      // A stretch reaching the end of the covered years may go on in the next year.
      if (j < this.count && this.at(this.ends, j) < this.coveredTo) return this.at(this.ends, j)
      this.growForward(t)
    }
  }

  /** t itself when open, else the start of the next open stretch. */
  nextOpen(t: number): number {
    this.cover(t)
    for (;;) {
      const i = this.lastStartAtOrBefore(t)
      if (i >= 0 && t < this.at(this.ends, i)) return t
      if (i + 1 < this.count) return this.at(this.starts, i + 1)
      this.growForward(t)
    }
  }

  /** The merged open stretches overlapping [from, to), clipped to it. */
  openStretches(from: number, to: number): OpenStretch[] {
    this.cover(from)
    this.cover(to)
    if (to < from) throw new SlaError('INVALID_INTERVAL', 'openStretches: `to` is before `from`')
    const out: OpenStretch[] = []
    let i = Math.max(0, this.lastStartAtOrBefore(from))
    for (; i < this.count && this.at(this.starts, i) < to; i++) {
      const end = Math.min(this.at(this.ends, i), to)
      if (end > from) out.push({ start: Math.max(this.at(this.starts, i), from), end })
    }
    return out
  }

  // --- internals -------------------------------------------------------------------------------------------

  /** Typed-array read; indices are always in range here, the fallback only satisfies noUncheckedIndexedAccess. */
  private at(arr: Float64Array, i: number): number {
    return arr[i] ?? NaN
  }

  /** Business ms from the start of the covered years up to t (t must be covered). */
  private position(t: number): number {
    const i = this.lastStartAtOrBefore(t)
    if (i < 0) return 0
    return Math.min(this.at(this.cumStart, i) + (t - this.at(this.starts, i)), this.at(this.cumEnd, i))
  }

  /** Index of the last stretch starting at or before t, or -1. */
  private lastStartAtOrBefore(t: number): number {
    let lo = 0
    let hi = this.count
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.at(this.starts, mid) <= t) lo = mid + 1
      else hi = mid
    }
    return lo - 1
  }

  /** Index of the first stretch whose cumulative end reaches `position` (count when none). */
  private firstCumEndAtLeast(position: number): number {
    let lo = 0
    let hi = this.count
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.at(this.cumEnd, mid) < position) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Make sure the UTC year of t (and every year between it and the covered ones) is materialised. */
  private cover(t: number): void {
    if (t >= this.coveredFrom && t < this.coveredTo) return
    assertInstant(t)
    const year = yearOf(t)
    if (this.lastYear < this.firstYear) this.rebuild(year, year)
    else this.rebuild(Math.min(this.firstYear, year), Math.max(this.lastYear, year))
  }

  private growForward(origin: number): void {
    if (this.lastYear - yearOf(origin) >= HORIZON_YEARS) {
      throw new SlaError('NO_OPEN_TIME', `Calendar ${this.deskCodes.join('+')} has no open time (or never closes) within ${HORIZON_YEARS} years`)
    }
    this.rebuild(this.firstYear, this.lastYear + 1)
  }

  /** Merge every desk's windows over the UTC years [firstYear, lastYear] into sorted stretches with prefix sums. */
  private rebuild(firstYear: number, lastYear: number): void {
    const from = Date.UTC(firstYear, 0, 1)
    const to = Date.UTC(lastYear + 1, 0, 1)
    const windows: [number, number][] = []
    // Local dates a day either side of the UTC range cover every zone offset.
    const firstDay = Math.floor(from / DAY_MS) - 2
    const lastDay = Math.floor(to / DAY_MS) + 1
    for (const schedule of this.schedules) {
      for (let day = firstDay; day <= lastDay; day++) {
        const iv = schedule.intervalsOn(day)
        for (let k = 0; k + 1 < iv.length; k += 2) {
          const start = Math.max(iv[k] ?? 0, from)
          const end = Math.min(iv[k + 1] ?? 0, to)
          if (end > start) windows.push([start, end])
        }
      }
    }
    windows.sort((x, y) => x[0] - y[0])

    const merged: [number, number][] = []
    for (const w of windows) {
      const last = merged[merged.length - 1]
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]) // touching or overlapping
      else merged.push([w[0], w[1]])
    }

    const n = merged.length
    this.starts = new Float64Array(n)
    this.ends = new Float64Array(n)
    this.cumStart = new Float64Array(n)
    this.cumEnd = new Float64Array(n)
    let sum = 0
    merged.forEach(([start, end], i) => {
      this.starts[i] = start
      this.ends[i] = end
      this.cumStart[i] = sum
      sum += end - start
      this.cumEnd[i] = sum
    })
    this.count = n
    this.firstYear = firstYear
    this.lastYear = lastYear
    this.coveredFrom = from
    this.coveredTo = to
  }
}

const calendarsByDesks = new WeakMap<object, Map<string, BusinessCalendar>>()

/**
 * The calendar a ticket's clock runs on: STANDARD = the customer's home desk alone, PREMIUM = every desk together.
 * Calendars are memoised per `desks` object, so pass a new object when an admin changes hours or holidays.
 * Throws SlaError UNKNOWN_PLAN / UNKNOWN_DESK for values outside the unions (the API passes strings through).
 */
export function calendarFor(
  plan: SupportPlanForClock,
  homeDesk: DeskCode,
  desks: Readonly<Record<DeskCode, DeskDefinition>> = DEFAULT_DESKS,
): BusinessCalendar {
  if (!SUPPORT_PLANS_FOR_CLOCK.includes(plan)) throw new SlaError('UNKNOWN_PLAN', `Unknown support plan "${String(plan)}"`)
  if (!DESK_CODES.includes(homeDesk)) throw new SlaError('UNKNOWN_DESK', `Unknown desk "${String(homeDesk)}"`)
  let byKey = calendarsByDesks.get(desks)
  if (!byKey) {
    byKey = new Map()
    calendarsByDesks.set(desks, byKey)
  }
  const key = plan === 'PREMIUM' ? 'PREMIUM' : homeDesk
  let calendar = byKey.get(key)
  if (!calendar) {
    calendar = new BusinessCalendar(plan === 'PREMIUM' ? DESK_CODES.map((c) => desks[c]) : [desks[homeDesk]])
    byKey.set(key, calendar)
  }
  return calendar
}
