/**
 * Readable labels for the enums both SPAs show. Plain strings on purpose: the GraphQL enums are
 * string unions in each app's generated types, so these accept any string and fall back to it.
 */

export const DESK_OPTIONS = [
  { value: 'PACIFIC', label: 'Pacific (07:00–18:00 Los Angeles)' },
  { value: 'UK', label: 'UK (08:00–17:00 London)' },
] as const

export const CURRENCY_OPTIONS = [
  { value: 'USD', label: 'USD – US dollar' },
  { value: 'GBP', label: 'GBP – Pound sterling' },
] as const

const DESKS: Record<string, { name: string; hours: string; timeZone: string }> = {
  PACIFIC: { name: 'Pacific', hours: 'Monday–Friday, 07:00–18:00 Los Angeles time', timeZone: 'America/Los_Angeles' },
  UK: { name: 'UK', hours: 'Monday–Friday, 08:00–17:00 London time', timeZone: 'Europe/London' },
}

const STATUSES: Record<string, string> = {
  PROSPECT: 'Prospect',
  CUSTOMER: 'Customer',
  FORMER: 'Former customer',
}

const ROLES: Record<string, string> = {
  ADMIN: 'Admin',
  ENGINEER: 'Engineer',
}

const CURRENCIES: Record<string, string> = {
  USD: 'US dollar (USD)',
  GBP: 'Pound sterling (GBP)',
}

/** "Pacific (07:00–18:00 Los Angeles)" */
export function deskLabel(desk: string): string {
  return DESK_OPTIONS.find((d) => d.value === desk)?.label ?? desk
}

/** "Pacific" */
export function deskName(desk: string): string {
  return DESKS[desk]?.name ?? desk
}

/** "Monday–Friday, 07:00–18:00 Los Angeles time" */
export function deskHours(desk: string): string {
  return DESKS[desk]?.hours ?? ''
}

export function customerStatusLabel(status: string): string {
  return STATUSES[status] ?? status
}

export function staffRoleLabel(role: string): string {
  return ROLES[role] ?? role
}

export function currencyLabel(currency: string): string {
  return CURRENCIES[currency] ?? currency
}

/** A date for people: "26 Nov 2026". Falls back to the raw value when it cannot be parsed. */
export function formatDate(value: string | Date, locale?: string): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return new Intl.DateTimeFormat(locale ?? 'en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(date)
}

/** "2 minutes" / "45 seconds" for a retry-after hint. */
export function formatWait(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60)
    return `${minutes} minutes`
  }
  if (seconds >= 60) return '1 minute'
  const s = Math.max(1, Math.round(seconds))
  return s === 1 ? '1 second' : `${s} seconds`
}

/* ---------- Contracts, licenses, entitlement (issue 3) ---------- */

export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger'

export const CUSTOMER_STATUS_OPTIONS = [
  { value: 'PROSPECT', label: 'Prospect' },
  { value: 'CUSTOMER', label: 'Customer' },
  { value: 'FORMER', label: 'Former customer' },
] as const

export const CONTRACT_STATUS_OPTIONS = [
  { value: 'UPCOMING', label: 'Upcoming' },
  { value: 'ACTIVE', label: 'Active' },
  { value: 'EXPIRING', label: 'Expiring' },
  { value: 'LAPSED', label: 'Lapsed' },
  { value: 'CANCELLED', label: 'Cancelled' },
] as const

export const CONTRACT_KIND_OPTIONS = [
  { value: 'MAINTENANCE', label: 'Maintenance (20% a year)' },
  { value: 'PREMIUM_SUPPORT', label: 'Premium Support (30% a year)' },
] as const

const CONTRACT_KINDS: Record<string, string> = { MAINTENANCE: 'Maintenance', PREMIUM_SUPPORT: 'Premium Support' }

/** What each kind of contract gives, in the policy's words (section 3). */
const CONTRACT_COVERS: Record<string, readonly string[]> = {
  MAINTENANCE: [
    'Technical support for the contract’s named key contacts, on your home desk’s hours.',
    'Major upgrades released during the term.',
  ],
  PREMIUM_SUPPORT: [
    'A first response guaranteed within 4 business hours.',
    'Priority routing: your tickets go first, straight to an engineer.',
    'Key contacts can reach both desks (Pacific and UK).',
  ],
}

const CONTRACT_STATUSES: Record<string, { label: string; tone: Tone }> = {
  UPCOMING: { label: 'Upcoming', tone: 'accent' },
  ACTIVE: { label: 'Active', tone: 'success' },
  EXPIRING: { label: 'Expiring', tone: 'warning' },
  LAPSED: { label: 'Lapsed', tone: 'danger' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
  RENEWED: { label: 'Renewed', tone: 'neutral' },
}

const LICENSE_STATES: Record<string, { label: string; tone: Tone }> = {
  HELD: { label: 'Held', tone: 'success' },
  REPLACED: { label: 'Replaced by upgrade', tone: 'neutral' },
  RETIRED: { label: 'Retired', tone: 'neutral' },
}

const PLANS: Record<string, { label: string; tone: Tone; means: string }> = {
  PREMIUM: {
    label: 'Premium',
    tone: 'success',
    means: 'A first response guaranteed within 4 business hours, on both desks’ hours, and your tickets go first.',
  },
  STANDARD: {
    label: 'Standard',
    tone: 'accent',
    means: 'A first response the same support day on your home desk (a goal), and an answer within 24 business hours (a goal).',
  },
  NOT_ENTITLED: {
    label: 'Not entitled',
    tone: 'warning',
    means: 'Questions are still recorded and answered when staff can, but without a response-time target.',
  },
}

const CUSTOMER_STATUS_TONES: Record<string, Tone> = { CUSTOMER: 'success', PROSPECT: 'accent', FORMER: 'neutral' }

export function contractKindLabel(kind: string): string {
  return CONTRACT_KINDS[kind] ?? kind
}

export function contractCovers(kind: string): readonly string[] {
  return CONTRACT_COVERS[kind] ?? []
}

/** Contract and term statuses: "Expiring". */
export function contractStatusLabel(status: string): string {
  return CONTRACT_STATUSES[status]?.label ?? status
}

export function contractStatusTone(status: string): Tone {
  return CONTRACT_STATUSES[status]?.tone ?? 'neutral'
}

export function licenseStateLabel(state: string): string {
  return LICENSE_STATES[state]?.label ?? state
}

export function licenseStateTone(state: string): Tone {
  return LICENSE_STATES[state]?.tone ?? 'neutral'
}

export function planLabel(plan: string): string {
  return PLANS[plan]?.label ?? plan
}

export function planTone(plan: string): Tone {
  return PLANS[plan]?.tone ?? 'neutral'
}

/** What a plan means for someone asking a question, in words. */
export function planMeaning(plan: string): string {
  return PLANS[plan]?.means ?? ''
}

export function customerStatusTone(status: string): Tone {
  return CUSTOMER_STATUS_TONES[status] ?? 'neutral'
}

export function deskTimeZone(desk: string): string | undefined {
  return DESKS[desk]?.timeZone
}

/**
 * A calendar date (YYYY-MM-DD, no time zone) for people: "26 Nov 2026". Formatted as the date it names,
 * never shifted by the viewer's time zone. Takes `unknown` because the API's `Date` scalar is untyped in the
 * generated client types.
 */
export function formatCalendarDate(value: unknown, locale?: string): string {
  if (typeof value !== 'string' || !value) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return value
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return new Intl.DateTimeFormat(locale ?? 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date)
}

/** An instant for people, in a time zone (default the browser's): "26 Nov 2026, 14:05". */
export function formatDateTime(value: string | Date, timeZone?: string | null, locale?: string): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }
  try {
    return new Intl.DateTimeFormat(locale ?? 'en-GB', { ...options, timeZone: timeZone ?? undefined }).format(date)
  } catch {
    return new Intl.DateTimeFormat(locale ?? 'en-GB', options).format(date) // an unknown zone: the browser's
  }
}

/** The zone to show a person's times in: theirs when known and valid, else the browser's ("Europe/London"). */
export function viewerTimeZone(preferred?: string | null): string {
  if (preferred) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: preferred })
      return preferred
    } catch {
      // not a zone this browser knows: fall back
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Today's date (YYYY-MM-DD) in a time zone, e.g. at a customer's home desk. */
export function todayInZone(timeZone?: string | null, now: Date = new Date()): string {
  const format = (zone?: string) =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(now)
  try {
    return format(timeZone ?? undefined)
  } catch {
    return format()
  }
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetweenDates(from: string, to: string): number {
  const toUtc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000)
}

/** "in 12 days" / "today" / "3 days ago" */
export function relativeDays(days: number): string {
  if (days === 0) return 'today'
  if (days === 1) return 'tomorrow'
  if (days === -1) return 'yesterday'
  return days > 0 ? `in ${days} days` : `${-days} days ago`
}

/** Money from minor units for people: formatMinorMoney(99000, 'USD') is "$990.00". */
export function formatMinorMoney(amountMinor: number, currency: string): string {
  // Integer arithmetic only: the decimal string goes to Intl as it is (no float in between).
  const sign = amountMinor < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(amountMinor))
  const decimal = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
  try {
    const format = new Intl.NumberFormat(currency === 'GBP' ? 'en-GB' : 'en-US', { style: 'currency', currency })
    return format.format(decimal as unknown as number)
  } catch {
    return `${decimal} ${currency}`
  }
}

/* ---------- Tickets (issue 5) ---------- */

const TICKET_STATUSES: Record<string, { label: string; tone: Tone; action: string }> = {
  NEW: { label: 'New', tone: 'accent', action: 'Back to new' },
  OPEN: { label: 'Open', tone: 'accent', action: 'Open' },
  WAITING_ON_CUSTOMER: { label: 'Waiting on customer', tone: 'warning', action: 'Wait on the customer' },
  ESCALATED: { label: 'Escalated to Professional Services', tone: 'warning', action: 'Escalate to Professional Services' },
  RESOLVED: { label: 'Resolved', tone: 'success', action: 'Resolve' },
  CLOSED: { label: 'Closed', tone: 'neutral', action: 'Close' },
}

export const TICKET_STATUS_OPTIONS = Object.entries(TICKET_STATUSES).map(([value, { label }]) => ({ value, label }))

/** The statuses a queue shows unless asked otherwise: everything not resolved or closed. */
export const OPEN_TICKET_STATUSES = ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED'] as const

/** "Waiting on customer" */
export function ticketStatusLabel(status: string): string {
  return TICKET_STATUSES[status]?.label ?? status
}

export function ticketStatusTone(status: string): Tone {
  return TICKET_STATUSES[status]?.tone ?? 'neutral'
}

/** The move to a status as an action: "Resolve", "Wait on the customer". */
export function ticketStatusAction(status: string): string {
  return TICKET_STATUSES[status]?.action ?? status
}

const SCOPE_DECISIONS: Record<string, { label: string; tone: Tone }> = {
  IN_SCOPE: { label: 'In scope', tone: 'success' },
  NEEDS_PROFESSIONAL_SERVICES: { label: 'Needs Professional Services', tone: 'warning' },
  NEEDS_REVIEW: { label: 'Needs review', tone: 'accent' },
}

export const SCOPE_DECISION_OPTIONS = Object.entries(SCOPE_DECISIONS).map(([value, { label }]) => ({ value, label }))

export function scopeDecisionLabel(decision: string): string {
  return SCOPE_DECISIONS[decision]?.label ?? decision
}

export function scopeDecisionTone(decision: string): Tone {
  return SCOPE_DECISIONS[decision]?.tone ?? 'neutral'
}

export const PLAN_OPTIONS = [
  { value: 'PREMIUM', label: 'Premium' },
  { value: 'STANDARD', label: 'Standard' },
  { value: 'NOT_ENTITLED', label: 'Not entitled' },
] as const

