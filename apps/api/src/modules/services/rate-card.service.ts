import { CURRENCIES, parseRateCardPrice, type Currency, type Money } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { SELECT_TRAINING_MODULE, listTrainingModules, type TrainingModuleRow } from './training.service.js'

/** One hourly rate of the rate card: what an hour of Professional Services costs in a currency. */
export interface HourlyRateRow {
  id: string
  currency: Currency
  hourly_rate_minor: string
  updated_at: Date
  version: number
}

export interface RateCard {
  hourlyRates: HourlyRateRow[]
  /** Every module, retired ones too, by name. */
  trainingModules: TrainingModuleRow[]
}

const SELECT_RATE = 'SELECT id, currency, hourly_rate_minor, updated_at, version FROM rate_card'

function requireStaff(ctx: RequestContext): void {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff see the rate card.')
}

function requireAdmin(ctx: RequestContext): void {
  if (ctx.viewer.kind !== 'staff' || ctx.viewer.role !== 'ADMIN') throw new ForbiddenError('Only admins change the rate card.')
}

/** The rate card as staff quote from it: the hourly rate per currency and every training module's prices. */
export const loadRateCard = service(async (ctx: RequestContext): Promise<RateCard> => {
  requireStaff(ctx)
  const hourlyRates: HourlyRateRow[] = await ctx.db.query(`${SELECT_RATE} ORDER BY currency DESC`)
  return { hourlyRates, trainingModules: await listTrainingModules(ctx, { includeRetired: true }) }
})

const staleMessage = (what: string, current: number, sent: number) =>
  `${what} was changed by someone else since you loaded it (it is at version ${current}, you sent ${sent}). Reload the rate card and try again.`

const HourlyRateInput = z.object({
  currency: z.enum(CURRENCIES, { message: 'Choose the currency: USD or GBP.' }),
  amount: z.string({ message: 'Enter the hourly rate, e.g. 150.00.' }),
  expectedVersion: z.number().int(),
})

/**
 * Sets the hourly rate in one currency (admins). Hours lines of quotes drafted from now on are priced at it;
 * quotes already made keep their prices. A stale `expectedVersion` is a CONFLICT; the change is audited.
 */
export const updateHourlyRate = service(async (ctx: RequestContext, input: z.input<typeof HourlyRateInput>): Promise<HourlyRateRow> => {
  requireAdmin(ctx)
  const data = parseInput(HourlyRateInput, input)
  const rate = parseRateCardPrice(data.amount, data.currency, 'HOURLY_RATE', 'amount')
  return withTransaction(ctx, async (manager) => {
    const [current]: HourlyRateRow[] = await manager.query(`${SELECT_RATE} WHERE currency = $1 FOR UPDATE`, [data.currency])
    if (!current) throw new NotFoundError(`The ${data.currency} hourly rate`)
    if (current.version !== data.expectedVersion) throw new ConflictError(staleMessage(`The ${data.currency} hourly rate`, current.version, data.expectedVersion))
    const before = Number(current.hourly_rate_minor)
    if (before === rate.amountMinor) return current
    await manager.query('UPDATE rate_card SET hourly_rate_minor = $2, updated_at = $3, version = version + 1 WHERE currency = $1', [
      data.currency,
      rate.amountMinor,
      ctx.now(),
    ])
    await recordAudit(manager, ctx, {
      action: 'rate_card.hourly_rate_changed',
      entityType: 'RateCard',
      entityId: current.id,
      customerId: null,
      before: { hourlyRateMinor: before, currency: data.currency },
      after: { hourlyRateMinor: rate.amountMinor, currency: data.currency },
    })
    const [updated]: HourlyRateRow[] = await manager.query(`${SELECT_RATE} WHERE currency = $1`, [data.currency])
    return updated!
  })
})

const ModulePricesInput = z.object({
  moduleId: z.string(),
  prices: z
    .array(z.object({ amount: z.string(), currency: z.enum(CURRENCIES, { message: 'Choose the currency: USD or GBP.' }) }))
    .min(1, 'Give at least one price.')
    .max(CURRENCIES.length, `Give at most one price per currency (${CURRENCIES.join(', ')}).`),
  expectedVersion: z.number().int(),
})

const PRICE_COLUMN: Record<Currency, 'price_usd_minor' | 'price_gbp_minor'> = { USD: 'price_usd_minor', GBP: 'price_gbp_minor' }

async function lockModule(manager: EntityManager, id: string): Promise<TrainingModuleRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('That training module')
  const [row]: TrainingModuleRow[] = await manager.query(`${SELECT_TRAINING_MODULE} WHERE id = $1 FOR UPDATE`, [id])
  if (!row) throw new NotFoundError('That training module')
  return row
}

/**
 * Sets a training module's price in one or both currencies (admins); a module may be free, never negative.
 * Quotes already made keep their prices. A stale `expectedVersion` is a CONFLICT; the change is audited.
 */
export const updateTrainingModulePrices = service(async (ctx: RequestContext, input: z.input<typeof ModulePricesInput>): Promise<TrainingModuleRow> => {
  requireAdmin(ctx)
  const data = parseInput(ModulePricesInput, input)
  const seen = new Set<Currency>()
  const prices: Money[] = data.prices.map((price, i) => {
    if (seen.has(price.currency)) throw new ValidationError([{ field: `prices.${i}.currency`, message: `The ${price.currency} price is given twice: give each currency once.` }])
    seen.add(price.currency)
    return parseRateCardPrice(price.amount, price.currency, 'MODULE_PRICE', `prices.${i}.amount`)
  })
  return withTransaction(ctx, async (manager) => {
    const module = await lockModule(manager, data.moduleId)
    if (module.version !== data.expectedVersion) throw new ConflictError(staleMessage(`The “${module.name}” module`, module.version, data.expectedVersion))
    const changed = prices.filter((price) => Number(module[PRICE_COLUMN[price.currency]]) !== price.amountMinor)
    if (changed.length === 0) return module
    const assignments = changed.map((price, i) => `${PRICE_COLUMN[price.currency]} = $${i + 3}`)
    await manager.query(`UPDATE training_modules SET ${assignments.join(', ')}, updated_at = $2, version = version + 1 WHERE id = $1`, [
      module.id,
      ctx.now(),
      ...changed.map((price) => price.amountMinor),
    ])
    const pricesOf = (row: Pick<TrainingModuleRow, 'price_usd_minor' | 'price_gbp_minor'>) => ({ USD: Number(row.price_usd_minor), GBP: Number(row.price_gbp_minor) })
    const after = { ...pricesOf(module), ...Object.fromEntries(changed.map((price) => [price.currency, price.amountMinor])) }
    await recordAudit(manager, ctx, {
      action: 'training_module.prices_changed',
      entityType: 'TrainingModule',
      entityId: module.id,
      customerId: null,
      before: { name: module.name, pricesMinor: pricesOf(module) },
      after: { name: module.name, pricesMinor: after },
    })
    const [updated]: TrainingModuleRow[] = await manager.query(`${SELECT_TRAINING_MODULE} WHERE id = $1`, [module.id])
    return updated!
  })
})
