import { canManagePortalAccess, checkPortalAccessAction, portalAccessStatus, type PortalAccessStatus } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext, type Viewer } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ForbiddenError, NotFoundError, PolicyError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { contactInviteEmail } from '../accounts/account-emails.js'
import { cancelPasswordLinks, issuePasswordLink, passwordLinkUrl } from '../accounts/password-links.js'
import { sendResetLink } from '../accounts/password-reset.service.js'
import { checkAddressFree, contactTimeZone, EmailAddress, endSessions, PersonName } from '../accounts/people.js'
import { recordAudit } from '../audit/audit.js'
import { queueEmail } from '../mail/outbox.js'
import { Contact } from './contact.entity.js'
import { canSeeCustomer } from './customers.service.js'

/**
 * Contacts' portal access (issue 12): staff, and a customer admin for their own organisation, invite a contact
 * (an email with a one-time link to set a password), send a password reset link, and revoke access (sessions
 * end, sign-in is refused). Each change is audited on the customer's trail in the same transaction.
 */

export function accessStatusOf(contact: Contact): PortalAccessStatus {
  return portalAccessStatus({ portalAccess: contact.portalAccess, hasPassword: !!contact.passwordHash, revokedAt: contact.portalRevokedAt })
}

/** Staff or a customer admin of this customer; a customer that is not the viewer's is answered as missing. */
export function requireAccessManager(viewer: Viewer, customerId: string): void {
  if (!canSeeCustomer(viewer, customerId)) throw new NotFoundError('That customer')
  const who =
    viewer.kind === 'staff'
      ? ({ kind: 'staff' } as const)
      : viewer.kind === 'contact'
        ? ({ kind: 'contact', customerId: viewer.customerId, isCustomerAdmin: viewer.isCustomerAdmin } as const)
        : ({ kind: 'other' } as const)
  if (!canManagePortalAccess(who, customerId)) {
    throw new ForbiddenError('Only Covered staff or a customer admin of this organisation manage portal access.')
  }
}

/** The person acting, as the emails name them. */
async function actorName(manager: EntityManager, viewer: Viewer): Promise<string | null> {
  if (viewer.kind === 'staff') {
    const [row]: { name: string }[] = await manager.query('SELECT name FROM staff_users WHERE id = $1', [viewer.id])
    return row?.name ?? null
  }
  if (viewer.kind === 'contact') {
    const [row]: { name: string }[] = await manager.query('SELECT name FROM contacts WHERE id = $1', [viewer.id])
    return row?.name ?? null
  }
  return null
}

async function customerOf(manager: EntityManager, customerId: string): Promise<{ name: string; home_desk: 'PACIFIC' | 'UK' }> {
  const [customer]: { name: string; home_desk: 'PACIFIC' | 'UK' }[] = await manager.query('SELECT name, home_desk FROM customers WHERE id = $1', [customerId])
  if (!customer) throw new NotFoundError('That customer')
  return customer
}

/**
 * Gives a contact portal access and emails them an invitation with a fresh one-time link (in the caller's
 * transaction). Any earlier link of theirs stops working.
 */
export async function sendContactInvitation(manager: EntityManager, ctx: RequestContext, contact: Contact, now: Date): Promise<void> {
  const customer = await customerOf(manager, contact.customerId)
  const account = { kind: 'contact' as const, id: contact.id }
  const { secret, expiresAt } = await issuePasswordLink(manager, account, 'INVITE', now)
  await queueEmail(
    manager,
    contactInviteEmail({
      to: { name: contact.name, address: contact.email, timeZone: contactTimeZone(contact, customer.home_desk) },
      customerName: customer.name,
      invitedBy: await actorName(manager, ctx.viewer),
      url: passwordLinkUrl(ctx.config.publicUrl, account, secret),
      expiresAt,
      customerId: contact.customerId,
    }),
    now,
  )
}

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const InviteInput = z.object({
  customerId: z.string(),
  name: PersonName,
  email: EmailAddress,
  isCustomerAdmin: z.boolean().nullish(),
  timeZone: z.string().refine(isTimeZone, 'Choose a time zone such as Europe/London.').nullish(),
})

/** Adds a person to an organisation and invites them to the portal, in one transaction. */
export const inviteContact = service(async (ctx: RequestContext, input: z.input<typeof InviteInput>): Promise<Contact> => {
  const data = parseInput(InviteInput, input)
  requireAccessManager(ctx.viewer, data.customerId)
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    await customerOf(manager, data.customerId)
    await checkAddressFree(manager, data.email)
    const contact = manager.create(Contact, {
      customerId: data.customerId,
      name: data.name,
      email: data.email,
      isCustomerAdmin: data.isCustomerAdmin ?? false,
      timeZone: data.timeZone ?? null,
      portalAccess: true,
      passwordHash: null,
      portalRevokedAt: null,
    })
    await manager.save(contact)
    await sendContactInvitation(manager, ctx, contact, now)
    await recordAudit(manager, ctx, {
      action: 'contact.invited',
      entityType: 'Contact',
      entityId: contact.id,
      customerId: contact.customerId,
      after: { name: contact.name, email: contact.email, isCustomerAdmin: contact.isCustomerAdmin, portalAccess: true },
    })
    return contact
  })
})

/** Locks a contact the viewer may manage; another organisation's contact is answered as missing. */
async function lockManagedContact(manager: EntityManager, ctx: RequestContext, id: string): Promise<Contact> {
  const contact = z.uuid().safeParse(id).success
    ? await manager.createQueryBuilder(Contact, 'c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne()
    : null
  if (!contact || !canSeeCustomer(ctx.viewer, contact.customerId)) throw new NotFoundError('That contact')
  requireAccessManager(ctx.viewer, contact.customerId)
  return contact
}

/** Invites an existing contact to the portal, or sends a pending invitation again with a fresh link. */
export const inviteToPortal = service(async (ctx: RequestContext, contactId: string): Promise<Contact> => {
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    const contact = await lockManagedContact(manager, ctx, contactId)
    const status = accessStatusOf(contact)
    checkPortalAccessAction(status, status === 'INVITED' ? 'RESEND_INVITE' : 'INVITE')
    contact.portalAccess = true
    contact.passwordHash = null
    contact.portalRevokedAt = null
    await manager.save(contact)
    await sendContactInvitation(manager, ctx, contact, now)
    await recordAudit(manager, ctx, {
      action: status === 'INVITED' ? 'contact.invitation_resent' : 'contact.invited',
      entityType: 'Contact',
      entityId: contact.id,
      customerId: contact.customerId,
      before: { portalAccess: status },
      after: { portalAccess: 'INVITED' },
    })
    return contact
  })
})

/** Emails a contact with portal access a link to choose a new password. */
export const sendPortalPasswordReset = service(async (ctx: RequestContext, contactId: string): Promise<Contact> => {
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    const contact = await lockManagedContact(manager, ctx, contactId)
    checkPortalAccessAction(accessStatusOf(contact), 'SEND_RESET')
    const customer = await customerOf(manager, contact.customerId)
    await sendResetLink(manager, ctx, { kind: 'contact', contact, homeDesk: customer.home_desk }, now, await actorName(manager, ctx.viewer))
    return contact
  })
})

/**
 * Withdraws a contact's portal access: sign-in is refused, their sessions end, their password and any open link
 * are discarded (inviting them again sends a new link). A customer admin cannot revoke their own access.
 */
export const revokePortalAccess = service(async (ctx: RequestContext, contactId: string): Promise<Contact> => {
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    const contact = await lockManagedContact(manager, ctx, contactId)
    if (ctx.viewer.kind === 'contact' && ctx.viewer.id === contact.id) {
      throw new PolicyError('You cannot revoke your own portal access; ask another customer admin or Covered support.', 'RULE_VIOLATION')
    }
    const status = accessStatusOf(contact)
    checkPortalAccessAction(status, 'REVOKE')
    contact.portalAccess = false
    contact.passwordHash = null
    contact.portalRevokedAt = now
    await manager.save(contact)
    const sessionsEnded = await endSessions(manager, { kind: 'contact', id: contact.id })
    await cancelPasswordLinks(manager, { kind: 'contact', id: contact.id }, now)
    await recordAudit(manager, ctx, {
      action: 'contact.portal_access_revoked',
      entityType: 'Contact',
      entityId: contact.id,
      customerId: contact.customerId,
      before: { portalAccess: status },
      after: { portalAccess: 'REVOKED', sessionsEnded },
    })
    return contact
  })
})

