import { DEFAULT_DESKS, DESK_CODES, validateDeskDefinition, type DeskCode, type DeskDefinition } from './desks.js'
import { DAY_MS, scheduleFor, type DeskSchedule } from './desk-days.js'
import { MAX_INSTANT, MAX_YEAR, MIN_YEAR, SlaError, assertDuration, assertInstant, utcYearStart } from './errors.js'

export type SupportPlanForClock = 'PREMIUM' | 'STANDARD'
export const SUPPORT_PLANS_FOR_CLOCK: readonly SupportPlanForClock[] = ['PREMIUM', 'STANDARD']

export interface OpenStretch {
  start: number // UTC epoch ms, open from here
  end: number // UTC epoch ms, closed from here
}

/** How far past a query the calendar looks for open time before giving up (NO_OPEN_TIME). */
const HORIZON_YEARS = 10

/** The merged open stretches of one UTC year, clipped to it, with the business time before each (prefix sums). */
interface YearBlock {
  readonly year: number
  /** UTC epoch ms of the year's first instant and of the next year's (exclusive). */
  readonly from: number
  readonly to: number
  readonly starts: Float64Array
  readonly ends: Float64Array
  /** Business ms of the year before stretch i; cumEnd[i] = cumStart[i] + its length. */
  readonly cumStart: Float64Array
  readonly cumEnd: Float64Array
  readonly count: number
  /** Business ms in the whole year. */
  readonly total: number
}

/** Typed-array read; indices are always in range here, the fallback only satisfies noUncheckedIndexedAccess. */
const at = (arr: Float64Array, i: number): number => arr[i] ?? NaN

/** Index of the last stretch of `b` starting at or before t, or -1. */
function lastStartAtOrBefore(b: YearBlock, t: number): number {
  const starts = b.starts
  let lo = 0
  let hi = b.count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (at(starts, mid) <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/** Index of the first stretch of `b` whose cumulative end reaches `position` (count when none). */
function firstCumEndAtLeast(b: YearBlock, position: number): number {
  const cumEnd = b.cumEnd
  let lo = 0
  let hi = b.count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (at(cumEnd, mid) < position) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Business ms of `b`'s year before t (t inside the year). */
function positionIn(b: YearBlock, t: number): number {
  const i = lastStartAtOrBefore(b, t)
  if (i < 0) return 0
  return Math.min(at(b.cumStart, i) + (t - at(b.starts, i)), at(b.cumEnd, i))
}

/**
 * Business time of one or more desks: open whenever any of its desks is open (follow the sun).
 *
 * The calendar keeps, per UTC year it has been asked about, the merged open stretches of that year as sorted
 * arrays with the business time elapsed before each stretch (a prefix sum). Years are built lazily and
 * independently from the per-(desk, local date) cache in DeskSchedule: a question about 2526 after one about
 * 2026 builds 2526 alone, never the years between. Every query is a binary search plus number arithmetic in
 * the year of its instant; only answers that really span several years (business time between instants years
 * apart, adding more business time than a year holds, a search for the next opening) visit the years between,
 * so the cost grows with the days spanned, never with minutes or with how far apart the questions are.
 * A stretch that runs over New Year is split at the boundary in the year blocks and joined again in answers.
 * Instants are UTC years 1970-9999 (see assertInstant): outside them every method throws INVALID_INSTANT, and
 * an answer that would fall beyond 9999 throws NO_OPEN_TIME.
 */
export class BusinessCalendar {
  readonly desks: readonly DeskDefinition[]
  private readonly schedules: readonly DeskSchedule[]
  private readonly years = new Map<number, YearBlock>()
  /** The blocks of the last two lookups: consecutive queries mostly fall in one or two years. */
  private last: YearBlock | null = null
  private previous: YearBlock | null = null

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
    const b = this.blockAt(t)
    const i = lastStartAtOrBefore(b, t)
    return i >= 0 && t < at(b.ends, i)
  }

  /** Business ms in [a, b); negative when b is before a. */
  businessMsBetween(a: number, b: number): number {
    const blockA = this.blockAt(a)
    const blockB = this.blockAt(b)
    if (blockA === blockB) return positionIn(blockB, b) - positionIn(blockA, a)
    if (b < a) return -this.businessMsBetween(b, a)
    // Rest of a's year, the whole years between (built if need be), the start of b's year.
    let sum = blockA.total - positionIn(blockA, a)
    for (let year = blockA.year + 1; year < blockB.year; year++) sum += this.block(year).total
    return sum + positionIn(blockB, b)
  }

  /**
   * The instant at which `ms` business ms have elapsed since `start`. When the time runs out exactly at the end
   * of a stretch the answer is that end, not the next opening. Adding 0 returns `start`.
   */
  addBusinessMs(start: number, ms: number): number {
    let b = this.blockAt(start)
    assertDuration(ms)
    if (ms === 0) return start
    let target = positionIn(b, start) + ms
    while (target > b.total) {
      target -= b.total
      b = this.nextBlock(b, start)
    }
    const i = firstCumEndAtLeast(b, target)
    const end = at(b.starts, i) + (target - at(b.cumStart, i))
    if (end >= MAX_INSTANT) throw this.beyondSupportedYears() // exactly at 10000-01-01T00:00Z
    return end
  }

  /** End of the open stretch containing t, or of the next stretch when closed at t. */
  supportDayEnd(t: number): number {
    let b = this.blockAt(t)
    const i = lastStartAtOrBefore(b, t)
    let j = i >= 0 && t < at(b.ends, i) ? i : i + 1
    while (j >= b.count) {
      // No (further) stretch this year: the next one is the first of a later year.
      b = this.nextBlock(b, t)
      j = 0
    }
    // A stretch reaching the end of its year goes on when the next year opens at its first instant.
    while (j === b.count - 1 && at(b.ends, j) === b.to) {
      const next = this.nextBlock(b, t)
      if (next.count === 0 || at(next.starts, 0) !== next.from) break
      b = next
      j = 0
    }
    return at(b.ends, j)
  }

  /** t itself when open, else the start of the next open stretch. */
  nextOpen(t: number): number {
    let b = this.blockAt(t)
    const i = lastStartAtOrBefore(b, t)
    if (i >= 0 && t < at(b.ends, i)) return t
    if (i + 1 < b.count) return at(b.starts, i + 1)
    do b = this.nextBlock(b, t)
    while (b.count === 0)
    return at(b.starts, 0)
  }

  /** The merged open stretches overlapping [from, to), clipped to it. */
  openStretches(from: number, to: number): OpenStretch[] {
    const first = this.blockAt(from)
    const lastYear = this.blockAt(to).year
    if (to < from) throw new SlaError('INVALID_INTERVAL', 'openStretches: `to` is before `from`')
    const out: OpenStretch[] = []
    for (let year = first.year; year <= lastYear; year++) {
      const b = this.block(year)
      let i = year === first.year ? Math.max(0, lastStartAtOrBefore(b, from)) : 0
      for (; i < b.count && at(b.starts, i) < to; i++) {
        const start = Math.max(at(b.starts, i), from)
        const end = Math.min(at(b.ends, i), to)
        if (end <= start) continue
        const prev = out[out.length - 1]
        if (prev && prev.end === start) prev.end = end // one stretch split at New Year
        else out.push({ start, end })
      }
    }
    return out
  }

  // --- internals -------------------------------------------------------------------------------------------

  /** The year block holding instant t (validated here: the entry points' one check of their instants). */
  private blockAt(t: number): YearBlock {
    const last = this.last
    if (last !== null && t >= last.from && t < last.to) return last
    // Queries often alternate between two years (receipts around New Year, a due time in the next year).
    const previous = this.previous
    if (previous !== null && t >= previous.from && t < previous.to) {
      this.previous = last
      this.last = previous
      return previous
    }
    assertInstant(t)
    const b = this.block(new Date(t).getUTCFullYear())
    this.previous = last
    this.last = b
    return b
  }

  /** The year after `b`'s, for a search that started at `origin`: bounded by the horizon and the supported years. */
  private nextBlock(b: YearBlock, origin: number): YearBlock {
    const year = b.year + 1
    if (year > MAX_YEAR) throw this.beyondSupportedYears()
    if (year - new Date(origin).getUTCFullYear() > HORIZON_YEARS) {
      throw new SlaError('NO_OPEN_TIME', `Calendar ${this.deskCodes.join('+')} has no open time (or never closes) within ${HORIZON_YEARS} years`)
    }
    return this.block(year)
  }

  private beyondSupportedYears(): SlaError {
    return new SlaError(
      'NO_OPEN_TIME',
      `Calendar ${this.deskCodes.join('+')}: the answer would fall after ${MAX_YEAR}-12-31, beyond the supported years ${MIN_YEAR}-${MAX_YEAR}`,
    )
  }

  /** The block of a UTC year, built on first use. */
  private block(year: number): YearBlock {
    let b = this.years.get(year)
    if (b === undefined) {
      b = this.build(year)
      this.years.set(year, b)
    }
    return b
  }

  /** Merge every desk's windows over one UTC year into sorted stretches with prefix sums. */
  private build(year: number): YearBlock {
    const from = utcYearStart(year)
    const to = utcYearStart(year + 1)
    const windows: [number, number][] = []
    // Local dates a day or two either side of the UTC year cover every zone offset.
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
    const starts = new Float64Array(n)
    const ends = new Float64Array(n)
    const cumStart = new Float64Array(n)
    const cumEnd = new Float64Array(n)
    let sum = 0
    merged.forEach(([start, end], i) => {
      starts[i] = start
      ends[i] = end
      cumStart[i] = sum
      sum += end - start
      cumEnd[i] = sum
    })
    return { year, from, to, starts, ends, cumStart, cumEnd, count: n, total: sum }
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
