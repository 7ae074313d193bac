// The SLA clock (policy.md section 5): desks, business calendars, due times, warnings and pauses.
// Instants are UTC epoch milliseconds; convert Date / ISO 8601 at the edges.
export { SlaError, type SlaErrorReason, type DeskProblem } from './errors.js'
export {
  DEFAULT_DESKS,
  DESK_CODES,
  validateDeskDefinition,
  type DeskCode,
  type DeskDefinition,
  type IsoWeekday,
  type ValidateDeskOptions,
  type WeeklyWindow,
} from './desks.js'
export {
  BusinessCalendar,
  calendarFor,
  SUPPORT_PLANS_FOR_CLOCK,
  type OpenStretch,
  type SupportPlanForClock,
} from './calendar.js'
export {
  businessMinutesUntil,
  computeDueTimes,
  DEFAULT_SLA_SETTINGS,
  standardFirstResponseDue,
  warningAt,
  type DueTimes,
  type DueTimesInput,
  type SlaSettings,
  type TargetKind,
} from './targets.js'
export {
  clockWarningAt,
  pauseClock,
  pauseShift,
  resumeClock,
  shiftDue,
  startClock,
  type SlaClock,
} from './pause.js'
export { calendarWarnings, MAX_WARNING_YEARS, type CalendarWarning } from './warnings.js'
export { slaPreview, type SlaPreview } from './preview.js'
export {
  breachTarget,
  meetTarget,
  nextDueAt,
  pauseTicketClocks,
  recomputeTicketClocks,
  resumeTicketClocks,
  startTicketClocks,
  warnTarget,
  type ClockPlan,
  type TargetClock,
  type TargetName,
  type TargetState,
  type TicketClocks,
} from './ticket-clocks.js'
