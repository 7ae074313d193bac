/**
 * A ticket's response-time targets in words: "2h 10m of business time left", "overdue by 35m", "paused",
 * "met". The API counts business minutes on the ticket's own calendar; these helpers only put them in words.
 */
import { formatDateTime, viewerTimeZone, type Tone } from './labels'
import { zoneLabel } from './supportTime'

/** The parts of an SLA target the countdown needs (the API's `SlaTarget`). */
export interface SlaTargetLike {
  state: string
  businessMinutesLeft?: number | null
  kind?: string
  dueAt?: string | null
  metAt?: string | null
}

const SLA_STATES: Record<string, { label: string; tone: Tone }> = {
  RUNNING: { label: 'Running', tone: 'accent' },
  WARNING: { label: 'At risk', tone: 'warning' },
  BREACHED: { label: 'Breached', tone: 'danger' },
  PAUSED: { label: 'Paused', tone: 'neutral' },
  MET: { label: 'Met', tone: 'success' },
}

/** "2h 10m", "35m", "4h", "0m": whole business minutes as hours and minutes. */
export function formatBusinessMinutes(minutes: number): string {
  const total = Math.abs(Math.trunc(minutes))
  const hours = Math.floor(total / 60)
  const rest = total % 60
  if (hours === 0) return `${rest}m`
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`
}

/** "Running", "At risk", "Breached", "Paused", "Met". */
export function slaTargetStateLabel(state: string): string {
  return SLA_STATES[state]?.label ?? state
}

/** The target is past its due time (breached, or running with no business time left). */
export function slaTargetOverdue(target: SlaTargetLike | null | undefined): boolean {
  if (!target || target.state === 'MET' || target.state === 'PAUSED') return false
  if (target.state === 'BREACHED') return true
  return typeof target.businessMinutesLeft === 'number' && target.businessMinutesLeft < 0
}

/**
 * What is left of a target, in words: "2h 10m of business time left", "due now", "overdue by 35m", "paused",
 * "met"; "no clock" when none runs (a NOT_ENTITLED ticket).
 */
export function slaCountdownText(target: SlaTargetLike | null | undefined): string {
  if (!target) return 'no clock'
  if (target.state === 'MET') return 'met'
  if (target.state === 'PAUSED') return 'paused'
  const left = target.businessMinutesLeft
  if (typeof left !== 'number') return target.state === 'BREACHED' ? 'overdue' : slaTargetStateLabel(target.state).toLowerCase()
  if (left < 0 || (target.state === 'BREACHED' && left <= 0)) {
    return left === 0 ? 'overdue' : `overdue by ${formatBusinessMinutes(left)}`
  }
  if (left === 0) return 'due now'
  return `${formatBusinessMinutes(left)} of business time left`
}

/** The colour of a countdown: green once met, amber past 75% of its time, red when overdue. */
export function slaCountdownTone(target: SlaTargetLike | null | undefined): Tone {
  if (!target) return 'neutral'
  if (slaTargetOverdue(target)) return 'danger'
  return SLA_STATES[target.state]?.tone ?? 'neutral'
}

/**
 * The target that matters now: the first response until it is met, then the resolution. Null when no clock
 * runs.
 */
export function currentSlaTarget<T extends SlaTargetLike>(firstResponse: T | null | undefined, resolution: T | null | undefined): T | null {
  if (firstResponse && firstResponse.state !== 'MET') return firstResponse
  return resolution ?? firstResponse ?? null
}

/**
 * An instant with its zone named, in the browser's zone unless one is given: "26 Nov 2026, 14:05 GMT",
 * "26 Nov 2026, 06:05 PST (UTC−8)".
 */
export function formatInstantWithZone(value: string | Date, timeZone?: string | null, locale?: string): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  const zone = viewerTimeZone(timeZone)
  return `${formatDateTime(date, zone, locale)} ${zoneLabel(zone, date)}`
}

/** The zone times are shown in, for a page note: "Europe/London, GMT" or "Europe/Berlin, CET (UTC+1)". */
export function describeViewerZone(timeZone?: string | null, at: Date = new Date()): string {
  const zone = viewerTimeZone(timeZone)
  const label = zoneLabel(zone, at)
  return label === zone ? zone : `${zone}, ${label}`
}
