import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext, type Viewer } from '../../context.js'
import { liftFenceForTransaction } from '../../db/row-security.js'
import { InvalidLinkError, TooManyAttemptsError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { Contact } from '../customers/contact.entity.js'
import { queueEmail } from '../mail/outbox.js'
import { passwordResetEmail } from './account-emails.js'
import { accountKey, clearFailures, lockedForSeconds, recordFailure, THROTTLE } from './login-throttle.js'
import { findOpenLink, issuePasswordLink, markLinkUsed, passwordLinkUrl, type AccountRef, type LinkPurpose } from './password-links.js'
import { hashPassword } from './passwords.js'
import { contactTimeZone, EmailAddress, endSessions, NewPassword, staffTimeZone } from './people.js'
import { StaffUser } from './staff-user.entity.js'

/**
 * Password reset by email, for staff and contacts (issue 12). Asking for a link always gets the same answer,
 * whether or not the address belongs to anyone, and is throttled like sign-in. The emailed link works once,
 * for 1 hour, and is stored only as a hash; setting a password with it ends the account's other sessions.
 */

const resetAccountKey = (email: string) => `reset-${accountKey(email)}`
const resetAddressKey = (ip: string) => `reset-address:${ip}`

const RequestInput = z.object({ email: EmailAddress })

type Found =
  | { kind: 'staff'; user: StaffUser }
  | { kind: 'contact'; contact: Contact; homeDesk: 'PACIFIC' | 'UK' }

/** The account an address signs in to, if any: an active staff member, else a contact with portal access. */
async function accountByEmail(manager: EntityManager, email: string): Promise<Found | null> {
  const user = await manager.createQueryBuilder(StaffUser, 'u').where('lower(u.email) = lower(:email) AND u.active', { email }).getOne()
  if (user) return { kind: 'staff', user }
  const contact = await manager.createQueryBuilder(Contact, 'c').where('lower(c.email) = lower(:email) AND c.portal_access', { email }).getOne()
  if (!contact) return null
  const [customer]: { home_desk: 'PACIFIC' | 'UK' }[] = await manager.query('SELECT home_desk FROM customers WHERE id = $1', [contact.customerId])
  return { kind: 'contact', contact, homeDesk: customer!.home_desk }
}

/**
 * Emails a reset link when the address belongs to an account that may sign in, and nothing otherwise. The answer
 * is the same either way. Every request counts against the address asked about and the client's address.
 */
export async function requestPasswordReset(ctx: RequestContext, input: z.input<typeof RequestInput>): Promise<boolean> {
  const { email } = parseInput(RequestInput, input)
  const now = ctx.now()
  const keys = [resetAccountKey(email), resetAddressKey(ctx.ip)]
  const wait = await lockedForSeconds(ctx.db.manager, keys, now)
  if (wait > 0) throw new TooManyAttemptsError(wait, 'password reset requests')
  await recordFailure(
    ctx.db.manager,
    [
      { key: keys[0]!, limit: THROTTLE.perAccount },
      { key: keys[1]!, limit: THROTTLE.perAddress },
    ],
    now,
  )
  await withTransaction(ctx, async (manager) => {
    // The address may be anyone's (staff, another organisation's contact): a contact who is signed in while asking
    // gets exactly what anyone else gets, so their organisation's fence must neither hide the account nor refuse
    // its email and audit row (which are not their organisation's). Nothing read here is returned.
    await liftFenceForTransaction(manager)
    const found = await accountByEmail(manager, email)
    if (!found) return
    await sendResetLink(manager, ctx, found, now, null)
  })
  return true
}

/** Issues a reset link and queues its email (in the caller's transaction). `sentBy` names staff or a customer admin who sent it. */
export async function sendResetLink(manager: EntityManager, ctx: RequestContext, found: Found, now: Date, sentBy: string | null): Promise<void> {
  const account: AccountRef = found.kind === 'staff' ? { kind: 'staff', id: found.user.id } : { kind: 'contact', id: found.contact.id }
  const { secret, expiresAt } = await issuePasswordLink(manager, account, 'RESET', now)
  const person = found.kind === 'staff' ? found.user : found.contact
  const timeZone = found.kind === 'staff' ? staffTimeZone(found.user.desk) : contactTimeZone(found.contact, found.homeDesk)
  await queueEmail(
    manager,
    passwordResetEmail({
      to: { name: person.name, address: person.email, timeZone },
      app: found.kind === 'staff' ? 'admin' : 'portal',
      url: passwordLinkUrl(ctx.config.publicUrl, account, secret),
      expiresAt,
      sentBy,
      customerId: found.kind === 'contact' ? found.contact.customerId : null,
    }),
    now,
  )
  await recordAudit(manager, ctx, {
    action: found.kind === 'staff' ? 'staff_user.password_reset_sent' : 'contact.password_reset_sent',
    entityType: found.kind === 'staff' ? 'StaffUser' : 'Contact',
    entityId: person.id,
    customerId: found.kind === 'contact' ? found.contact.customerId : null,
  })
}

/** What a link is for, shown on the set-password page before anyone types. */
export interface PasswordLinkView {
  purpose: LinkPurpose
  accountKind: 'STAFF' | 'CONTACT'
  name: string
  email: string
  expiresAt: Date
}

interface Holder {
  account: AccountRef
  name: string
  email: string
  customerId: string | null
  viewer: Viewer
}

/** The account a link belongs to, when it may still sign in; a link of an account that may not is withdrawn. */
async function holderOf(manager: EntityManager, account: AccountRef, purpose: LinkPurpose, lock: boolean): Promise<Holder> {
  if (account.kind === 'staff') {
    const query = manager.createQueryBuilder(StaffUser, 'u').where('u.id = :id', { id: account.id })
    const user = await (lock ? query.setLock('pessimistic_write') : query).getOne()
    if (!user?.active) throw new InvalidLinkError('CANCELLED', purpose)
    return { account, name: user.name, email: user.email, customerId: null, viewer: { kind: 'staff', id: user.id, role: user.role, sessionId: '' } }
  }
  const query = manager.createQueryBuilder(Contact, 'c').where('c.id = :id', { id: account.id })
  const contact = await (lock ? query.setLock('pessimistic_write') : query).getOne()
  if (!contact?.portalAccess) throw new InvalidLinkError('CANCELLED', purpose)
  return {
    account,
    name: contact.name,
    email: contact.email,
    customerId: contact.customerId,
    viewer: { kind: 'contact', id: contact.id, customerId: contact.customerId, isCustomerAdmin: contact.isCustomerAdmin, sessionId: '' },
  }
}

/** Reads a link without using it: an InvalidLinkError when it no longer works. */
export async function passwordLink(ctx: RequestContext, token: string): Promise<PasswordLinkView> {
  return withTransaction(ctx, async (manager) => {
    // The link, not whoever is signed in, says whose account this is (see requestPasswordReset).
    await liftFenceForTransaction(manager)
    const link = await findOpenLink(manager, token, ctx.now())
    const holder = await holderOf(manager, link.account, link.purpose, false)
    return { purpose: link.purpose, accountKind: link.account.kind === 'staff' ? 'STAFF' : 'CONTACT', name: holder.name, email: holder.email, expiresAt: link.expiresAt }
  })
}

const SetInput = z.object({ token: z.string(), password: NewPassword })

/**
 * Sets a password with a one-time link: the link is used up (and the account's other links cancelled), every
 * other session of the account ends, and failed sign-ins counted against it are forgiven.
 */
export async function setPasswordWithLink(ctx: RequestContext, input: z.input<typeof SetInput>): Promise<PasswordLinkView> {
  const data = parseInput(SetInput, input)
  const now = ctx.now()
  // Hash before the transaction: scrypt takes a while and needs no rows locked.
  const passwordHash = await hashPassword(data.password)
  return withTransaction(ctx, async (manager) => {
    // The link, not whoever is signed in in this browser, says whose account this is: a contact signed in to
    // another organisation must not be fenced away from it (the link works exactly as for anyone holding it).
    await liftFenceForTransaction(manager)
    const link = await findOpenLink(manager, data.token, now, { lock: true })
    const holder = await holderOf(manager, link.account, link.purpose, true)
    const table = link.account.kind === 'staff' ? 'staff_users' : 'contacts'
    await manager.query(`UPDATE ${table} SET password_hash = $2, version = version + 1 WHERE id = $1`, [link.account.id, passwordHash])
    await markLinkUsed(manager, link, now)
    const viewer = ctx.viewer
    const current = (viewer.kind === 'staff' || viewer.kind === 'contact') && viewer.id === link.account.id ? viewer.sessionId : null
    const sessionsEnded = await endSessions(manager, link.account, current)
    await clearFailures(manager, accountKey(holder.email))
    await recordAudit(manager, { ...ctx, viewer: holder.viewer }, {
      action: `${link.account.kind === 'staff' ? 'staff_user' : 'contact'}.${link.purpose === 'INVITE' ? 'password_set' : 'password_reset'}`,
      entityType: link.account.kind === 'staff' ? 'StaffUser' : 'Contact',
      entityId: link.account.id,
      customerId: holder.customerId,
      after: { sessionsEnded },
    })
    return { purpose: link.purpose, accountKind: link.account.kind === 'staff' ? 'STAFF' : 'CONTACT', name: holder.name, email: holder.email, expiresAt: link.expiresAt }
  })
}
