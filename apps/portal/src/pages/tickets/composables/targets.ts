import type { PortalResolutionTargetFragment, PortalSlaTargetFragment, TicketStatus } from '../../../gql/graphql'
import { dateTimeIn, happenedAt } from './times'

type Target = PortalSlaTargetFragment
type ResolutionTarget = PortalResolutionTargetFragment
export type TargetTone = 'neutral' | 'success' | 'warning' | 'danger'

export interface TargetLine {
  /** "First response" / "Resolution" */
  label: string
  /** "met at 14:32 today", "guaranteed by Tue 25 Nov, 18:00" */
  text: string
  tone: TargetTone
}

const pausedFor = (status: TicketStatus) =>
  status === 'ESCALATED' ? 'while a Professional Services quote is decided' : 'while we wait for your reply'

/** The first-response target in words, short (the list) or in full (the ticket page). */
export function firstResponseLine(
  target: Target | null | undefined,
  status: TicketStatus,
  timeZone: string,
  now: number,
  long = false,
): TargetLine | null {
  if (!target) return null
  const label = 'First response'
  if (target.metAt) {
    return target.state === 'BREACHED'
      ? { label, text: `sent at ${happenedAt(target.metAt, timeZone, now)}, after its due time`, tone: 'neutral' }
      : { label, text: `met at ${happenedAt(target.metAt, timeZone, now)}`, tone: 'success' }
  }
  const due = dateTimeIn(target.dueAt, timeZone, now)
  switch (target.state) {
    case 'MET':
      return { label, text: 'met', tone: 'success' }
    case 'PAUSED':
      return { label, text: long ? `the clock is stopped ${pausedFor(status)}` : 'paused', tone: 'neutral' }
    case 'BREACHED':
      return { label, text: long ? `was due by ${due}; we are sorry it is late and are on it` : `was due ${due}`, tone: 'danger' }
    default:
      if (target.kind === 'GUARANTEE') {
        return { label, text: long ? `answered within 4 business hours, guaranteed by ${due}` : `guaranteed by ${due}`, tone: target.state === 'WARNING' ? 'warning' : 'neutral' }
      }
      return {
        label,
        text: long ? `answered within the same support day; we aim to answer by ${due}` : `expected by ${due}`,
        tone: target.state === 'WARNING' ? 'warning' : 'neutral',
      }
  }
}

/** The resolution goal in words. */
export function resolutionLine(
  target: ResolutionTarget | null | undefined,
  status: TicketStatus,
  timeZone: string,
  now: number,
  long = false,
): TargetLine | null {
  if (!target) return null
  const label = 'Resolution'
  if (target.metAt) return { label, text: `resolved at ${happenedAt(target.metAt, timeZone, now)}`, tone: 'success' }
  if (status === 'RESOLVED' || status === 'CLOSED') return { label, text: 'resolved', tone: 'success' }
  const due = dateTimeIn(target.dueAt, timeZone, now)
  switch (target.state) {
    case 'MET':
      return { label, text: 'resolved', tone: 'success' }
    case 'PAUSED':
      return { label, text: long ? `the clock is stopped ${pausedFor(status)}` : 'paused', tone: 'neutral' }
    case 'BREACHED':
      return { label, text: long ? `the goal was ${due}; we are still working on it` : `goal was ${due}`, tone: 'warning' }
    default:
      return {
        label,
        text: long ? `we aim to resolve it within 24 business hours, by ${due} (a goal)` : `goal ${due}`,
        tone: 'neutral',
      }
  }
}
