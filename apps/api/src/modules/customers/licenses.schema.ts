import { builder } from '../../graphql/builder.js'
import { MoneyInput, MoneyType } from '../../graphql/money.js'
import { ConflictError, ForbiddenError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import { CustomerType } from './customers.schema.js'
import {
  createLicense,
  licensesOfCustomers,
  listEditions,
  loadEditions,
  retireLicense,
  upgradeLicense,
  type LicenseView,
} from './licenses.service.js'
import { ProductEdition } from './product-edition.entity.js'
import { License } from './license.entity.js'
import { licenseView } from './licenses.service.js'

export const ProductEditionType = builder.loadableObject(ProductEdition, {
  name: 'ProductEdition',
  description: 'A product edition; upgrades go to a higher rank.',
  load: (ids: string[], ctx) => loadEditions(ctx, ids),
  sort: (edition) => edition.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    rank: t.exposeInt('rank'),
  }),
})

const LicenseStateEnum = builder.enumType('LicenseState', {
  description: 'HELD by the customer, REPLACED by an upgrade (kept in history), or RETIRED.',
  values: ['HELD', 'REPLACED', 'RETIRED'] as const,
})

export const LicenseType = builder.loadableNodeRef<LicenseView, string>('License', {
  id: { resolve: (license) => license.id },
  load: async (ids, ctx) => {
    const rows = await ctx.db.getRepository(License).createQueryBuilder('l').where('l.id = ANY(:ids::uuid[])', { ids }).getMany()
    const byId = new Map(rows.map((row) => [row.id, licenseView(row)]))
    return ids.map((id) => byId.get(id) ?? new NotFoundError('That license'))
  },
  sort: (license) => license.id,
})

LicenseType.implement({
  description: 'A license the customer bought: edition, price paid, purchase date and key.',
  authScopes: (license) => ({ customer: license.customerId }),
  fields: (t) => ({
    edition: t.field({ type: ProductEditionType, resolve: (l) => l.editionId }),
    price: t.field({ type: MoneyType, resolve: (l) => l.price }),
    purchasedOn: t.field({ type: 'Date', resolve: (l) => l.purchasedOn }),
    licenseKey: t.exposeString('licenseKey'),
    state: t.field({ type: LicenseStateEnum, resolve: (l) => l.state }),
    retiredAt: t.expose('retiredAt', { type: 'DateTime', nullable: true }),
    replacedAt: t.expose('replacedAt', { type: 'DateTime', nullable: true }),
    replacedBy: t.field({ type: LicenseType, nullable: true, resolve: (l) => l.replacedById }),
    version: t.exposeInt('version'),
  }),
})

builder.objectField(CustomerType, 'licenses', (t) =>
  t.loadableList({
    type: LicenseType,
    description: 'Every license, held or in history, newest purchase first.',
    load: (customerIds: string[], ctx) => licensesOfCustomers(ctx, customerIds),
    resolve: (customer) => customer.id,
  }),
)

builder.queryField('productEditions', (t) =>
  t.field({
    type: [ProductEditionType],
    description: 'The product editions, lowest first.',
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => listEditions(ctx),
  }),
)

const WRITE_ERRORS = [ValidationError, NotFoundError, ForbiddenError, ConflictError, PolicyError]

const CreateLicenseInput = builder.inputType('CreateLicenseInput', {
  fields: (t) => ({
    customerId: t.globalID({ required: true, for: CustomerType }),
    editionId: t.id({ required: true }),
    price: t.field({ type: MoneyInput, required: true }),
    purchasedOn: t.field({ type: 'Date', required: true }),
    licenseKey: t.string({ description: 'Generated when omitted.' }),
  }),
})

builder.mutationField('createLicense', (t) =>
  t.field({
    type: LicenseType,
    description: 'Records a license the customer bought; the customer becomes a CUSTOMER.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'license' } },
    args: { input: t.arg({ type: CreateLicenseInput, required: true }) },
    resolve: (_root, { input }, ctx) => createLicense(ctx, { ...input, customerId: input.customerId.id, editionId: String(input.editionId) }),
  }),
)

const UpgradeLicenseInput = builder.inputType('UpgradeLicenseInput', {
  fields: (t) => ({
    licenseId: t.globalID({ required: true, for: LicenseType }),
    expectedVersion: t.int({ required: true }),
    editionId: t.id({ required: true, description: 'A higher edition than the license has.' }),
    price: t.field({ type: MoneyInput, required: true }),
    purchasedOn: t.field({ type: 'Date', required: true }),
  }),
})

builder.mutationField('upgradeLicense', (t) =>
  t.field({
    type: LicenseType,
    description: 'Replaces a license with one of a higher edition; the old one stays in history. Returns the new license.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'license' } },
    args: { input: t.arg({ type: UpgradeLicenseInput, required: true }) },
    resolve: (_root, { input }, ctx) => upgradeLicense(ctx, { ...input, licenseId: input.licenseId.id, editionId: String(input.editionId) }),
  }),
)

builder.mutationField('retireLicense', (t) =>
  t.field({
    type: LicenseType,
    description: 'Retires a license (the customer no longer holds it), with a reason.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'license' } },
    args: {
      licenseId: t.arg.globalID({ required: true, for: LicenseType }),
      expectedVersion: t.arg.int({ required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => retireLicense(ctx, { ...args, licenseId: args.licenseId.id }),
  }),
)
