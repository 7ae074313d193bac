import { categoryInfo, type TicketCategory } from '@covered/domain'
import { deskName, formatMinorMoney, planLabel, quoteStatusLabel, ticketStatusLabel } from '@covered/ui'
import { baseChartOption, CHART_COLORS, formatMonth, formatRate, slaTargetLabel, type ChartOption, type ReportTableData } from '@covered/ui/reports'

/** Tables and charts of the admin dashboard's reports, from the figures the API counted. */

const hours = (minutes: number) => Math.round(minutes / 6) / 10
const formatHoursOf = (minutes: number) => `${hours(minutes).toLocaleString('en-GB')} h`

export function categoryLabel(code: string | null | undefined): string {
  if (!code) return 'All categories'
  try {
    return categoryInfo(code as TicketCategory).label
  } catch {
    return code
  }
}

/* ---------- Attainment by desk and plan ---------- */

export interface AttainmentRowLike {
  month: string
  desk: string
  plan: string
  target: string
  kind: string
  met: number
  breached: number
  open: number
  rate?: number | null
}

export function attainmentDetailTable(rows: readonly AttainmentRowLike[], caption: string): ReportTableData {
  return {
    caption,
    columns: [
      { label: 'Month' },
      { label: 'Desk' },
      { label: 'Plan' },
      { label: 'Target' },
      { label: 'Met', numeric: true },
      { label: 'Breached', numeric: true },
      { label: 'Not decided', numeric: true },
      { label: 'Attainment', numeric: true },
    ],
    rows: rows.map((r) => [formatMonth(r.month), deskName(r.desk), planLabel(r.plan), slaTargetLabel(r.target, r.kind), r.met, r.breached, r.open, formatRate(r.rate)]),
    csvRows: rows.map((r) => [r.month, r.desk, r.plan, slaTargetLabel(r.target, r.kind), r.met, r.breached, r.open, r.rate ?? null]),
  }
}

/* ---------- Backlog ---------- */

export const AGES = ['<1d', '1-3d', '3-7d', '>7d'] as const
export const AGE_LABELS: Record<string, string> = { '<1d': 'Under a day', '1-3d': '1–3 days', '3-7d': '3–7 days', '>7d': 'Over 7 days' }
const STATUS_ORDER = ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED']
const STATUS_COLORS: Record<string, string> = {
  NEW: CHART_COLORS.accent,
  OPEN: CHART_COLORS.accentSoft,
  WAITING_ON_CUSTOMER: CHART_COLORS.warning,
  ESCALATED: CHART_COLORS.danger,
}

export interface BacklogRowLike {
  status: string
  /** Null: both desks together (counted by the API). */
  desk?: string | null
  age: string
  count: number
}

/** One row per status and desk, one column per age: every figure of the backlog, pivoted (nothing added up). */
export function backlogTable(rows: readonly BacklogRowLike[]): ReportTableData {
  const perDesk = rows.filter((r) => r.desk)
  const keys = [...new Map(perDesk.map((r) => [`${r.status}|${r.desk}`, { status: r.status, desk: r.desk! }])).values()].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.desk.localeCompare(b.desk),
  )
  const count = (status: string, desk: string, age: string) => perDesk.find((r) => r.status === status && r.desk === desk && r.age === age)?.count ?? 0
  return {
    caption: 'Open tickets now by status and desk, per age since receipt',
    columns: [{ label: 'Status' }, { label: 'Desk' }, ...AGES.map((age) => ({ label: AGE_LABELS[age]!, numeric: true }))],
    rows: keys.map((k) => [ticketStatusLabel(k.status), deskName(k.desk), ...AGES.map((age) => count(k.status, k.desk, age))]),
    csvRows: keys.map((k) => [k.status, k.desk, ...AGES.map((age) => count(k.status, k.desk, age))]),
  }
}

/** Open tickets by age, stacked by status, over both desks (the API's rows with desk null). */
export function backlogChart(rows: readonly BacklogRowLike[]): ChartOption {
  const both = rows.filter((r) => !r.desk)
  const statuses = STATUS_ORDER.filter((s) => both.some((r) => r.status === s))
  return {
    ...baseChartOption(),
    xAxis: { type: 'category', data: AGES.map((a) => AGE_LABELS[a]!) },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: statuses.map((status) => ({
      type: 'bar',
      name: ticketStatusLabel(status),
      stack: 'backlog',
      color: STATUS_COLORS[status],
      barMaxWidth: 48,
      data: AGES.map((age) => both.find((r) => r.status === status && r.age === age)?.count ?? 0),
    })),
  }
}

/* ---------- Scope mix ---------- */

export interface ScopeMixRowLike {
  category?: string | null
  inScope: number
  needsProfessionalServices: number
  needsReview: number
  total: number
}

const share = (part: number, total: number) => (total ? part / total : null)

export function scopeMixTable(rows: readonly ScopeMixRowLike[], total: ScopeMixRowLike | null, caption: string): ReportTableData {
  const all = total ? [...rows, { ...total, category: null }] : [...rows]
  return {
    caption,
    columns: [
      { label: 'Category' },
      { label: 'In scope', numeric: true },
      { label: 'Needs Professional Services', numeric: true },
      { label: 'Needs review', numeric: true },
      { label: 'Tickets', numeric: true },
      { label: 'Share needing services', numeric: true },
    ],
    rows: all.map((r) => [categoryLabel(r.category), r.inScope, r.needsProfessionalServices, r.needsReview, r.total, formatRate(share(r.needsProfessionalServices, r.total))]),
    csvRows: all.map((r) => {
      const s = share(r.needsProfessionalServices, r.total)
      return [r.category ?? 'ALL', r.inScope, r.needsProfessionalServices, r.needsReview, r.total, s === null ? null : Math.round(s * 10_000) / 10_000]
    }),
  }
}

/** Categories as horizontal bars, stacked by scope decision: how much needs Professional Services. */
export function scopeMixChart(rows: readonly ScopeMixRowLike[]): ChartOption {
  const shown = [...rows].reverse() // most asked at the top
  const series = (name: string, key: 'inScope' | 'needsProfessionalServices' | 'needsReview', color: string) => ({
    type: 'bar' as const,
    name,
    stack: 'scope',
    color,
    barMaxWidth: 22,
    data: shown.map((r) => r[key]),
  })
  return {
    ...baseChartOption(),
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    yAxis: { type: 'category', data: shown.map((r) => categoryLabel(r.category)), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      series('In scope', 'inScope', CHART_COLORS.success),
      series('Needs Professional Services', 'needsProfessionalServices', CHART_COLORS.warning),
      series('Needs review', 'needsReview', CHART_COLORS.accent),
    ],
  }
}

/* ---------- Professional Services pipeline ---------- */

export interface PipelineRowLike {
  status: string
  currency: string
  count: number
  totalMinor: number
  quotedMinutes: number
  loggedMinutes: number
}

const QUOTE_ORDER = ['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN']

export function pipelineTable(rows: readonly PipelineRowLike[], caption: string): ReportTableData {
  return {
    caption,
    columns: [
      { label: 'Status' },
      { label: 'Currency' },
      { label: 'Quotes', numeric: true },
      { label: 'Total value', numeric: true },
      { label: 'Quoted hours', numeric: true },
      { label: 'Delivered hours', numeric: true },
      { label: 'Delivered of quoted', numeric: true },
    ],
    rows: rows.map((r) => [
      quoteStatusLabel(r.status),
      r.currency,
      r.count,
      formatMinorMoney(r.totalMinor, r.currency),
      formatHoursOf(r.quotedMinutes),
      formatHoursOf(r.loggedMinutes),
      formatRate(share(r.loggedMinutes, r.quotedMinutes)),
    ]),
    csvRows: rows.map((r) => [r.status, r.currency, r.count, (r.totalMinor / 100).toFixed(2), hours(r.quotedMinutes), hours(r.loggedMinutes), share(r.loggedMinutes, r.quotedMinutes) === null ? null : Math.round(share(r.loggedMinutes, r.quotedMinutes)! * 10_000) / 10_000]),
  }
}

/** Quotes per status, stacked by currency (values in different currencies are never added together). */
export function pipelineChart(rows: readonly PipelineRowLike[]): ChartOption {
  const statuses = QUOTE_ORDER.filter((s) => rows.some((r) => r.status === s))
  const currencies = [...new Set(rows.map((r) => r.currency))].sort()
  const colors = [CHART_COLORS.accent, CHART_COLORS.accentSoft]
  return {
    ...baseChartOption(),
    xAxis: { type: 'category', data: statuses.map(quoteStatusLabel) },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: currencies.map((currency, i) => ({
      type: 'bar',
      name: `Quotes in ${currency}`,
      stack: 'quotes',
      color: colors[i % colors.length],
      barMaxWidth: 48,
      data: statuses.map((status) => rows.find((r) => r.status === status && r.currency === currency)?.count ?? 0),
    })),
  }
}

/* ---------- Renewals ---------- */

export interface RenewalRowLike {
  withinDays: number
  currency: string
  count: number
  valueMinor: number
}

export function renewalsTable(rows: readonly RenewalRowLike[]): ReportTableData {
  return {
    caption: 'Contracts due for renewal from today, with their renewal value (each window includes the shorter ones)',
    columns: [{ label: 'Ending within' }, { label: 'Currency' }, { label: 'Contracts', numeric: true }, { label: 'Renewal value', numeric: true }],
    rows: rows.map((r) => [`${r.withinDays} days`, r.currency, r.count, formatMinorMoney(r.valueMinor, r.currency)]),
    csvRows: rows.map((r) => [r.withinDays, r.currency, r.count, (r.valueMinor / 100).toFixed(2)]),
  }
}

export function renewalsChart(rows: readonly RenewalRowLike[]): ChartOption {
  const windows = [30, 60, 90]
  const currencies = [...new Set(rows.map((r) => r.currency))].sort()
  const colors = [CHART_COLORS.accent, CHART_COLORS.accentSoft]
  return {
    ...baseChartOption(),
    xAxis: { type: 'category', data: windows.map((d) => `Within ${d} days`) },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: currencies.map((currency, i) => ({
      type: 'bar',
      name: `Contracts in ${currency}`,
      stack: 'renewals',
      color: colors[i % colors.length],
      barMaxWidth: 48,
      data: windows.map((d) => rows.find((r) => r.withinDays === d && r.currency === currency)?.count ?? 0),
    })),
  }
}

export { formatMonth }
