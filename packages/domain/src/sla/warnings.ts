import { DateTime } from 'luxon'
import type { DeskDefinition } from './desks.js'
import { assertInstant } from './errors.js'

export interface CalendarWarning {
  code: 'NO_HOLIDAYS_FOR_YEAR'
  desk: string
  year: number
  message: string
}

/**
 * How many local years per desk `calendarWarnings` looks at, counted from the earlier instant. An answer spans
 * days (a preview: receipt to the later due time), and the calendar itself never searches further than 10 years
 * ahead, so this only bounds nonsense spans: years beyond the first 10 are not looked at, and a desk gets at
 * most 10 warnings however long the span.
 */
export const MAX_WARNING_YEARS = 10

/**
 * Warnings about the data behind an answer over [from, to] (epoch ms), e.g. a desk with no holidays recorded for
 * a local year in that span: the clock still answers, on weekdays and hours alone. Looks at most at the first
 * MAX_WARNING_YEARS local years of the span per desk. Throws SlaError INVALID_INSTANT like every entry point.
 */
export function calendarWarnings(desks: readonly DeskDefinition[], from: number, to: number): CalendarWarning[] {
  assertInstant(from, 'from')
  assertInstant(to, 'to')
  const warnings: CalendarWarning[] = []
  for (const desk of desks) {
    const recorded = new Set(desk.holidays.map((h) => Number(h.slice(0, 4))))
    const firstYear = DateTime.fromMillis(Math.min(from, to), { zone: desk.timeZone }).year
    const lastYear = Math.min(
      DateTime.fromMillis(Math.max(from, to), { zone: desk.timeZone }).year,
      firstYear + MAX_WARNING_YEARS - 1,
    )
    for (let year = firstYear; year <= lastYear; year++) {
      if (!recorded.has(year)) {
        warnings.push({
          code: 'NO_HOLIDAYS_FOR_YEAR',
          desk: desk.code,
          year,
          message: `no holidays recorded for ${desk.code} in ${year}: answering on weekdays and hours alone`,
        })
      }
    }
  }
  return warnings
}
