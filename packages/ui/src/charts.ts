/**
 * Apache ECharts, tree-shaken: only the bar and line charts, the components our reports use and the SVG renderer
 * are registered, so a bundle carries those and not the whole library. Option builders use the types composed
 * from exactly these parts.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { use, type ComposeOption } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer])

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption | AriaComponentOption
>

/** The palette, from the design tokens: meaning first (met green, breached red, open grey), then neutrals. */
export const CHART_COLORS = {
  accent: '#2f5fd0',
  accentSoft: '#9db4ea',
  success: '#1c7a47',
  danger: '#b42318',
  warning: '#b7791f',
  neutral: '#8a94a3',
  neutralSoft: '#c5ccd5',
  text: '#3c4551',
  muted: '#6b7685',
  grid: '#eef0f3',
} as const

/** Defaults every chart shares: calm type, light grid lines, a legend on top, room for labels. */
export function baseChartOption(): ChartOption {
  return {
    animationDuration: 300,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: CHART_COLORS.text },
    grid: { left: 8, right: 16, top: 40, bottom: 16 },
    // One line of legend at every width: on a phone it scrolls sideways instead of covering the chart.
    legend: { type: 'scroll', top: 0, left: 0, right: 0, itemWidth: 12, itemHeight: 12, textStyle: { color: CHART_COLORS.text } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // The table beside each chart carries the figures for screen readers; the chart itself is described briefly.
    aria: { enabled: false },
  }
}
