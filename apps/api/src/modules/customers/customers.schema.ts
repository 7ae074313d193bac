import { builder } from '../../graphql/builder.js'
import { CONTRACT_STATUSES } from '@covered/domain'
import { CurrencyEnum, CustomerStatusEnum, DeskEnum } from '../../graphql/enum-types.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { loadContacts } from '../accounts/accounts.service.js'
import { Contact } from './contact.entity.js'
import { auditTrail, type AuditView } from '../audit/audit.service.js'
import { contactsOfCustomers, createContact, updateContact } from './contacts.service.js'
import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import type { RequestContext } from '../../context.js'
import { canSeeCustomer, createCustomer, customerStatuses, listCustomers, loadCustomers, updateCustomer, type CustomerNode } from './customers.service.js'

/** The contract statuses as a list filter (the Contract type's own enum lives with contracts). */
const ContractStatusFilterEnum = builder.enumType('ContractStatusFilter', { values: CONTRACT_STATUSES })

export const CustomerType = builder.loadableNodeRef<CustomerNode, string>('Customer', {
  id: { resolve: (customer) => customer.id },
  load: (ids, ctx) => loadCustomers(ctx, ids),
  sort: (customer) => customer.id,
})

/** Statuses of customers read without them (alongside tickets), one statement per request. */
const statusLoader = createContextCache((ctx: RequestContext) => new DataLoader((ids: readonly string[]) => customerStatuses(ctx, ids)))

CustomerType.implement({
  description: 'An organisation that buys (or is evaluating) licenses, with its home desk and billing currency.',
  authScopes: (customer) => ({ customer: customer.id }),
  fields: (t) => ({
    name: t.exposeString('name'),
    homeDesk: t.field({ type: DeskEnum, description: 'The desk whose hours run a STANDARD ticket’s clock.', resolve: (c) => c.homeDesk }),
    currency: t.field({ type: CurrencyEnum, resolve: (c) => c.currency }),
    status: t.field({ type: CustomerStatusEnum, resolve: (c, _args, ctx) => c.status ?? statusLoader(ctx).load(c.id) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    version: t.exposeInt('version', { description: 'Send it back with an update; a stale version is refused as a CONFLICT.' }),
  }),
})

export const ContactType = builder.loadableNode(Contact, {
  name: 'Contact',
  description: 'A person at a customer. Key contacts on a current contract get technical support.',
  authScopes: (contact) => ({ customer: contact.customerId }),
  id: { resolve: (contact) => contact.id },
  load: (ids: string[], ctx) => loadContacts(ctx, ids, (customerId) => canSeeCustomer(ctx.viewer, customerId)),
  sort: (contact) => contact.id,
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    isCustomerAdmin: t.exposeBoolean('isCustomerAdmin', {
      description: 'May manage the organisation’s key contacts in the portal.',
    }),
    customer: t.field({ type: CustomerType, resolve: (contact) => contact.customerId }),
    portalAccess: t.exposeBoolean('portalAccess', { description: 'May sign in to the portal.' }),
    timeZone: t.exposeString('timeZone', { nullable: true, description: 'IANA zone for showing times, e.g. Europe/London.' }),
    version: t.exposeInt('version'),
  }),
})

builder.objectField(CustomerType, 'contacts', (t) =>
  t.loadableList({
    type: ContactType,
    description: 'The organisation’s contacts, by name.',
    load: (customerIds: string[], ctx) => contactsOfCustomers(ctx, customerIds),
    resolve: (customer) => customer.id,
  }),
)

const AuditEntryType = builder.objectRef<AuditView>('AuditEntry').implement({
  description: 'One change: who, when, what, and the values before and after.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actorKind: t.exposeString('actorKind', { description: 'STAFF, CONTACT, TOKEN or SYSTEM.' }),
    actorName: t.exposeString('actorName', { nullable: true }),
    action: t.exposeString('action', { description: 'E.g. customer.created, contract.renewed, key_contact.swapped.' }),
    entityType: t.exposeString('entityType'),
    entityId: t.exposeID('entityId'),
    before: t.string({ nullable: true, description: 'The values before, as JSON.', resolve: (a) => (a.before ? JSON.stringify(a.before) : null) }),
    after: t.string({ nullable: true, description: 'The values after, as JSON.', resolve: (a) => (a.after ? JSON.stringify(a.after) : null) }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
})

builder.objectField(CustomerType, 'auditTrail', (t) =>
  t.connection({
    type: AuditEntryType,
    description: 'Every change to the customer, its licenses, contracts and key contacts, newest first (staff).',
    authScopes: { staff: true },
    resolve: (customer, args, ctx) => auditTrail(ctx, customer.id, args),
  }),
)

/** Reads a Customer global id from an input, refusing ids of other types. */
export function customerIdFrom(globalId: { typename: string; id: string } | null | undefined): string | null {
  if (!globalId) return null
  if (globalId.typename !== 'Customer') {
    throw new ValidationError([{ field: 'customerId', message: 'That id is not a customer’s id.' }])
  }
  return globalId.id
}

builder.queryField('customers', (t) =>
  t.connection({
    type: CustomerType,
    description: 'Customers in name order (staff and tokens see all they may; a contact sees their own organisation).',
    authScopes: { signedIn: true },
    args: {
      search: t.arg.string({ description: 'Part of the name or of a contact’s email address.' }),
      status: t.arg({ type: CustomerStatusEnum }),
      homeDesk: t.arg({ type: DeskEnum }),
      contractStatus: t.arg({ type: ContractStatusFilterEnum, description: 'Customers with a contract in this status today.' }),
      expiringWithinDays: t.arg.int({ description: 'Customers with cover ending within this many days, not renewed.' }),
    },
    resolve: (_root, args, ctx) => listCustomers(ctx, args),
  }),
)

builder.queryField('customer', (t) =>
  t.field({
    type: CustomerType,
    nullable: true,
    description: 'One customer by id; null when it does not exist or is not yours to see.',
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ required: true, for: CustomerType }) },
    resolve: async (_root, { id }, ctx) => {
      const customer = await CustomerType.getDataloader(ctx).load(id.id).catch(() => null)
      return customer
    },
  }),
)

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'The organisation’s name.' }),
    homeDesk: t.field({ type: DeskEnum, required: true }),
    currency: t.field({ type: CurrencyEnum, required: true }),
  }),
})

builder.mutationField('createCustomer', (t) =>
  t.field({
    type: CustomerType,
    description: 'Adds a customer; it is a PROSPECT until it holds a license.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, ForbiddenError], dataField: { name: 'customer' } },
    args: { input: t.arg({ type: CreateCustomerInput, required: true }) },
    resolve: (_root, { input }, ctx) => createCustomer(ctx, input),
  }),
)

const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: CustomerType }),
    expectedVersion: t.int({ required: true, description: 'The version the change is based on.' }),
    name: t.string(),
    homeDesk: t.field({ type: DeskEnum }),
    currency: t.field({ type: CurrencyEnum }),
  }),
})

builder.mutationField('updateCustomer', (t) =>
  t.field({
    type: CustomerType,
    description: 'Changes a customer; a stale expectedVersion is refused as a CONFLICT and changes nothing.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, ForbiddenError, NotFoundError, ConflictError], dataField: { name: 'customer' } },
    args: { input: t.arg({ type: UpdateCustomerInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateCustomer(ctx, { ...input, id: input.id.id }),
  }),
)

const CreateContactInput = builder.inputType('CreateContactInput', {
  fields: (t) => ({
    customerId: t.globalID({ required: true, for: CustomerType }),
    name: t.string({ required: true }),
    email: t.string({ required: true }),
    isCustomerAdmin: t.boolean(),
    portalAccess: t.boolean({ description: 'Invite them to the portal: they are emailed a one-time link to choose their password.' }),
    timeZone: t.string(),
  }),
})

builder.mutationField('createContact', (t) =>
  t.field({
    type: ContactType,
    description: 'Adds a person at a customer (staff); with portalAccess they are emailed an invitation.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, ForbiddenError, NotFoundError], dataField: { name: 'contact' } },
    args: { input: t.arg({ type: CreateContactInput, required: true }) },
    resolve: (_root, { input }, ctx) => createContact(ctx, { ...input, customerId: input.customerId.id }),
  }),
)

const UpdateContactInput = builder.inputType('UpdateContactInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: ContactType }),
    expectedVersion: t.int({ required: true }),
    name: t.string(),
    email: t.string(),
    isCustomerAdmin: t.boolean(),
    timeZone: t.string(),
  }),
})

builder.mutationField('updateContact', (t) =>
  t.field({
    type: ContactType,
    description: 'Changes a contact’s details (staff); a stale expectedVersion is refused as a CONFLICT. Portal access: inviteToPortal, revokePortalAccess.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, ForbiddenError, NotFoundError, ConflictError], dataField: { name: 'contact' } },
    args: { input: t.arg({ type: UpdateContactInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateContact(ctx, { ...input, id: input.id.id }),
  }),
)
