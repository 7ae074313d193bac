/**
 * Reports: charts (Apache ECharts), their tables and CSV. A separate entry (`@covered/ui/reports`) so that only
 * the report pages, loaded on demand, carry the charting library; every other page imports `@covered/ui`.
 */
export { default as UiChart } from './components/UiChart.vue'
export { default as UiReportPanel } from './components/UiReportPanel.vue'
export { default as UiReportTable } from './components/UiReportTable.vue'
export * from './charts'
export * from './reportTable'
export * from './slaReport'
export * from './useReport'
