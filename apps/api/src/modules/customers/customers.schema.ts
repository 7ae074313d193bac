import { builder } from '../../graphql/builder.js'
import { CurrencyEnum, CustomerStatusEnum, DeskEnum } from '../../graphql/enum-types.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { loadContacts } from '../accounts/accounts.service.js'
import { Contact } from './contact.entity.js'
import { canSeeCustomer, createCustomer, listCustomers, loadCustomers, type CustomerView } from './customers.service.js'

export const CustomerType = builder.loadableNodeRef<CustomerView, string>('Customer', {
  id: { resolve: (customer) => customer.id },
  load: (ids, ctx) => loadCustomers(ctx, ids),
  sort: (customer) => customer.id,
})

CustomerType.implement({
  description: 'An organisation that buys (or is evaluating) licenses, with its home desk and billing currency.',
  authScopes: (customer) => ({ customer: customer.id }),
  fields: (t) => ({
    name: t.exposeString('name'),
    homeDesk: t.field({ type: DeskEnum, description: 'The desk whose hours run a STANDARD ticket’s clock.', resolve: (c) => c.homeDesk }),
    currency: t.field({ type: CurrencyEnum, resolve: (c) => c.currency }),
    status: t.field({ type: CustomerStatusEnum, resolve: (c) => c.status }),
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
  }),
})

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
    args: { search: t.arg.string({ description: 'Part of the name or of a contact’s email address.' }) },
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
