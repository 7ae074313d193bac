import { DateTime } from 'luxon'
import type { DeskDefinition } from './desks.js'

export interface CalendarWarning {
  code: 'NO_HOLIDAYS_FOR_YEAR'
  desk: string
  year: number
  message: string
}

/**
 * Warnings about the data behind an answer over [from, to] (epoch ms), e.g. a desk with no holidays recorded for
 * a local year in that span: the clock still answers, on weekdays and hours alone.
 */
export function calendarWarnings(desks: readonly DeskDefinition[], from: number, to: number): CalendarWarning[] {
  const warnings: CalendarWarning[] = []
  for (const desk of desks) {
    const recorded = new Set(desk.holidays.map((h) => Number(h.slice(0, 4))))
    const firstYear = DateTime.fromMillis(Math.min(from, to), { zone: desk.timeZone }).year
    const lastYear = DateTime.fromMillis(Math.max(from, to), { zone: desk.timeZone }).year
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
