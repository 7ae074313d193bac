import { PASSWORD_LINK_LIFETIME_MS } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { InvalidLinkError } from '../../errors.js'
import { hashSecret, newSecret } from './secrets.js'

/** INVITE: a new account's first password; RESET: a forgotten one. */
export type LinkPurpose = 'INVITE' | 'RESET'

/** Whose password a link sets. */
export type AccountRef = { kind: 'staff'; id: string } | { kind: 'contact'; id: string }


const accountColumn = (account: AccountRef) => (account.kind === 'staff' ? 'staff_user_id' : 'contact_id')

/** The page that opens a link: the admin for staff, the portal for contacts. */
export function passwordLinkUrl(publicUrl: string, account: AccountRef, secret: string): string {
  const app = account.kind === 'staff' ? 'admin' : 'portal'
  return `${publicUrl}/${app}/set-password?token=${encodeURIComponent(secret)}`
}

/**
 * Issues a one-time link in the caller's transaction and returns its secret (only its SHA-256 is stored).
 * Earlier open links of the same account are cancelled, so only the newest email's link works.
 */
export async function issuePasswordLink(manager: EntityManager, account: AccountRef, purpose: LinkPurpose, now: Date): Promise<{ secret: string; expiresAt: Date }> {
  await cancelPasswordLinks(manager, account, now)
  const secret = newSecret()
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS[purpose])
  await manager.query(
    `INSERT INTO password_links (token_hash, purpose, ${accountColumn(account)}, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [hashSecret(secret), purpose, account.id, now, expiresAt],
  )
  return { secret, expiresAt }
}

/** Cancels every open link of an account (access withdrawn, a newer link sent, or the password set). */
export async function cancelPasswordLinks(manager: EntityManager, account: AccountRef, now: Date): Promise<void> {
  await manager.query(
    `UPDATE password_links SET cancelled_at = $2 WHERE ${accountColumn(account)} = $1 AND used_at IS NULL AND cancelled_at IS NULL`,
    [account.id, now],
  )
}

export interface OpenLink {
  id: string
  purpose: LinkPurpose
  account: AccountRef
  expiresAt: Date
}

interface LinkRow {
  id: string
  purpose: LinkPurpose
  staff_user_id: string | null
  contact_id: string | null
  expires_at: Date
  used_at: Date | null
  cancelled_at: Date | null
}

/**
 * The link a secret opens, when it still works; otherwise an InvalidLinkError saying why (unknown, used,
 * expired, cancelled). With `lock`, the row stays locked to the caller's transaction, so two uses of the
 * same link at once cannot both succeed.
 */
export async function findOpenLink(manager: EntityManager, secret: string, now: Date, options: { lock?: boolean } = {}): Promise<OpenLink> {
  const [row]: LinkRow[] =
    secret.length > 0 && secret.length <= 200
      ? await manager.query(
          `SELECT id, purpose, staff_user_id, contact_id, expires_at, used_at, cancelled_at FROM password_links WHERE token_hash = $1${options.lock ? ' FOR UPDATE' : ''}`,
          [hashSecret(secret)],
        )
      : []
  if (!row) throw new InvalidLinkError('UNKNOWN')
  if (row.used_at) throw new InvalidLinkError('USED', row.purpose)
  if (row.cancelled_at) throw new InvalidLinkError('CANCELLED', row.purpose)
  if (new Date(row.expires_at).getTime() <= now.getTime()) throw new InvalidLinkError('EXPIRED', row.purpose)
  const account: AccountRef = row.staff_user_id ? { kind: 'staff', id: row.staff_user_id } : { kind: 'contact', id: row.contact_id! }
  return { id: row.id, purpose: row.purpose, account, expiresAt: new Date(row.expires_at) }
}

/** Marks a link used, and cancels the account's other open links. */
export async function markLinkUsed(manager: EntityManager, link: OpenLink, now: Date): Promise<void> {
  await manager.query(`UPDATE password_links SET used_at = $2 WHERE id = $1`, [link.id, now])
  await cancelPasswordLinks(manager, link.account, now)
}
