import { formatDateTime, type Tone } from './labels'

/** Labels for the support team and portal access (issue 12), shared by both SPAs. */

const ACCESS: Record<string, { label: string; tone: Tone; explain: string }> = {
  NONE: { label: 'No access', tone: 'neutral', explain: 'Cannot sign in to the portal.' },
  INVITED: { label: 'Invited', tone: 'warning', explain: 'Emailed a link to choose a password; not signed in yet.' },
  ACTIVE: { label: 'Active', tone: 'success', explain: 'Signs in to the portal.' },
  REVOKED: { label: 'Revoked', tone: 'danger', explain: 'Access withdrawn; sign-in refused.' },
}

export function portalAccessLabel(status: string): string {
  return ACCESS[status]?.label ?? status
}

export function portalAccessTone(status: string): Tone {
  return ACCESS[status]?.tone ?? 'neutral'
}

export function portalAccessExplanation(status: string): string {
  return ACCESS[status]?.explain ?? ''
}

/** "Never", or when, in the viewer's zone. */
export function lastSignIn(value: string | Date | null | undefined): string {
  return value ? formatDateTime(value) : 'Never'
}

/** What the set-password page says about a link that does not work, and what to do. */
export function invalidLinkTitle(reason: string): string {
  switch (reason) {
    case 'USED':
      return 'This link has been used already'
    case 'EXPIRED':
      return 'This link has expired'
    case 'CANCELLED':
      return 'This link no longer works'
    default:
      return 'This link is not valid'
  }
}
