import {
  calendarFor,
  SlaError,
  slaPreview,
  validateDeskDefinition,
  type BusinessCalendar,
  type DeskDefinition,
  type IsoWeekday,
  type TargetKind,
  type WeeklyWindow,
} from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.js'
import { DESKS, type DeskCode } from '../../graphql/enums.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { currentDesks, freshDesks, invalidateDesks, readDesks, type DeskHolidayView, type DeskReadOptions, type DeskView } from './desk-store.js'
import { localIsoString, weekdayName } from './local-time.js'

export { currentDesks, invalidateDesks, setDeskRecheckInterval, DEFAULT_RECHECK_INTERVAL_MS } from './desk-store.js'
export type { DeskHolidayView, DeskReadOptions, DeskSnapshot, DeskView } from './desk-store.js'

/** The plans a ticket's clock runs on (section 5); NOT_ENTITLED tickets have no clock. */
export const SUPPORT_PLANS = ['PREMIUM', 'STANDARD'] as const
export type SupportPlan = (typeof SUPPORT_PLANS)[number]

/** Holidays and previews are accepted within these years (inclusive). */
export const DESK_YEAR_RANGE: readonly [number, number] = [2000, 2100]
const RANGE_FROM = Date.UTC(DESK_YEAR_RANGE[0], 0, 1)
const RANGE_TO = Date.UTC(DESK_YEAR_RANGE[1] + 1, 0, 1)
/** The longest span `openStretches` answers at once. */
export const MAX_STRETCH_RANGE_DAYS = 31
const DAY_MS = 86_400_000
/** Previews within this many years before and after the current year share the process's calendars. */
const SHARED_CALENDAR_YEARS: readonly [number, number] = [2, 5]

// --- calendars for other modules ------------------------------------------------------------------------------

/**
 * The business calendar a ticket's clock runs on, from the desks in the database: STANDARD runs on `homeDesk`
 * alone, PREMIUM on both desks together. Served from the process cache (no SQL while fresh, see desk-store.ts);
 * the same calendar object is returned until hours or holidays change. Inside a transaction pass its manager
 * (`{ manager }`) so that a needed check runs on that transaction's connection.
 * Throws the domain's SlaError (UNKNOWN_PLAN / UNKNOWN_DESK) for values outside the unions.
 */
export async function calendarForPlan(
  ctx: Pick<RequestContext, 'db'>,
  plan: SupportPlan,
  homeDesk: DeskCode,
  options?: DeskReadOptions,
): Promise<BusinessCalendar> {
  const { definitions } = await currentDesks(ctx.db, options)
  return calendarFor(plan, homeDesk, definitions)
}

/**
 * The same calendar as `calendarForPlan`, but only when the process's cached desks are fresh: null when the
 * database must be asked first. For hot reads that would otherwise wait a tick for an answer already at hand.
 */
export function freshCalendarForPlan(ctx: Pick<RequestContext, 'db'>, plan: SupportPlan, homeDesk: DeskCode): BusinessCalendar | null {
  const snapshot = freshDesks(ctx.db)
  return snapshot ? calendarFor(plan, homeDesk, snapshot.definitions) : null
}

export type CalendarChangeKind = 'HOURS_SET' | 'HOLIDAY_ADDED' | 'HOLIDAY_REMOVED'

/** What an admin changed; handed to every `onCalendarChanged` listener inside the change's transaction. */
export interface CalendarChange {
  kind: CalendarChangeKind
  desk: DeskCode
  /** The desk's version after the change. */
  version: number
  /** A sentence for a ticket's timeline, e.g. "UK desk: holiday added on 2026-12-24 (Christmas Eve)". */
  summary: string
  at: Date
  /** Every desk before and after the change (new objects: pass them to the domain's calendarFor). */
  before: Readonly<Record<DeskCode, DeskDefinition>>
  after: Readonly<Record<DeskCode, DeskDefinition>>
  /** The calendar a clock runs on after the change (shortcut for calendarFor(plan, homeDesk, after)). */
  calendarAfter(plan: SupportPlan, homeDesk: DeskCode): BusinessCalendar
  /** The calendar a clock ran on before the change. */
  calendarBefore(plan: SupportPlan, homeDesk: DeskCode): BusinessCalendar
  /** The transaction of the change: write with it only. */
  manager: EntityManager
  ctx: RequestContext
}

export type CalendarChangeListener = (change: CalendarChange) => void | Promise<void>

const listeners = new Set<CalendarChangeListener>()

/**
 * Subscribes to admin changes of desk hours and holidays (e.g. the tickets module recomputing the due times of
 * running clocks and noting it on their timelines). Listeners run in subscription order INSIDE the change's
 * transaction, after the desk data and its audit row are written: whatever they write commits or rolls back
 * with the change, and a listener that throws undoes the change. They run once, in the process that made the
 * change. Returns a function that unsubscribes.
 */
export function onCalendarChanged(listener: CalendarChangeListener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

// --- slaPreview ------------------------------------------------------------------------------------------------

export interface SlaPreviewView {
  plan: SupportPlan
  homeDesk: DeskCode
  receivedAt: Date
  firstResponseDueAt: Date
  firstResponseKind: TargetKind
  resolutionDueAt: Date
  resolutionKind: TargetKind
  calendarDesks: { code: DeskCode; name: string; timeZone: string }[]
  warnings: { code: 'NO_HOLIDAYS_FOR_YEAR'; desk: DeskCode; year: number; message: string }[]
}

const inYearRange = (date: Date) => date.getTime() >= RANGE_FROM && date.getTime() < RANGE_TO
const yearRangeText = `${DESK_YEAR_RANGE[0]}-01-01 and ${DESK_YEAR_RANGE[1]}-12-31 (UTC)`

const PreviewInput = z.object({
  plan: z.enum(SUPPORT_PLANS, { message: 'Choose the plan: PREMIUM or STANDARD.' }),
  homeDesk: z.enum(DESKS, { message: 'Choose the home desk: PACIFIC or UK.' }),
  receivedAt: z
    .date({ message: 'Give receivedAt as an ISO 8601 instant, for example "2026-11-26T14:30:00Z".' })
    .refine(inYearRange, { message: `receivedAt must be between ${yearRangeText}.` }),
})

/** Which input field a domain SlaError is about. */
function fieldOfSlaError(error: SlaError, fields: { instant: string }): string {
  switch (error.reason) {
    case 'UNKNOWN_PLAN':
      return 'plan'
    case 'UNKNOWN_DESK':
      return 'homeDesk'
    case 'INVALID_INSTANT':
    case 'INVALID_INTERVAL':
      return fields.instant
    default:
      return 'input'
  }
}

/**
 * The desks to compute with at `instant`. The domain's calendars materialise a contiguous run of years, so one
 * question about a year decades away would make the shared calendars (used by every request) build every year in
 * between. Near the current year the process's cached calendars are used; far from it, throwaway ones (a new
 * record, so calendarFor builds fresh calendars that are dropped after the request).
 */
function definitionsFor(
  ctx: RequestContext,
  definitions: Readonly<Record<DeskCode, DeskDefinition>>,
  instant: Date,
): Readonly<Record<DeskCode, DeskDefinition>> {
  const yearsFromNow = instant.getUTCFullYear() - ctx.now().getUTCFullYear()
  const near = yearsFromNow >= -SHARED_CALENDAR_YEARS[0] && yearsFromNow <= SHARED_CALENDAR_YEARS[1]
  return near ? definitions : { ...definitions }
}

/** Runs a domain computation, turning its input SlaErrors into a ValidationError naming the field. */
function withSlaFields<T>(fields: { instant: string }, work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof SlaError && error.code === 'VALIDATION') {
      throw new ValidationError([{ field: fieldOfSlaError(error, fields), message: error.message }])
    }
    throw error
  }
}

/** "When would a question received at `receivedAt` be answered?" on the desks as they are in the database. */
export const previewSla = service(async (ctx: RequestContext, input: z.input<typeof PreviewInput>): Promise<SlaPreviewView> => {
  const data = parseInput(PreviewInput, input)
  const snapshot = await currentDesks(ctx.db)
  const definitions = definitionsFor(ctx, snapshot.definitions, data.receivedAt)
  const preview = withSlaFields({ instant: 'receivedAt' }, () =>
    slaPreview(data.plan, data.homeDesk, data.receivedAt.getTime(), definitions),
  )
  return {
    plan: data.plan,
    homeDesk: data.homeDesk,
    receivedAt: data.receivedAt,
    firstResponseDueAt: new Date(preview.firstResponseDueAt),
    firstResponseKind: preview.firstResponseKind,
    resolutionDueAt: new Date(preview.resolutionDueAt),
    resolutionKind: preview.resolutionKind,
    calendarDesks: preview.calendarDesks.map((code) => {
      const desk = snapshot.byCode[code as DeskCode]
      return { code: desk.code, name: desk.name, timeZone: desk.timeZone }
    }),
    warnings: preview.warnings.map((w) => ({ code: w.code, desk: w.desk as DeskCode, year: w.year, message: w.message })),
  }
})

// --- reading desks (staff) ------------------------------------------------------------------------------------

function requireStaff(ctx: RequestContext): void {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff can see the desks’ calendars.')
}

function requireAdmin(ctx: RequestContext): void {
  if (ctx.viewer.kind !== 'staff' || ctx.viewer.role !== 'ADMIN') throw new ForbiddenError('Only admins can change desk hours and holidays.')
}

/** Every desk with its hours and holidays, checked against the database (one cheap statement when unchanged). */
export const listDesks = service(async (ctx: RequestContext): Promise<readonly DeskView[]> => {
  requireStaff(ctx)
  return (await currentDesks(ctx.db, { maxAgeMs: 0 })).desks
})

/** A desk's holidays, of one local year or all. */
export function holidaysOf(desk: DeskView, year?: number | null): readonly DeskHolidayView[] {
  if (year === undefined || year === null) return desk.holidays
  const prefix = `${String(year).padStart(4, '0')}-`
  return desk.holidays.filter((holiday) => holiday.date.startsWith(prefix))
}

/** The years in which the desk has holidays recorded, ascending. */
export function holidayYearsOf(desk: DeskView): number[] {
  return [...new Set(desk.holidays.map((holiday) => Number(holiday.date.slice(0, 4))))]
}

export interface LocalStretchView {
  desk: DeskCode
  timeZone: string
  /** ISO 8601 wall-clock time with the zone's offset, e.g. 2026-01-05T07:00:00-08:00. */
  start: string
  end: string
}

export interface OpenStretchView {
  start: Date
  end: Date
  /** The stretch in every desk's local time, in DESKS order. */
  local: LocalStretchView[]
}

const StretchRange = z
  .object({
    from: z.date().refine(inYearRange, { message: `from must be between ${yearRangeText}.` }),
    to: z.date().refine(inYearRange, { message: `to must be between ${yearRangeText}.` }),
  })
  .superRefine(({ from, to }, issue) => {
    if (to.getTime() <= from.getTime()) {
      issue.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`.' })
    } else if (to.getTime() - from.getTime() > MAX_STRETCH_RANGE_DAYS * DAY_MS) {
      issue.addIssue({ code: 'custom', path: ['to'], message: `Ask for at most ${MAX_STRETCH_RANGE_DAYS} days of open stretches at a time.` })
    }
  })

/** The desk's open stretches in [from, to), in UTC and in every desk's local time (the admin week view). */
export const deskOpenStretches = service(async (ctx: RequestContext, desk: DeskView, input: { from: Date; to: Date }): Promise<OpenStretchView[]> => {
  const { from, to } = parseInput(StretchRange, input)
  const calendar = calendarFor('STANDARD', desk.code, definitionsFor(ctx, desk.definitions, from))
  const zones = DESKS.map((code) => ({ desk: code, timeZone: desk.definitions[code].timeZone }))
  const stretches = withSlaFields({ instant: 'from' }, () => calendar.openStretches(from.getTime(), to.getTime()))
  return stretches.map((stretch) => ({
    start: new Date(stretch.start),
    end: new Date(stretch.end),
    local: zones.map((zone) => ({ ...zone, start: localIsoString(stretch.start, zone.timeZone), end: localIsoString(stretch.end, zone.timeZone) })),
  }))
})

// --- admin changes --------------------------------------------------------------------------------------------

interface AppliedChange {
  kind: CalendarChangeKind
  action: string
  summary: string
  before?: Record<string, unknown>
  after?: Record<string, unknown>
}

/**
 * The frame of every admin change: lock the desk row, read the desks in the transaction, let `apply` validate
 * and write (null: nothing to change), bump the desk's version, write the audit row, run the listeners; after
 * commit, drop this process's cached desks so the next preview uses the new hours.
 */
async function changeCalendar(
  ctx: RequestContext,
  code: DeskCode,
  apply: (manager: EntityManager, desk: DeskView) => Promise<AppliedChange | null>,
): Promise<DeskView> {
  let wrote = false
  try {
    return await withTransaction(ctx, async (manager) => {
      const locked: { code: string }[] = await manager.query('SELECT code FROM desks WHERE code = $1 FOR UPDATE', [code])
      if (locked.length === 0) throw new NotFoundError(`The ${code} desk`)
      const before = await currentDesks(ctx.db, { maxAgeMs: 0, manager })
      const desk = before.byCode[code]
      const change = await apply(manager, desk)
      if (!change) return desk
      wrote = true
      const at = ctx.now()
      await manager.query('UPDATE desks SET version = version + 1, updated_at = $2 WHERE code = $1', [code, at])
      const after = await readDesks(manager, before)
      const changed = after.byCode[code]
      await recordAudit(manager, ctx, {
        action: change.action,
        entityType: 'Desk',
        entityId: desk.id,
        customerId: null,
        before: change.before ? { desk: code, version: desk.version, ...change.before } : null,
        after: change.after ? { desk: code, version: changed.version, ...change.after } : { desk: code, version: changed.version },
      })
      const event: CalendarChange = {
        kind: change.kind,
        desk: code,
        version: changed.version,
        summary: change.summary,
        at,
        before: before.definitions,
        after: after.definitions,
        calendarAfter: (plan, homeDesk) => calendarFor(plan, homeDesk, after.definitions),
        calendarBefore: (plan, homeDesk) => calendarFor(plan, homeDesk, before.definitions),
        manager,
        ctx,
      }
      for (const listener of [...listeners]) await listener(event)
      return changed
    })
  } finally {
    if (wrote) invalidateDesks(ctx.db)
  }
}

const HoursInput = z.object({
  desk: z.enum(DESKS, { message: 'Choose the desk: PACIFIC or UK.' }),
  expectedVersion: z.number({ message: 'Send the desk’s version as you loaded it.' }).int(),
  hours: z
    .array(z.object({ weekday: z.number().int(), opens: z.string().trim(), closes: z.string().trim() }))
    .max(50, 'Use at most 50 opening windows a week.'),
})

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** 'weeklyHours[2].closes' (the domain's path) -> 'hours.2.closes' (the argument as the client named it). */
function hoursField(path: string): string {
  const match = /^weeklyHours\[(\d+)\](?:\.(\w+))?$/.exec(path)
  if (match) return `hours.${match[1]}.${match[2] ?? 'closes'}`
  return path === 'weeklyHours' ? 'hours' : path
}

/** Windows of one weekday that overlap (touching is fine: the calendar merges them). */
function overlapErrors(hours: readonly WeeklyWindow[]): FieldError[] {
  const errors: FieldError[] = []
  for (let weekday = 1; weekday <= 7; weekday++) {
    const windows = hours
      .map((window, index) => ({ ...window, index, from: minutesOf(window.opens), to: minutesOf(window.closes) }))
      .filter((window) => window.weekday === weekday)
      .sort((a, b) => a.from - b.from || a.to - b.to)
    let reach = windows[0]
    for (const window of windows.slice(1)) {
      if (reach && window.from < reach.to) {
        errors.push({
          field: `hours.${window.index}`,
          message: `${weekdayName(weekday)} ${window.opens}–${window.closes} overlaps ${reach.opens}–${reach.closes} (hours.${reach.index}); make it one window or separate them.`,
        })
      }
      if (!reach || window.to > reach.to) reach = window
    }
  }
  return errors
}

function hoursErrors(desk: DeskView, hours: readonly WeeklyWindow[]): FieldError[] {
  // Overlaps are reported below in the request's own terms (hours.N), so the domain's wording is left out.
  const problems = validateDeskDefinition({ code: desk.code, timeZone: desk.timeZone, weeklyHours: hours, holidays: [] }).filter(
    (problem) => problem.code !== 'OVERLAPPING_WINDOWS',
  )
  if (problems.length > 0) return problems.map((problem) => ({ field: hoursField(problem.path), message: problem.message }))
  return overlapErrors(hours)
}

const sortedWindows = (hours: readonly WeeklyWindow[]): WeeklyWindow[] =>
  [...hours].sort((a, b) => a.weekday - b.weekday || minutesOf(a.opens) - minutesOf(b.opens) || minutesOf(a.closes) - minutesOf(b.closes))

const describeHours = (hours: readonly WeeklyWindow[]) => hours.map((w) => `${weekdayName(w.weekday).slice(0, 3)} ${w.opens}–${w.closes}`).join(', ')

/**
 * Replaces a desk's weekly hours. Every window is checked by the domain's validateDeskDefinition (HH:MM times,
 * closing after opening, weekdays 1-7, at least one window) and windows of a weekday must not overlap.
 * A stale `expectedVersion` is a CONFLICT. Sending the hours the desk already has changes nothing.
 */
export const setDeskHours = service(async (ctx: RequestContext, input: z.input<typeof HoursInput>): Promise<DeskView> => {
  requireAdmin(ctx)
  const data = parseInput(HoursInput, input)
  const hours: WeeklyWindow[] = data.hours.map((w) => ({ weekday: w.weekday as IsoWeekday, opens: w.opens, closes: w.closes }))
  return changeCalendar(ctx, data.desk, async (manager, desk) => {
    const errors = hoursErrors(desk, hours)
    if (errors.length > 0) throw new ValidationError(errors)
    if (desk.version !== data.expectedVersion) {
      throw new ConflictError(
        `The ${desk.name} desk’s calendar changed since you loaded it (it is at version ${desk.version}, you sent ${data.expectedVersion}). Reload its hours and try again.`,
      )
    }
    const next = sortedWindows(hours)
    if (describeHours(next) === describeHours(desk.hours)) return null
    await manager.query('DELETE FROM desk_hours WHERE desk = $1', [desk.code])
    for (const window of next) {
      await manager.query('INSERT INTO desk_hours (desk, weekday, opens, closes) VALUES ($1, $2, $3, $4)', [desk.code, window.weekday, window.opens, window.closes])
    }
    return {
      kind: 'HOURS_SET',
      action: 'desk.hours_set',
      summary: `${desk.name} desk hours changed to ${describeHours(next)} (${desk.timeZone})`,
      before: { hours: desk.hours },
      after: { hours: next },
    }
  })
})

const HolidayName = z.string().trim().min(1, 'Name the holiday, for example "Boxing Day".').max(100, 'Use at most 100 characters for the name.')

const HolidayKey = z.object({
  desk: z.enum(DESKS, { message: 'Choose the desk: PACIFIC or UK.' }),
  date: z.string().trim(),
})
const AddHolidayInput = HolidayKey.extend({ name: z.string() })

/** The domain's checks of one holiday date; `inRange` also requires DESK_YEAR_RANGE. */
function dateErrors(desk: DeskView, date: string, inRange: boolean): FieldError[] {
  const problems = validateDeskDefinition(
    { ...desk.definition, holidays: [date] },
    inRange ? { yearRange: DESK_YEAR_RANGE } : {},
  ).filter((problem) => problem.path.startsWith('holidays'))
  return problems.map((problem) => ({ field: 'date', message: problem.message }))
}

/** Adds a holiday (a local date on which the desk is closed all day). A second one on the same date is refused. */
export const addDeskHoliday = service(async (ctx: RequestContext, input: z.input<typeof AddHolidayInput>): Promise<DeskView> => {
  requireAdmin(ctx)
  const data = parseInput(AddHolidayInput, input)
  return changeCalendar(ctx, data.desk, async (manager, desk) => {
    const name = HolidayName.safeParse(data.name)
    const errors = [
      ...dateErrors(desk, data.date, true),
      ...(name.success ? [] : name.error.issues.map((issue) => ({ field: 'name', message: issue.message }))),
    ]
    if (errors.length > 0 || !name.success) throw new ValidationError(errors)
    const [existing]: { name: string }[] = await manager.query('SELECT name FROM desk_holidays WHERE desk = $1 AND date = $2::date', [desk.code, data.date])
    if (existing) {
      throw new ValidationError([{ field: 'date', message: `The ${desk.name} desk already has a holiday on ${data.date} (${existing.name}).` }])
    }
    await manager.query('INSERT INTO desk_holidays (desk, date, name) VALUES ($1, $2::date, $3)', [desk.code, data.date, name.data])
    return {
      kind: 'HOLIDAY_ADDED',
      action: 'desk.holiday_added',
      summary: `${desk.name} desk: holiday added on ${data.date} (${name.data})`,
      after: { date: data.date, name: name.data },
    }
  })
})

/** Removes a desk's holiday on a date; NOT_FOUND when there is none. */
export const removeDeskHoliday = service(async (ctx: RequestContext, input: z.input<typeof HolidayKey>): Promise<DeskView> => {
  requireAdmin(ctx)
  const data = parseInput(HolidayKey, input)
  return changeCalendar(ctx, data.desk, async (manager, desk) => {
    const errors = dateErrors(desk, data.date, false)
    if (errors.length > 0) throw new ValidationError(errors)
    const [holiday]: { id: string; name: string }[] = await manager.query(
      'SELECT id, name FROM desk_holidays WHERE desk = $1 AND date = $2::date',
      [desk.code, data.date],
    )
    if (!holiday) throw new NotFoundError(`A ${desk.name} desk holiday on ${data.date}`)
    await manager.query('DELETE FROM desk_holidays WHERE id = $1', [holiday.id])
    return {
      kind: 'HOLIDAY_REMOVED',
      action: 'desk.holiday_removed',
      summary: `${desk.name} desk: holiday on ${data.date} (${holiday.name}) removed`,
      before: { date: data.date, name: holiday.name },
    }
  })
})
