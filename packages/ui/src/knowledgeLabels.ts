import type { Tone } from './labels'

/* ---------- Knowledge base, newsletter and releases (issue 7) ---------- */

const VISIBILITIES: Record<string, { label: string; tone: Tone; meaning: string }> = {
  PUBLIC: { label: 'Public', tone: 'success', meaning: 'Anyone, without signing in' },
  CUSTOMERS: { label: 'Customers', tone: 'accent', meaning: 'Signed-in customer contacts' },
  INTERNAL: { label: 'Internal', tone: 'warning', meaning: 'Covered staff only' },
}

export const ARTICLE_VISIBILITY_OPTIONS = Object.entries(VISIBILITIES).map(([value, { label }]) => ({ value, label }))

export function visibilityLabel(visibility: string): string {
  return VISIBILITIES[visibility]?.label ?? visibility
}

export function visibilityTone(visibility: string): Tone {
  return VISIBILITIES[visibility]?.tone ?? 'neutral'
}

/** "Anyone, without signing in" */
export function visibilityMeaning(visibility: string): string {
  return VISIBILITIES[visibility]?.meaning ?? ''
}

export function publicationStatusLabel(status: string): string {
  return status === 'PUBLISHED' ? 'Published' : status === 'DRAFT' ? 'Draft' : status
}

export function publicationStatusTone(status: string): Tone {
  return status === 'PUBLISHED' ? 'success' : 'neutral'
}

/** "2026-11" -> "November 2026" (the month itself, in no time zone). */
export function formatMonth(month: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month)
  if (!match) return month
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))
  return new Intl.DateTimeFormat(locale ?? 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
}

/** UPGRADE / UPDATE in words. */
export function releaseKindLabel(kind: string): string {
  return kind === 'UPGRADE' ? 'Major upgrade' : kind === 'UPDATE' ? 'Update' : kind
}
