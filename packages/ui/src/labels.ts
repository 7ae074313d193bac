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
