/**
 * A report's figures as a table: what the accessible <table> beside a chart shows and what its CSV holds, from one
 * description, so the two never disagree.
 */
export type ReportCell = string | number | null

export interface ReportColumn {
  label: string
  /** Right-aligned, tabular figures. */
  numeric?: boolean
}

export interface ReportTableData {
  /** Says what the table shows, for the <caption>. */
  caption: string
  columns: readonly ReportColumn[]
  /** The first cell of each row is its header (th scope="row"). Display text, as a person reads it. */
  rows: readonly (readonly ReportCell[])[]
  /** Optional raw values for the CSV (same shape as rows), e.g. 0.875 where the table shows "87.5%". */
  csvRows?: readonly (readonly ReportCell[])[]
}

/** Characters that make a spreadsheet treat a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a double quote, a line break or spaces at either end, with
 * double quotes doubled. Text that a spreadsheet would run as a formula gets a leading apostrophe. Numbers are
 * written as they are; null is an empty field.
 */
export function csvField(value: ReportCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  let text = String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The whole CSV text: a header line, then one line per row, CRLF line ends (RFC 4180). */
export function buildCsv(table: Pick<ReportTableData, 'columns' | 'rows' | 'csvRows'>): string {
  const lines = [table.columns.map((c) => csvField(c.label)), ...(table.csvRows ?? table.rows).map((row) => row.map(csvField))]
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n'
}

/** A file name a person can find again: "sla-attainment_2026-09-01_to_2026-11-30.csv"; no range for "now" reports. */
export function csvFileName(report: string, range?: { from: string; to: string } | null, today?: string): string {
  const slug = report
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const suffix = range ? `_${range.from}_to_${range.to}` : today ? `_${today}` : ''
  return `${slug || 'report'}${suffix}.csv`
}

/**
 * Saves CSV text as a file through the browser's download. A byte order mark goes first, so spreadsheet programs
 * read the UTF-8 (£, names with accents) correctly.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}

/** 0.875 -> "87.5%"; null -> "–" (nothing decided). */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '–'
  return `${(Math.round(rate * 1000) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`
}

/** 1.5 -> "1.5 h"; null -> "–". */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '–'
  return `${hours.toLocaleString('en-GB', { maximumFractionDigits: 1 })} h`
}

/** "2026-11" -> "Nov 2026". */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-').map(Number)
  if (!year || !m) return month
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
}
