import { SUPPORT_PLANS_FOR_CLOCK, type BusinessCalendar, type SupportPlanForClock } from './calendar.js'
import { SlaError, assertInstant } from './errors.js'

const MINUTE_MS = 60_000

/** Policy numbers an admin can change (policy.md section 5), in business minutes. */
export interface SlaSettings {
  /** STANDARD first response rolls to the next support day when fewer than this remain in the current one. */
  standardMinimumRemainingMinutes: number
  /** PREMIUM first response guarantee. */
  premiumFirstResponseMinutes: number
  /** Resolution goal, both plans. */
  resolutionMinutes: number
}

export const DEFAULT_SLA_SETTINGS: Readonly<SlaSettings> = {
  standardMinimumRemainingMinutes: 60,
  premiumFirstResponseMinutes: 4 * 60,
  resolutionMinutes: 24 * 60,
}

/** A goal is reported on; a guarantee missed is recorded against the premium contract. */
export type TargetKind = 'GOAL' | 'GUARANTEE'

export interface DueTimes {
  firstResponseDueAt: number
  resolutionDueAt: number
  firstResponseKind: TargetKind
  resolutionKind: 'GOAL'
}

export interface DueTimesInput {
  plan: SupportPlanForClock
  /** The ticket's calendar, from calendarFor(plan, homeDesk, desks). */
  calendar: BusinessCalendar
  receivedAt: number
  settings?: Partial<SlaSettings>
}

function setting(settings: Partial<SlaSettings> | undefined, name: keyof SlaSettings): number {
  const value = settings?.[name] ?? DEFAULT_SLA_SETTINGS[name]
  if (!Number.isFinite(value) || value < 0) throw new SlaError('INVALID_SETTINGS', `${name} must be a number of minutes >= 0, got ${String(value)}`)
  return value * MINUTE_MS
}

/** Both due times of a question received at `receivedAt` (epoch ms). */
export function computeDueTimes({ plan, calendar, receivedAt, settings }: DueTimesInput): DueTimes {
  assertInstant(receivedAt, 'receivedAt')
  if (!SUPPORT_PLANS_FOR_CLOCK.includes(plan)) throw new SlaError('UNKNOWN_PLAN', `Unknown support plan "${String(plan)}"`)
  const resolutionDueAt = calendar.addBusinessMs(receivedAt, setting(settings, 'resolutionMinutes'))
  if (plan === 'PREMIUM') {
    const firstResponseDueAt = calendar.addBusinessMs(receivedAt, setting(settings, 'premiumFirstResponseMinutes'))
    return { firstResponseDueAt, resolutionDueAt, firstResponseKind: 'GUARANTEE', resolutionKind: 'GOAL' }
  }
  const firstResponseDueAt = standardFirstResponseDue(calendar, receivedAt, setting(settings, 'standardMinimumRemainingMinutes'))
  return { firstResponseDueAt, resolutionDueAt, firstResponseKind: 'GOAL', resolutionKind: 'GOAL' }
}

/**
 * "Same day": the end of the support day containing receipt (the next one when received while closed), or the
 * end of the following support day when fewer than `minimumRemainingMs` business ms remain in it.
 */
export function standardFirstResponseDue(calendar: BusinessCalendar, receivedAt: number, minimumRemainingMs: number): number {
  const dayEnd = calendar.supportDayEnd(receivedAt)
  if (calendar.businessMsBetween(receivedAt, dayEnd) >= minimumRemainingMs) return dayEnd
  return calendar.supportDayEnd(dayEnd) // closed at dayEnd, so this is the following support day
}

/** Whole business minutes from `now` until `dueAt` on `calendar`, negative once overdue (truncated toward zero). */
export function businessMinutesUntil(calendar: BusinessCalendar, now: number, dueAt: number): number {
  return Math.trunc(calendar.businessMsBetween(now, dueAt) / MINUTE_MS)
}

/**
 * The instant at which `fraction` (default 75%) of the business time from `startedAt` to `dueAt` has elapsed,
 * rounded up to the millisecond so the warning never fires early.
 */
export function warningAt(calendar: BusinessCalendar, startedAt: number, dueAt: number, fraction = 0.75): number {
  const total = calendar.businessMsBetween(startedAt, dueAt)
  return calendar.addBusinessMs(startedAt, Math.max(0, Math.ceil(total * fraction)))
}
