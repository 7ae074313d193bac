import { DEFAULT_DESKS, type DeskCode, type DeskDefinition } from './desks.js'
import { calendarFor, type SupportPlanForClock } from './calendar.js'
import { computeDueTimes, type DueTimes, type SlaSettings } from './targets.js'
import { calendarWarnings, type CalendarWarning } from './warnings.js'

export interface SlaPreview extends DueTimes {
  /** Codes of the desks whose hours the answer used, e.g. ['UK'] or ['PACIFIC', 'UK']. */
  calendarDesks: string[]
  warnings: CalendarWarning[]
}

/** "When would a question sent at `receivedAt` be answered?" Both due times, the calendar used, and data warnings. */
export function slaPreview(
  plan: SupportPlanForClock,
  homeDesk: DeskCode,
  receivedAt: number,
  desks: Readonly<Record<DeskCode, DeskDefinition>> = DEFAULT_DESKS,
  settings?: Partial<SlaSettings>,
): SlaPreview {
  const calendar = calendarFor(plan, homeDesk, desks)
  const due = computeDueTimes({ plan, calendar, receivedAt, settings })
  const lastDue = Math.max(due.firstResponseDueAt, due.resolutionDueAt)
  return { ...due, calendarDesks: calendar.deskCodes, warnings: calendarWarnings(calendar.desks, receivedAt, lastDue) }
}
