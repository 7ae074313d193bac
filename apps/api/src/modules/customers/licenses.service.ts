import { checkEditionUpgrade, moneyFromDecimal, type Currency, type Money } from '@covered/domain'
import { randomBytes } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js'
import { parseDateInput, parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { requireCustomerWriter } from './access.js'
import { canSeeCustomer } from './customers.service.js'
import { License } from './license.entity.js'
import { ProductEdition } from './product-edition.entity.js'

export type LicenseState = 'HELD' | 'REPLACED' | 'RETIRED'

export interface LicenseView {
  id: string
  customerId: string
  editionId: string
  price: Money
  purchasedOn: string
  licenseKey: string
  state: LicenseState
  retiredAt: Date | null
  replacedAt: Date | null
  replacedById: string | null
  version: number
}

export function licenseView(license: License): LicenseView {
  return {
    id: license.id,
    customerId: license.customerId,
    editionId: license.editionId,
    price: { amountMinor: Number(license.priceMinor), currency: license.currency },
    purchasedOn: license.purchasedOn,
    licenseKey: license.licenseKey,
    state: license.retiredAt ? 'RETIRED' : license.replacedAt ? 'REPLACED' : 'HELD',
    retiredAt: license.retiredAt,
    replacedAt: license.replacedAt,
    replacedById: license.replacedById,
    version: license.version,
  }
}

const MoneyInput = z.object({
  amount: z.string().trim().min(1, 'Enter the price, e.g. 4950.00.'),
  currency: z.enum(['USD', 'GBP']),
})

/** Reads a decimal price typed by a person; no negative amounts and no fractions of a cent. */
function priceFrom(input: z.output<typeof MoneyInput>, field: string): Money {
  let price: Money
  try {
    price = moneyFromDecimal(input.amount, input.currency as Currency, field)
  } catch {
    throw new ValidationError([{ field, message: 'Enter the price as an amount like 4950 or 4950.00 (at most 2 decimals).' }])
  }
  if (price.amountMinor < 0) throw new ValidationError([{ field, message: 'The price cannot be negative.' }])
  return price
}

export async function listEditions(ctx: RequestContext): Promise<ProductEdition[]> {
  return ctx.db.getRepository(ProductEdition).find({ order: { rank: 'ASC' } })
}

export async function loadEditions(ctx: RequestContext, ids: readonly string[]): Promise<(ProductEdition | NotFoundError)[]> {
  const rows = await ctx.db.getRepository(ProductEdition).createQueryBuilder('e').where('e.id = ANY(:ids::uuid[])', { ids }).getMany()
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That edition'))
}

/** Licenses of many customers at once (for a dataloader), newest purchase first. */
export async function licensesOfCustomers(ctx: RequestContext, customerIds: readonly string[]): Promise<LicenseView[][]> {
  const visible = customerIds.filter((id) => canSeeCustomer(ctx.viewer, id))
  const rows = visible.length
    ? await ctx.db
        .getRepository(License)
        .createQueryBuilder('l')
        .where('l.customer_id = ANY(:ids::uuid[])', { ids: visible })
        .orderBy('l.purchased_on', 'DESC')
        .addOrderBy('l.created_at', 'DESC')
        .getMany()
    : []
  return customerIds.map((id) => rows.filter((row) => row.customerId === id).map(licenseView))
}

const CreateLicenseInput = z.object({
  customerId: z.string(),
  editionId: z.string(),
  price: MoneyInput,
  purchasedOn: z.string(),
  licenseKey: z.string().trim().max(100, 'Use at most 100 characters for the license key.').nullish(),
})

async function findEdition(manager: EntityManager, id: string): Promise<ProductEdition> {
  const edition = z.uuid().safeParse(id).success ? await manager.findOneBy(ProductEdition, { id }) : null
  if (!edition) throw new ValidationError([{ field: 'editionId', message: 'Choose one of the product editions.' }])
  return edition
}

export const createLicense = service(async (ctx: RequestContext, input: z.input<typeof CreateLicenseInput>): Promise<LicenseView> => {
  const data = parseInput(CreateLicenseInput, input)
  requireCustomerWriter(ctx.viewer, data.customerId, 'record licenses')
  const price = priceFrom(data.price, 'price')
  const purchasedOn = parseDateInput(data.purchasedOn, 'purchasedOn')
  return withTransaction(ctx, async (manager) => {
    const [customer] = await manager.query('SELECT id, currency FROM customers WHERE id = $1 FOR UPDATE', [data.customerId])
    if (!customer) throw new NotFoundError('That customer')
    const edition = await findEdition(manager, data.editionId)
    const licenseKey = data.licenseKey || generateLicenseKey(edition.name)
    if (await manager.existsBy(License, { licenseKey })) {
      throw new ValidationError([{ field: 'licenseKey', message: 'Another license already has this key.' }])
    }
    const license = manager.create(License, {
      customerId: data.customerId,
      editionId: edition.id,
      priceMinor: String(price.amountMinor),
      currency: price.currency,
      purchasedOn,
      licenseKey,
    })
    await manager.save(license)
    await recordAudit(manager, ctx, {
      action: 'license.created',
      entityType: 'License',
      entityId: license.id,
      customerId: license.customerId,
      after: { edition: edition.name, price: price.amountMinor, currency: price.currency, purchasedOn, licenseKey },
    })
    return licenseView(license)
  })
})

function generateLicenseKey(edition: string): string {
  return `CT-${edition.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase() || 'LIC'}-${randomBytes(4).toString('hex').toUpperCase()}`
}

/** Locks a license for a change based on `expectedVersion`; a stale version is a CONFLICT. */
async function lockLicense(manager: EntityManager, ctx: RequestContext, id: string, expectedVersion: number): Promise<License> {
  const license = z.uuid().safeParse(id).success
    ? await manager.createQueryBuilder(License, 'l').setLock('pessimistic_write').where('l.id = :id', { id }).getOne()
    : null
  if (!license || !canSeeCustomer(ctx.viewer, license.customerId)) throw new NotFoundError('That license')
  if (license.version !== expectedVersion) throw new ConflictError()
  return license
}

const UpgradeLicenseInput = z.object({
  licenseId: z.string(),
  expectedVersion: z.number().int(),
  editionId: z.string(),
  price: MoneyInput,
  purchasedOn: z.string(),
})

/**
 * An upgrade to a higher edition replaces the license and keeps the old one in history. Contracts stay on
 * the old license for the rest of their term and follow the new license's price from their next term.
 */
export const upgradeLicense = service(async (ctx: RequestContext, input: z.input<typeof UpgradeLicenseInput>): Promise<LicenseView> => {
  const data = parseInput(UpgradeLicenseInput, input)
  const price = priceFrom(data.price, 'price')
  const purchasedOn = parseDateInput(data.purchasedOn, 'purchasedOn')
  return withTransaction(ctx, async (manager) => {
    const old = await lockLicense(manager, ctx, data.licenseId, data.expectedVersion)
    requireCustomerWriter(ctx.viewer, old.customerId, 'upgrade licenses')
    if (old.retiredAt || old.replacedAt) {
      throw new ValidationError([{ field: 'licenseId', message: 'Only a license the customer still holds can be upgraded.' }])
    }
    const [current, target] = await Promise.all([findEdition(manager, old.editionId), findEdition(manager, data.editionId)])
    checkEditionUpgrade(current, target)
    const replacement = manager.create(License, {
      customerId: old.customerId,
      editionId: target.id,
      priceMinor: String(price.amountMinor),
      currency: price.currency,
      purchasedOn,
      licenseKey: generateLicenseKey(target.name),
    })
    await manager.save(replacement)
    old.replacedAt = ctx.now()
    old.replacedById = replacement.id
    await manager.save(old)
    await recordAudit(manager, ctx, {
      action: 'license.upgraded',
      entityType: 'License',
      entityId: old.id,
      customerId: old.customerId,
      before: { edition: current.name, price: Number(old.priceMinor), currency: old.currency },
      after: { edition: target.name, price: price.amountMinor, currency: price.currency, replacementId: replacement.id },
    })
    return licenseView(replacement)
  })
})

const RetireLicenseInput = z.object({
  licenseId: z.string(),
  expectedVersion: z.number().int(),
  reason: z.string().trim().min(1, 'Say why the license is retired.').max(1000),
})

export const retireLicense = service(async (ctx: RequestContext, input: z.input<typeof RetireLicenseInput>): Promise<LicenseView> => {
  const data = parseInput(RetireLicenseInput, input)
  return withTransaction(ctx, async (manager) => {
    const license = await lockLicense(manager, ctx, data.licenseId, data.expectedVersion)
    requireCustomerWriter(ctx.viewer, license.customerId, 'retire licenses')
    if (license.retiredAt) throw new ValidationError([{ field: 'licenseId', message: 'This license is already retired.' }])
    license.retiredAt = ctx.now()
    await manager.save(license)
    await recordAudit(manager, ctx, {
      action: 'license.retired',
      entityType: 'License',
      entityId: license.id,
      customerId: license.customerId,
      before: { state: 'HELD' },
      after: { state: 'RETIRED' },
      reason: data.reason,
    })
    return licenseView(license)
  })
})
