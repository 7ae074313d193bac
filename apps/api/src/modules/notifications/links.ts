import { createHmac, timingSafeEqual } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import type { EntityManager } from 'typeorm'
import { isPreferenceKind, type PreferenceKind, type RecipientKind } from './kinds.js'

/**
 * Links in emails: each email points at the page it concerns (the portal for customers, the admin app for staff),
 * at the recipient's preferences, and (for optional kinds) at a signed unsubscribe link that needs no sign-in.
 */
export function ticketUrl(publicUrl: string, audience: RecipientKind, ticketId: string): string {
  return `${publicUrl}/${audience === 'STAFF' ? 'admin' : 'portal'}/tickets/${encodeURIComponent(encodeGlobalID('Ticket', ticketId))}`
}

export function quoteUrl(publicUrl: string, quoteId: string): string {
  return `${publicUrl}/portal/quotes/${encodeURIComponent(encodeGlobalID('Quote', quoteId))}`
}

export function contractsUrl(publicUrl: string): string {
  return `${publicUrl}/portal/contracts`
}

export function preferencesUrl(publicUrl: string, audience: RecipientKind): string {
  return `${publicUrl}/${audience === 'STAFF' ? 'admin' : 'portal'}/account/notifications`
}

export const UNSUBSCRIBE_PATH = '/email/unsubscribe'

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`
}

export interface UnsubscribeClaim {
  recipientKind: RecipientKind
  recipientId: string
  kind: PreferenceKind
}

const VERSION = 'u1'

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest('base64url')
}

/** `u1.<payload>.<HMAC-SHA256>`: who (contact or staff user) turns off which kind. It does not expire. */
export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.recipientKind === 'STAFF' ? 'S' : 'C', claim.recipientId, claim.kind])).toString('base64url')
  return `${VERSION}.${payload}.${mac(secret, payload)}`
}

/** The claim of a token signed with `secret`, or null when it is malformed or its signature does not match. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== VERSION) return null
  const [, payload, signature] = parts as [string, string, string]
  const expected = Buffer.from(mac(secret, payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const claim: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (!Array.isArray(claim) || claim.length !== 3) return null
    const [who, id, kind] = claim as unknown[]
    if ((who !== 'S' && who !== 'C') || typeof id !== 'string' || typeof kind !== 'string' || !isPreferenceKind(kind)) return null
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null
    return { recipientKind: who === 'S' ? 'STAFF' : 'CONTACT', recipientId: id, kind }
  } catch {
    return null
  }
}

/** The key that signs email links, made by the migration and shared by every API process. */
export async function emailLinkSecret(manager: Pick<EntityManager, 'query'>): Promise<string> {
  const [row]: { value: string }[] = await manager.query(`SELECT value FROM app_secrets WHERE name = 'email-links'`)
  if (!row) throw new Error('The email link key is missing: run the migrations.')
  return row.value
}
