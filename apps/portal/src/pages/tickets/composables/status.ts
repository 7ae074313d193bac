import type { Tone } from '@covered/ui'
import { onScopeDispose, ref } from 'vue'
import type { TicketStatus } from '../../../gql/graphql'

/** A ticket's status as its customer reads it: "Waiting on you" rather than "Waiting on customer". */
export function statusText(status: TicketStatus, label: string): string {
  return status === 'WAITING_ON_CUSTOMER' ? 'Waiting on you' : label
}

const TONES: Record<TicketStatus, Tone> = {
  NEW: 'accent',
  OPEN: 'accent',
  WAITING_ON_CUSTOMER: 'warning',
  ESCALATED: 'warning',
  RESOLVED: 'success',
  CLOSED: 'neutral',
}

export function statusTone(status: TicketStatus): Tone {
  return TONES[status] ?? 'neutral'
}

const SCOPES: Record<string, { label: string; tone: Tone }> = {
  IN_SCOPE: { label: 'Included in support', tone: 'success' },
  NEEDS_PROFESSIONAL_SERVICES: { label: 'Needs Professional Services', tone: 'warning' },
  NEEDS_REVIEW: { label: 'Being reviewed', tone: 'accent' },
}

/** "Included in support" / "Needs Professional Services" / "Being reviewed" */
export function scopeLabel(decision: string): string {
  return SCOPES[decision]?.label ?? decision
}

export function scopeTone(decision: string): Tone {
  return SCOPES[decision]?.tone ?? 'neutral'
}

/** The current time, ticking every `intervalMs`, for "today" / "tomorrow" words. */
export function useNow(intervalMs = 60_000) {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
