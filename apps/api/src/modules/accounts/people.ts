import { DEFAULT_DESKS } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { ValidationError } from '../../errors.js'

/** Input rules shared by everything that names a person who gets email: staff and contacts. */
export const PersonName = z
  .string()
  .trim()
  .min(1, 'Enter their name.')
  .max(200, 'Use at most 200 characters.')
  .refine((name) => !/[\r\n]/.test(name), 'A name is one line: remove the line breaks.')

export const EmailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'))

export const NewPassword = z
  .string()
  .min(10, 'Use a password of at least 10 characters.')
  .max(200, 'Use a password of at most 200 characters.')

/**
 * One address, one account: refuses an address that a staff member or a contact already uses, so a sign-in or a
 * reset request finds exactly one person.
 */
export async function checkAddressFree(manager: EntityManager, email: string, except: { staffId?: string; contactId?: string } = {}): Promise<void> {
  const [row]: { staff: boolean; contact: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM staff_users WHERE lower(email) = lower($1) AND id IS DISTINCT FROM $2::uuid) AS staff,
            EXISTS (SELECT 1 FROM contacts WHERE lower(email) = lower($1) AND id IS DISTINCT FROM $3::uuid) AS contact`,
    [email, except.staffId ?? null, except.contactId ?? null],
  )
  if (row?.staff) throw new ValidationError([{ field: 'email', message: 'A member of the support team already uses this email address.' }])
  if (row?.contact) throw new ValidationError([{ field: 'email', message: 'Another contact already uses this email address.' }])
}

/** The zone a staff member's email times are written in: their desk's, else UTC. */
export function staffTimeZone(desk: 'PACIFIC' | 'UK' | null): string {
  return desk ? DEFAULT_DESKS[desk].timeZone : 'UTC'
}

/** The zone a contact's email times are written in: their own, else their organisation's home desk's. */
export function contactTimeZone(contact: { timeZone: string | null }, homeDesk: 'PACIFIC' | 'UK'): string {
  return contact.timeZone ?? DEFAULT_DESKS[homeDesk].timeZone
}

/** Ends every session of an account, except (optionally) the one making the request. */
export async function endSessions(manager: EntityManager, account: { kind: 'staff' | 'contact'; id: string }, exceptSessionId?: string | null): Promise<number> {
  const column = account.kind === 'staff' ? 'staff_user_id' : 'contact_id'
  // TypeORM answers a DELETE with [rows, affected].
  const [, affected]: [unknown[], number] = await manager.query(`DELETE FROM sessions WHERE ${column} = $1 AND id IS DISTINCT FROM $2::uuid`, [
    account.id,
    exceptSessionId ?? null,
  ])
  return affected
}
