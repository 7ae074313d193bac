import { CONTRACT_KINDS, CONTRACT_STATUSES, type Entitlement } from '@covered/domain'
import { builder } from '../../graphql/builder.js'
import { MoneyType } from '../../graphql/money.js'
import { ConflictError, ForbiddenError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import { Contact } from '../customers/contact.entity.js'
import { ContactType, CustomerType } from '../customers/customers.schema.js'
import { LicenseType } from '../customers/licenses.schema.js'
import {
  cancelContract,
  changeKeyContacts,
  contractsOfCustomers,
  createContract,
  loadContracts,
  renewContract,
  type ContractView,
  type TermView,
} from './contracts.service.js'
import { entitlementOf } from './entitlement.service.js'
import { renewalsDue, type RenewalDue, type RenewalsDue } from './renewals.service.js'

export const ContractKindEnum = builder.enumType('ContractKind', {
  description: 'MAINTENANCE: 20% of the license price a year, support for named key contacts and major upgrades. PREMIUM_SUPPORT: 30%, a 4-hour guaranteed first response and priority routing.',
  values: CONTRACT_KINDS,
})

export const ContractStatusEnum = builder.enumType('ContractStatus', {
  description: 'Derived from the terms and today’s date at the customer’s desk; EXPIRING is active with 60 days or fewer left.',
  values: CONTRACT_STATUSES,
})

const TermStatusEnum = builder.enumType('TermStatus', {
  description: 'A term’s own status; RENEWED is a past term followed by its renewal.',
  values: [...CONTRACT_STATUSES, 'RENEWED'] as const,
})

const ContractTermType = builder.objectRef<TermView>('ContractTerm').implement({
  description: 'One year of cover, with start and end dates inclusive in the customer’s home-desk time zone.',
  fields: (t) => ({
    id: t.exposeID('id'),
    start: t.field({ type: 'Date', resolve: (term) => term.start }),
    end: t.field({ type: 'Date', resolve: (term) => term.end }),
    fee: t.field({ type: MoneyType, description: 'The term’s fee, priced when the term was created.', resolve: (term) => term.fee }),
    status: t.field({ type: TermStatusEnum, resolve: (term) => term.status }),
    cancelledOn: t.field({ type: 'Date', nullable: true, resolve: (term) => term.cancelledOn }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
  }),
})

export const ContractType = builder.loadableNodeRef<ContractView, string>('Contract', {
  id: { resolve: (contract) => contract.id },
  load: (ids, ctx) => loadContracts(ctx, ids),
  sort: (contract) => contract.id,
})

ContractType.implement({
  description: 'A maintenance or premium support contract on one license, with its terms and named key contacts.',
  authScopes: (contract) => ({ customer: contract.customerId }),
  fields: (t) => ({
    kind: t.field({ type: ContractKindEnum, resolve: (c) => c.kind }),
    status: t.field({ type: ContractStatusEnum, resolve: (c) => c.status }),
    customer: t.field({ type: CustomerType, resolve: (c) => c.customerId }),
    license: t.field({ type: LicenseType, resolve: (c) => c.licenseId }),
    currentTerm: t.field({ type: ContractTermType, resolve: (c) => c.currentTerm }),
    terms: t.field({ type: [ContractTermType], description: 'Oldest first.', resolve: (c) => c.terms }),
    keyContactCap: t.exposeInt('keyContactCap', { description: 'How many key contacts the contract may name.' }),
    keyContacts: t.field({ type: [ContactType], description: 'The contacts entitled to open supported tickets.', resolve: (c) => c.keyContactIds }),
    version: t.exposeInt('version', { description: 'Send it back with a change; a stale version is refused as a CONFLICT.' }),
  }),
})

export const EntitlementPlanEnum = builder.enumType('EntitlementPlan', {
  description: 'The support a contact gets: PREMIUM, STANDARD, or NOT_ENTITLED (recorded, answered at staff discretion, no clock).',
  values: ['PREMIUM', 'STANDARD', 'NOT_ENTITLED'] as const,
})
export const SupportLaneEnum = builder.enumType('SupportLane', { values: ['CUSTOMER', 'PROSPECT'] as const })

export const EntitlementType = builder.objectRef<Entitlement>('Entitlement').implement({
  description: 'Who gets support on which plan (policy section 4), with the reasons and what would change it, in words.',
  fields: (t) => ({
    plan: t.field({ type: EntitlementPlanEnum, resolve: (e) => e.plan }),
    lane: t.field({ type: SupportLaneEnum, resolve: (e) => e.lane }),
    rule: t.exposeString('rule', { description: 'Which rule decided: premium-key-contact, maintenance-key-contact, prospect, not-entitled.' }),
    reasons: t.exposeStringList('reasons'),
    remedies: t.exposeStringList('remedies'),
    contract: t.field({ type: ContractType, nullable: true, resolve: (e) => e.contractId ?? null }),
  }),
})

builder.objectField(ContactType, 'entitlement', (t) =>
  t.field({
    type: EntitlementType,
    description: 'The support this contact would get for a question asked now.',
    resolve: (contact, _args, ctx) => entitlementOf(ctx, contact),
  }),
)

builder.objectField(CustomerType, 'contracts', (t) =>
  t.loadableList({
    type: ContractType,
    description: 'The customer’s contracts, oldest first.',
    load: (customerIds: string[], ctx) => contractsOfCustomers(ctx, customerIds),
    resolve: (customer) => customer.id,
  }),
)

const RenewalDueType = builder.objectRef<RenewalDue>('RenewalDue').implement({
  fields: (t) => ({
    contract: t.field({ type: ContractType, resolve: (r) => r.contract }),
    endsOn: t.field({ type: 'Date', description: 'The last day of cover.', resolve: (r) => r.endsOn }),
    renewalFee: t.field({ type: MoneyType, resolve: (r) => r.renewalFee }),
  }),
})

const RenewalsDueType = builder.objectRef<RenewalsDue>('RenewalsDue').implement({
  description: 'Contracts whose cover ends soon and is neither renewed nor cancelled, soonest first.',
  fields: (t) => ({
    withinDays: t.exposeInt('withinDays'),
    items: t.field({ type: [RenewalDueType], resolve: (r) => r.items }),
    totals: t.field({ type: [MoneyType], description: 'The renewal value per currency.', resolve: (r) => r.totals }),
  }),
})

builder.queryField('renewalsDue', (t) =>
  t.field({
    type: RenewalsDueType,
    description: 'Renewals due in the next N days (default 90), with their value per currency (staff).',
    authScopes: { staff: true },
    args: { withinDays: t.arg.int({ defaultValue: 90 }) },
    resolve: (_root, args, ctx) => renewalsDue(ctx, args.withinDays ?? 90),
  }),
)

builder.queryField('contract', (t) =>
  t.field({
    type: ContractType,
    nullable: true,
    description: 'One contract; null when it does not exist or is not yours to see.',
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ required: true, for: ContractType }) },
    resolve: (_root, { id }, ctx) => ContractType.getDataloader(ctx).load(id.id).catch(() => null),
  }),
)

const WRITE_ERRORS = [ValidationError, NotFoundError, ForbiddenError, ConflictError, PolicyError]

const CreateContractInput = builder.inputType('CreateContractInput', {
  fields: (t) => ({
    licenseId: t.globalID({ required: true, for: LicenseType }),
    kind: t.field({ type: ContractKindEnum, required: true }),
    startsOn: t.field({ type: 'Date', required: true, description: 'The first day of cover; a term lasts one year.' }),
    keyContactCap: t.int({ description: 'Default 3.' }),
    keyContactIds: t.globalIDList({ for: ContactType, description: 'Contacts to name at once (within the cap).' }),
  }),
})

builder.mutationField('createContract', (t) =>
  t.field({
    type: ContractType,
    description: 'A maintenance or premium contract with its first one-year term, priced by the policy.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'contract' } },
    args: { input: t.arg({ type: CreateContractInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createContract(ctx, {
        ...input,
        licenseId: input.licenseId.id,
        keyContactIds: input.keyContactIds?.map((contact) => contact.id),
      }),
  }),
)

builder.mutationField('renewContract', (t) =>
  t.field({
    type: ContractType,
    description: 'Adds the next one-year term, from the day after the last one ends, at the current price.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'contract' } },
    args: {
      contractId: t.arg.globalID({ required: true, for: ContractType }),
      expectedVersion: t.arg.int({ required: true }),
    },
    resolve: (_root, args, ctx) => renewContract(ctx, { contractId: args.contractId.id, expectedVersion: args.expectedVersion }),
  }),
)

builder.mutationField('cancelContract', (t) =>
  t.field({
    type: ContractType,
    description: 'Cancels from a date (default today at the customer’s desk), with a reason.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'contract' } },
    args: {
      contractId: t.arg.globalID({ required: true, for: ContractType }),
      expectedVersion: t.arg.int({ required: true }),
      effectiveOn: t.arg({ type: 'Date' }),
      reason: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => cancelContract(ctx, { ...args, contractId: args.contractId.id }),
  }),
)

builder.mutationField('changeKeyContacts', (t) =>
  t.field({
    type: ContractType,
    description:
      'Names a key contact (addContactId), removes one (removeContactId) or swaps them (both), with a reason, within the cap. Staff, or a customer admin of the organisation.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'contract' } },
    args: {
      contractId: t.arg.globalID({ required: true, for: ContractType }),
      expectedVersion: t.arg.int({ required: true }),
      addContactId: t.arg.globalID({ for: ContactType }),
      removeContactId: t.arg.globalID({ for: ContactType }),
      reason: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      changeKeyContacts(ctx, {
        contractId: args.contractId.id,
        expectedVersion: args.expectedVersion,
        addContactId: args.addContactId?.id,
        removeContactId: args.removeContactId?.id,
        reason: args.reason,
      }),
  }),
)

builder.queryField('entitlement', (t) =>
  t.field({
    type: EntitlementType,
    nullable: true,
    description: 'The support a contact would get now; null when the contact does not exist or is not yours to see.',
    authScopes: { signedIn: true },
    args: { contactId: t.arg.globalID({ required: true, for: ContactType }) },
    resolve: async (_root, { contactId }, ctx) => {
      const contact = await ContactType.getDataloader(ctx).load(contactId.id).catch(() => null)
      return contact instanceof Contact ? entitlementOf(ctx, contact) : null
    },
  }),
)
