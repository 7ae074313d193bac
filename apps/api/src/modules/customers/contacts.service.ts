import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { hashPassword } from '../accounts/passwords.js'
import { recordAudit } from '../audit/audit.js'
import { requireCustomerWriter } from './access.js'
import { Contact } from './contact.entity.js'
import { canSeeCustomer } from './customers.service.js'

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
  name: z.string().trim().min(1, 'Enter the contact’s name.').max(200, 'Use at most 200 characters.'),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter an email address like name@example.com.')),
  isCustomerAdmin: z.boolean(),
  portalAccess: z.boolean(),
  timeZone: z.string().refine(isTimeZone, 'Choose a time zone such as Europe/London.'),
  /** Until invitations by email exist, staff set a first password and pass it on. */
  password: z.string().min(10, 'Use a password of at least 10 characters.').max(200),
}

const CreateContactInput = z.object({
  customerId: z.string(),
  name: ContactFields.name,
  email: ContactFields.email,
  isCustomerAdmin: ContactFields.isCustomerAdmin.nullish(),
  portalAccess: ContactFields.portalAccess.nullish(),
  timeZone: ContactFields.timeZone.nullish(),
  password: ContactFields.password.nullish(),
})

async function checkEmailFree(ctx: RequestContext, email: string, exceptId?: string): Promise<void> {
  const [taken] = await ctx.db.query('SELECT id FROM contacts WHERE lower(email) = lower($1) AND id IS DISTINCT FROM $2::uuid', [email, exceptId ?? null])
  if (taken) throw new ValidationError([{ field: 'email', message: 'Another contact already uses this email address.' }])
}

export async function createContact(ctx: RequestContext, input: z.input<typeof CreateContactInput>): Promise<Contact> {
  const data = parseInput(CreateContactInput, input)
  requireCustomerWriter(ctx.viewer, data.customerId, 'add contacts')
  if (data.portalAccess && !data.password) {
    throw new ValidationError([{ field: 'password', message: 'Set a first password to give this contact portal access.' }])
  }
  await checkEmailFree(ctx, data.email)
  const passwordHash = data.password ? await hashPassword(data.password) : null
  return withTransaction(ctx, async (manager) => {
    const [customer] = await manager.query('SELECT id FROM customers WHERE id = $1', [data.customerId])
    if (!customer) throw new NotFoundError('That customer')
    const contact = manager.create(Contact, {
      customerId: data.customerId,
      name: data.name,
      email: data.email,
      isCustomerAdmin: data.isCustomerAdmin ?? false,
      portalAccess: data.portalAccess ?? false,
      timeZone: data.timeZone ?? null,
      passwordHash,
    })
    await manager.save(contact)
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
  portalAccess: ContactFields.portalAccess.nullish(),
  timeZone: ContactFields.timeZone.nullish(),
})

export async function updateContact(ctx: RequestContext, input: z.input<typeof UpdateContactInput>): Promise<Contact> {
  const data = parseInput(UpdateContactInput, input)
  if (data.email) await checkEmailFree(ctx, data.email, data.id)
  return withTransaction(ctx, async (manager) => {
    const contact = z.uuid().safeParse(data.id).success
      ? await manager.createQueryBuilder(Contact, 'c').setLock('pessimistic_write').where('c.id = :id', { id: data.id }).getOne()
      : null
    if (!contact || !canSeeCustomer(ctx.viewer, contact.customerId)) throw new NotFoundError('That contact')
    requireCustomerWriter(ctx.viewer, contact.customerId, 'change contacts')
    if (contact.version !== data.expectedVersion) throw new ConflictError()
    const before = contactSnapshot(contact)
    if (data.name != null) contact.name = data.name
    if (data.email != null) contact.email = data.email
    if (data.isCustomerAdmin != null) contact.isCustomerAdmin = data.isCustomerAdmin
    if (data.timeZone != null) contact.timeZone = data.timeZone
    if (data.portalAccess != null) {
      if (data.portalAccess && !contact.passwordHash) {
        throw new ValidationError([{ field: 'portalAccess', message: 'This contact has no password yet; set one when giving portal access.' }])
      }
      contact.portalAccess = data.portalAccess
    }
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
