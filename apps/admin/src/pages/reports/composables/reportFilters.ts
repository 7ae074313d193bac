import { addCalendarDays, calendarDaysBetween, compareCalendarDates, isCalendarDate } from '@covered/domain'
import { formatCalendarDate } from '@covered/ui'
import type { Desk, SupportPlan } from '../../../gql/graphql'

/** The longest range the API reports on (it refuses longer ones). */
export const MAX_RANGE_DAYS = 731

export const RANGE_PRESETS = [
  { value: '30', label: '30 days', days: 30 },
  { value: '90', label: '90 days', days: 90 },
  { value: '365', label: 'A year', days: 365 },
] as const
export const DEFAULT_PRESET_DAYS = 90

const DESKS: readonly Desk[] = ['PACIFIC', 'UK']
const PLANS: readonly SupportPlan[] = ['PREMIUM', 'STANDARD']
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** What the address says (?from=2026-09-01&to=2026-11-30&desk=UK&plan=PREMIUM&customer=<id>), checked. */
export interface ReportFilterState {
  /** First day, inclusive (UTC). */
  from: string
  /** Last day, inclusive (UTC). */
  to: string
  desk: Desk | null
  plan: SupportPlan | null
  customerId: string | null
  /** Values in the address that were not understood and are ignored, said in words. */
  ignored: string[]
}

const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value) && isCalendarDate(value)

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/** Reads the filters from the URL query; anything missing takes its default (the last 90 days, everything). */
export function readReportFilters(query: Record<string, unknown>, today: string): ReportFilterState {
  const ignored: string[] = []
  const from = text(query.from)
  const to = text(query.to)
  const desk = text(query.desk)
  const plan = text(query.plan)
  if (from && !isDate(from)) ignored.push(`the start date “${from}”`)
  if (to && !isDate(to)) ignored.push(`the end date “${to}”`)
  if (desk && !DESKS.includes(desk as Desk)) ignored.push(`the desk “${desk}”`)
  if (plan && !PLANS.includes(plan as SupportPlan)) ignored.push(`the plan “${plan}”`)
  const end = to && isDate(to) ? to : today
  return {
    from: from && isDate(from) ? from : addCalendarDays(end, -(DEFAULT_PRESET_DAYS - 1)),
    to: end,
    desk: desk && DESKS.includes(desk as Desk) ? (desk as Desk) : null,
    plan: plan && PLANS.includes(plan as SupportPlan) ? (plan as SupportPlan) : null,
    customerId: text(query.customer),
    ignored,
  }
}

/** The URL query for a filter state: defaults left out, so a plain /reports is the default view. */
export function reportFiltersQuery(state: Omit<ReportFilterState, 'ignored'>, today: string): Record<string, string> {
  const query: Record<string, string> = {}
  const isDefault = state.to === today && state.from === addCalendarDays(today, -(DEFAULT_PRESET_DAYS - 1))
  if (!isDefault) {
    query.from = state.from
    query.to = state.to
  }
  if (state.desk) query.desk = state.desk
  if (state.plan) query.plan = state.plan
  if (state.customerId) query.customer = state.customerId
  return query
}

/** The same check the API makes, said beside the date field at once. */
export function rangeError(state: Pick<ReportFilterState, 'from' | 'to'>): { field: 'from' | 'to'; message: string } | null {
  if (compareCalendarDates(state.to, state.from) < 0) return { field: 'to', message: 'The end of the range must come after its start.' }
  if (calendarDaysBetween(state.from, state.to) + 1 > MAX_RANGE_DAYS) return { field: 'to', message: `Choose a range of at most ${MAX_RANGE_DAYS} days.` }
  return null
}

/** The API's filter: whole UTC days, the end exclusive (the day after the last day). */
export function apiFilter(state: Omit<ReportFilterState, 'ignored'>) {
  return {
    from: `${state.from}T00:00:00.000Z`,
    to: `${addCalendarDays(state.to, 1)}T00:00:00.000Z`,
    desk: state.desk,
    plan: state.plan,
    customerId: state.customerId,
  }
}

/** "1 Sept 2026 – 30 Nov 2026 (UTC)" */
export function rangeLabel(state: Pick<ReportFilterState, 'from' | 'to'>): string {
  return `${formatCalendarDate(state.from)} – ${formatCalendarDate(state.to)}`
}

/** Which preset a range is (for the choice buttons), or 'custom'. */
export function presetOf(state: Pick<ReportFilterState, 'from' | 'to'>, today: string): string {
  if (state.to !== today) return 'custom'
  const preset = RANGE_PRESETS.find((p) => state.from === addCalendarDays(today, -(p.days - 1)))
  return preset?.value ?? 'custom'
}

export function presetRange(value: string, today: string): { from: string; to: string } | null {
  const preset = RANGE_PRESETS.find((p) => p.value === value)
  return preset ? { from: addCalendarDays(today, -(preset.days - 1)), to: today } : null
}
