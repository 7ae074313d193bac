/**
 * Readable labels for quotes and Professional Services time (issue 6). Plain strings on purpose, like
 * labels.ts: the GraphQL enums are string unions in each app's generated types.
 */
import type { Tone } from './labels'

const QUOTE_STATUSES: Record<string, { label: string; tone: Tone; means: string }> = {
  DRAFT: { label: 'Draft', tone: 'neutral', means: 'Being prepared; the customer cannot see it yet.' },
  SENT: { label: 'Sent', tone: 'accent', means: 'Waiting for the customer to accept or decline.' },
  ACCEPTED: { label: 'Accepted', tone: 'success', means: 'Accepted by the customer; work can be delivered and logged.' },
  DECLINED: { label: 'Declined', tone: 'danger', means: 'Declined by the customer.' },
  EXPIRED: { label: 'Expired', tone: 'warning', means: 'Not accepted before its valid-until date.' },
  WITHDRAWN: { label: 'Withdrawn', tone: 'neutral', means: 'Withdrawn by Covered, or replaced by a revised quote.' },
}

/** In the order a quote moves through them. */
export const QUOTE_STATUS_ORDER = ['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'] as const

export const QUOTE_STATUS_OPTIONS = QUOTE_STATUS_ORDER.map((value) => ({ value, label: QUOTE_STATUSES[value]!.label }))

export function quoteStatusLabel(status: string): string {
  return QUOTE_STATUSES[status]?.label ?? status
}

export function quoteStatusTone(status: string): Tone {
  return QUOTE_STATUSES[status]?.tone ?? 'neutral'
}

/** One sentence on what a status means for the people involved. */
export function quoteStatusMeaning(status: string): string {
  return QUOTE_STATUSES[status]?.means ?? ''
}

const LINE_KINDS: Record<string, string> = {
  HOURS: 'Hours (rate card)',
  TRAINING_MODULE: 'Training module',
  DAILY_DEMO: 'Daily Demo (free)',
  OTHER: 'Other',
  RENEWAL: 'Contract renewal',
}

/** The kinds of line a person can add to a quote (a renewal line is made by the renewal quote only). */
export const QUOTE_LINE_KIND_OPTIONS = (['HOURS', 'TRAINING_MODULE', 'DAILY_DEMO', 'OTHER'] as const).map((value) => ({
  value,
  label: LINE_KINDS[value]!,
}))

export function quoteLineKindLabel(kind: string): string {
  return LINE_KINDS[kind] ?? kind
}

/** Logged time reaches a warning at this share of the quoted hours (policy section 8). */
export const DELIVERED_WARNING_PERCENT = 80

/** 135 -> "2h 15m", 60 -> "1h", 45 -> "45m", 0 -> "0m". Whole minutes only. */
export function formatWorkMinutes(total: number): string {
  const minutes = Math.max(0, Math.trunc(total))
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m}m`
  return m === 0 ? `${h}h` : `${h}h ${m}m`
}

/** Whole percent of the quoted time used (rounded down); 0 when nothing is quoted. */
export function deliveredPercent(loggedMinutes: number, quotedMinutes: number): number {
  if (quotedMinutes <= 0) return 0
  return Math.floor((loggedMinutes * 100) / quotedMinutes)
}

/** success below 80%, warning from 80% up to 100%, danger past 100%. */
export function deliveredTone(loggedMinutes: number, quotedMinutes: number): Tone {
  if (quotedMinutes <= 0) return 'neutral'
  if (loggedMinutes > quotedMinutes) return 'danger'
  if (loggedMinutes * 100 >= DELIVERED_WARNING_PERCENT * quotedMinutes) return 'warning'
  return 'success'
}

/** "1h 40m of 2h 30m delivered (66%)" */
export function deliveredText(loggedMinutes: number, quotedMinutes: number): string {
  if (quotedMinutes <= 0) return `${formatWorkMinutes(loggedMinutes)} logged; no hours quoted`
  return `${formatWorkMinutes(loggedMinutes)} of ${formatWorkMinutes(quotedMinutes)} delivered (${deliveredPercent(loggedMinutes, quotedMinutes)}%)`
}
