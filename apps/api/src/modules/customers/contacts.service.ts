import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { ConflictError, NotFoundError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { checkAddressFree, EmailAddress, PersonName } from '../accounts/people.js'
import { recordAudit } from '../audit/audit.js'
import { requireCustomerWriter } from './access.js'
import { Contact } from './contact.entity.js'
import { canSeeCustomer } from './customers.service.js'
import { sendContactInvitation } from './portal-access.service.js'

/** Contacts of many customers (for a dataloader), by name. */
export async function contactsOfCustomers(ctx: RequestContext, customerIds: readonly string[]): Promise<Contact[][]> {
  const visible = customerIds.filter((id) => canSeeCustomer(ctx.viewer, id))
  const rows = visible.length
    ? await ctx.db
        .getRepository(Contact)
        .createQueryBuilder('c')
        .where('c.customer_id = ANY(:ids::uuid[])', { ids: visible })
        .orderBy('c.name')
        .addOrderBy('c.id')
        .getMany()
    : []
  return customerIds.map((id) => rows.filter((row) => row.customerId === id))
}

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const ContactFields = {
  /** One line: the name goes into the header of the emails they get. */
  name: PersonName,
  email: EmailAddress,
  isCustomerAdmin: z.boolean(),
  portalAccess: z.boolean(),
  timeZone: z.string().refine(isTimeZone, 'Choose a time zone such as Europe/London.'),
}

const CreateContactInput = z.object({
  customerId: z.string(),
  name: ContactFields.name,
  email: ContactFields.email,
  isCustomerAdmin: ContactFields.isCustomerAdmin.nullish(),
  portalAccess: ContactFields.portalAccess.nullish(),
  timeZone: ContactFields.timeZone.nullish(),
})

/**
 * Adds a contact. With portal access they are emailed an invitation (a one-time link to choose their password)
 * in the same transaction; nobody else ever knows their password.
 */
export async function createContact(ctx: RequestContext, input: z.input<typeof CreateContactInput>): Promise<Contact> {
  const data = parseInput(CreateContactInput, input)
  requireCustomerWriter(ctx.viewer, data.customerId, 'add contacts')
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    const [customer] = await manager.query('SELECT id FROM customers WHERE id = $1', [data.customerId])
    if (!customer) throw new NotFoundError('That customer')
    await checkAddressFree(manager, data.email)
    const contact = manager.create(Contact, {
      customerId: data.customerId,
      name: data.name,
      email: data.email,
      isCustomerAdmin: data.isCustomerAdmin ?? false,
      portalAccess: data.portalAccess ?? false,
      timeZone: data.timeZone ?? null,
      passwordHash: null,
    })
    await manager.save(contact)
    if (contact.portalAccess) await sendContactInvitation(manager, ctx, contact, now)
    await recordAudit(manager, ctx, {
      action: 'contact.created',
      entityType: 'Contact',
      entityId: contact.id,
      customerId: contact.customerId,
      after: contactSnapshot(contact),
    })
    return contact
  })
}

const UpdateContactInput = z.object({
  id: z.string(),
  expectedVersion: z.number().int(),
  name: ContactFields.name.nullish(),
  email: ContactFields.email.nullish(),
  isCustomerAdmin: ContactFields.isCustomerAdmin.nullish(),
  timeZone: ContactFields.timeZone.nullish(),
})

/** Changes a contact's details. Portal access is given and withdrawn by invitation and revocation (portal-access.service). */
export async function updateContact(ctx: RequestContext, input: z.input<typeof UpdateContactInput>): Promise<Contact> {
  const data = parseInput(UpdateContactInput, input)
  return withTransaction(ctx, async (manager) => {
    const contact = z.uuid().safeParse(data.id).success
      ? await manager.createQueryBuilder(Contact, 'c').setLock('pessimistic_write').where('c.id = :id', { id: data.id }).getOne()
      : null
    if (!contact || !canSeeCustomer(ctx.viewer, contact.customerId)) throw new NotFoundError('That contact')
    requireCustomerWriter(ctx.viewer, contact.customerId, 'change contacts')
    if (contact.version !== data.expectedVersion) throw new ConflictError()
    if (data.email && data.email !== contact.email) await checkAddressFree(manager, data.email, { contactId: contact.id })
    const before = contactSnapshot(contact)
    if (data.name != null) contact.name = data.name
    if (data.email != null) contact.email = data.email
    if (data.isCustomerAdmin != null) contact.isCustomerAdmin = data.isCustomerAdmin
    if (data.timeZone != null) contact.timeZone = data.timeZone
    await manager.save(contact)
    await recordAudit(manager, ctx, {
      action: 'contact.updated',
      entityType: 'Contact',
      entityId: contact.id,
      customerId: contact.customerId,
      before,
      after: contactSnapshot(contact),
    })
    return contact
  })
}

function contactSnapshot(contact: Contact): Record<string, unknown> {
  return {
    name: contact.name,
    email: contact.email,
    isCustomerAdmin: contact.isCustomerAdmin,
    portalAccess: contact.portalAccess,
    timeZone: contact.timeZone,
  }
}
