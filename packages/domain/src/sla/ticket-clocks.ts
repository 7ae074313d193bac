import type { BusinessCalendar } from './calendar.js'
import { assertInstant } from './errors.js'
import { pauseShift, shiftDue } from './pause.js'
import { computeDueTimes, warningAt, type SlaSettings, type TargetKind } from './targets.js'

/**
 * The two SLA targets of one ticket (policy section 5) and how events move them: first response (a goal on
 * STANDARD, a guarantee on PREMIUM) and resolution (a goal). A NOT_ENTITLED ticket runs no clock.
 * Instants are epoch ms.
 */
export type TargetState = 'RUNNING' | 'PAUSED' | 'WARNING' | 'MET' | 'BREACHED'

export interface TargetClock {
  readonly kind: TargetKind
  readonly dueAt: number
  /** When 75% of the target's business time has elapsed (moved by pauses like the due time). */
  readonly warningAt: number
  readonly state: TargetState
  /** When the target was met (a first public staff reply; the move to RESOLVED). */
  readonly metAt: number | null
}

export interface TicketClocks {
  readonly receivedAt: number
  readonly firstResponse: TargetClock | null
  readonly resolution: TargetClock | null
  /** Set while the ticket waits on the customer or on a quote decision. */
  readonly pausedAt: number | null
  /** Business ms spent paused so far; the due times already include it. */
  readonly pausedBusinessMs: number
}

export type ClockPlan = 'PREMIUM' | 'STANDARD' | 'NOT_ENTITLED'

const isRunning = (clock: TargetClock | null): clock is TargetClock =>
  clock !== null && (clock.state === 'RUNNING' || clock.state === 'WARNING' || clock.state === 'PAUSED')

export function startTicketClocks(
  plan: ClockPlan,
  calendar: BusinessCalendar | null,
  receivedAt: number,
  settings?: Partial<SlaSettings>,
): TicketClocks {
  assertInstant(receivedAt, 'receivedAt')
  if (plan === 'NOT_ENTITLED' || calendar === null) {
    return { receivedAt, firstResponse: null, resolution: null, pausedAt: null, pausedBusinessMs: 0 }
  }
  const due = computeDueTimes({ plan, calendar, receivedAt, settings })
  const target = (kind: TargetKind, dueAt: number): TargetClock => ({
    kind,
    dueAt,
    warningAt: warningAt(calendar, receivedAt, dueAt),
    state: 'RUNNING',
    metAt: null,
  })
  return {
    receivedAt,
    firstResponse: target(due.firstResponseKind, due.firstResponseDueAt),
    resolution: target(due.resolutionKind, due.resolutionDueAt),
    pausedAt: null,
    pausedBusinessMs: 0,
  }
}

/** Stops the running targets (a met or breached target is left as it is). Pausing twice keeps the first instant. */
export function pauseTicketClocks(clocks: TicketClocks, at: number): TicketClocks {
  assertInstant(at, 'pausedAt')
  if (clocks.pausedAt !== null) return clocks
  const pause = (clock: TargetClock | null) => (isRunning(clock) ? { ...clock, state: 'PAUSED' as const } : clock)
  return { ...clocks, firstResponse: pause(clocks.firstResponse), resolution: pause(clocks.resolution), pausedAt: at }
}

/** Restarts paused targets, moving their due and warning times later by the business time spent paused. */
export function resumeTicketClocks(clocks: TicketClocks, calendar: BusinessCalendar | null, at: number): TicketClocks {
  assertInstant(at, 'resumedAt')
  if (clocks.pausedAt === null || calendar === null) return { ...clocks, pausedAt: null }
  const shift = pauseShift(calendar, clocks.pausedAt, at)
  const resume = (clock: TargetClock | null): TargetClock | null => {
    if (clock === null || clock.state !== 'PAUSED') return clock
    const warningAt = shiftDue(calendar, clock.warningAt, shift)
    return {
      ...clock,
      dueAt: shiftDue(calendar, clock.dueAt, shift),
      warningAt,
      // A warning already raised stays raised; otherwise the clock runs on toward its (moved) warning.
      state: at >= warningAt ? 'WARNING' : 'RUNNING',
    }
  }
  return {
    ...clocks,
    firstResponse: resume(clocks.firstResponse),
    resolution: resume(clocks.resolution),
    pausedAt: null,
    pausedBusinessMs: clocks.pausedBusinessMs + shift,
  }
}

export type TargetName = 'firstResponse' | 'resolution'

/** The target is met at `at` (a breached target keeps BREACHED but records when it was met). */
export function meetTarget(clocks: TicketClocks, target: TargetName, at: number): TicketClocks {
  assertInstant(at, 'metAt')
  const clock = clocks[target]
  if (clock === null || clock.metAt !== null) return clocks
  return { ...clocks, [target]: { ...clock, metAt: at, state: clock.state === 'BREACHED' ? 'BREACHED' : 'MET' } }
}

/** The scheduler raises a warning (only on a running target that has not warned yet). */
export function warnTarget(clocks: TicketClocks, target: TargetName): { clocks: TicketClocks; changed: boolean } {
  const clock = clocks[target]
  if (clock === null || clock.state !== 'RUNNING') return { clocks, changed: false }
  return { clocks: { ...clocks, [target]: { ...clock, state: 'WARNING' } }, changed: true }
}

/** The scheduler records a breach at the due time (only on a running target). */
export function breachTarget(clocks: TicketClocks, target: TargetName): { clocks: TicketClocks; changed: boolean } {
  const clock = clocks[target]
  if (clock === null || (clock.state !== 'RUNNING' && clock.state !== 'WARNING')) return { clocks, changed: false }
  return { clocks: { ...clocks, [target]: { ...clock, state: 'BREACHED' } }, changed: true }
}

/** The due time a queue sorts by: the first response while it runs, else the resolution; null when none runs. */
export function nextDueAt(clocks: TicketClocks): number | null {
  const running = (clock: TargetClock | null) => clock !== null && (clock.state === 'RUNNING' || clock.state === 'WARNING')
  if (running(clocks.firstResponse)) return clocks.firstResponse!.dueAt
  if (running(clocks.resolution)) return clocks.resolution!.dueAt
  return null
}

/**
 * After an admin changes desk hours or holidays: due and warning times of targets not yet met or breached are
 * worked out again from receipt on the new calendar, moved by the same business time paused.
 */
export function recomputeTicketClocks(
  clocks: TicketClocks,
  plan: ClockPlan,
  calendar: BusinessCalendar,
  settings?: Partial<SlaSettings>,
): TicketClocks {
  const fresh = startTicketClocks(plan, calendar, clocks.receivedAt, settings)
  const redo = (old: TargetClock | null, next: TargetClock | null): TargetClock | null => {
    if (old === null || next === null || !isRunning(old)) return old
    return {
      ...old,
      dueAt: shiftDue(calendar, next.dueAt, clocks.pausedBusinessMs),
      warningAt: shiftDue(calendar, next.warningAt, clocks.pausedBusinessMs),
    }
  }
  return { ...clocks, firstResponse: redo(clocks.firstResponse, fresh.firstResponse), resolution: redo(clocks.resolution, fresh.resolution) }
}
