/**
 * SLA figures as tables and charts, for the admin dashboard and the customer's own report alike. The figures come
 * counted from the API (SQL); these only lay them out.
 */
import { baseChartOption, CHART_COLORS, type ChartOption } from './charts'
import { formatMonth, formatRate, type ReportTableData } from './reportTable'

export interface SlaFigures {
  month?: string | null
  target: string
  kind: string
  met: number
  breached: number
  open: number
  rate?: number | null
  measured: number
  medianHours?: number | null
  p90Hours?: number | null
}

export interface DurationBucketLike {
  target: string
  fromHours: number
  toHours?: number | null
  count: number
}

/** The three lines a report keeps apart: the two goals and the premium guarantee. */
export const SLA_SERIES = [
  { target: 'FIRST_RESPONSE', kind: 'GOAL', label: 'First response (goal)', color: CHART_COLORS.accent },
  { target: 'FIRST_RESPONSE', kind: 'GUARANTEE', label: 'First response (premium guarantee)', color: CHART_COLORS.warning },
  { target: 'RESOLUTION', kind: 'GOAL', label: 'Resolution (goal)', color: CHART_COLORS.success },
] as const

export function slaTargetLabel(target: string, kind: string): string {
  return SLA_SERIES.find((s) => s.target === target && s.kind === kind)?.label ?? `${target} (${kind})`
}

export function reportTargetLabel(target: string): string {
  return target === 'FIRST_RESPONSE' ? 'First response' : target === 'RESOLUTION' ? 'Resolution' : target
}

const order = (row: SlaFigures) => SLA_SERIES.findIndex((s) => s.target === row.target && s.kind === row.kind)
const rateOf = (row: SlaFigures) => row.rate ?? (row.met + row.breached ? row.met / (row.met + row.breached) : null)

/** Per month and target: met, breached, not decided and attainment (the API gives times for the whole range only). */
export function slaMonthTable(rows: readonly SlaFigures[], caption: string): ReportTableData {
  const sorted = [...rows].sort((a, b) => (a.month ?? '').localeCompare(b.month ?? '') || order(a) - order(b))
  return {
    caption,
    columns: [
      { label: 'Month' },
      { label: 'Target' },
      { label: 'Met', numeric: true },
      { label: 'Breached', numeric: true },
      { label: 'Not decided', numeric: true },
      { label: 'Attainment', numeric: true },
    ],
    rows: sorted.map((r) => [r.month ? formatMonth(r.month) : 'Whole range', slaTargetLabel(r.target, r.kind), r.met, r.breached, r.open, formatRate(rateOf(r))]),
    csvRows: sorted.map((r) => {
      const rate = rateOf(r)
      return [r.month ?? 'all', slaTargetLabel(r.target, r.kind), r.met, r.breached, r.open, rate === null ? null : Math.round(rate * 10_000) / 10_000]
    }),
  }
}

/** Attainment per month, one line per goal and one for the guarantee (0–100%). */
export function slaAttainmentChart(rows: readonly SlaFigures[]): ChartOption {
  const months = [...new Set(rows.map((r) => r.month).filter((m): m is string => !!m))].sort()
  const present = SLA_SERIES.filter((s) => rows.some((r) => r.target === s.target && r.kind === s.kind))
  return {
    ...baseChartOption(),
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : '–') },
    xAxis: { type: 'category', data: months.map(formatMonth), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: present.map((s) => ({
      type: 'line',
      name: s.label,
      color: s.color,
      symbolSize: 7,
      connectNulls: true,
      data: months.map((month) => {
        const row = rows.find((r) => r.month === month && r.target === s.target && r.kind === s.kind)
        const rate = row ? rateOf(row) : null
        return rate === null ? null : Math.round(rate * 1000) / 10
      }),
    })),
  }
}

export function bucketLabel(fromHours: number, toHours?: number | null, short = false): string {
  if (toHours === null || toHours === undefined) return short ? `${fromHours}+ h` : `${fromHours} h or more`
  return `${fromHours}–${toHours} h`
}

/** Business hours taken, per bucket: first responses and resolutions side by side. */
export function durationTable(buckets: readonly DurationBucketLike[], caption: string): ReportTableData {
  const edges = [...new Map(buckets.map((b) => [b.fromHours, b.toHours ?? null])).entries()].sort((a, b) => a[0] - b[0])
  const count = (target: string, from: number) => buckets.find((b) => b.target === target && b.fromHours === from)?.count ?? 0
  return {
    caption,
    columns: [{ label: 'Business hours taken' }, { label: 'First responses', numeric: true }, { label: 'Resolutions', numeric: true }],
    rows: edges.map(([from, to]) => [bucketLabel(from, to), count('FIRST_RESPONSE', from), count('RESOLUTION', from)]),
  }
}

export function durationChart(buckets: readonly DurationBucketLike[]): ChartOption {
  const edges = [...new Map(buckets.map((b) => [b.fromHours, b.toHours ?? null])).entries()].sort((a, b) => a[0] - b[0])
  const series = (target: string, name: string, color: string) => ({
    type: 'bar' as const,
    name,
    color,
    barMaxWidth: 28,
    data: edges.map(([from]) => buckets.find((b) => b.target === target && b.fromHours === from)?.count ?? 0),
  })
  return {
    ...baseChartOption(),
    xAxis: { type: 'category', data: edges.map(([from, to]) => bucketLabel(from, to, true)), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: [series('FIRST_RESPONSE', 'First responses', CHART_COLORS.accent), series('RESOLUTION', 'Resolutions', CHART_COLORS.success)],
  }
}

/** One sentence for a chart's accessible name: what it shows, for the range. */
export function describeAttainment(overall: readonly SlaFigures[]): string {
  const parts = SLA_SERIES.map((s) => {
    const row = overall.find((r) => r.target === s.target && r.kind === s.kind)
    return row ? `${s.label} ${formatRate(rateOf(row))}` : null
  }).filter(Boolean)
  return `Attainment per month. Over the whole range: ${parts.join('; ') || 'nothing decided yet'}. The table has every figure.`
}
