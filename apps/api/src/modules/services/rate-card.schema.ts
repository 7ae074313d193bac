import { builder } from '../../graphql/builder.js'
import { CurrencyEnum } from '../../graphql/enum-types.js'
import { MoneyInput, MoneyType } from '../../graphql/money.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { loadRateCard, updateHourlyRate, updateTrainingModulePrices, type HourlyRateRow, type RateCard } from './rate-card.service.js'
import { TrainingModuleType } from './training.schema.js'

const HourlyRateType = builder.objectRef<HourlyRateRow>('HourlyRate').implement({
  description: 'What an hour of Professional Services costs in one currency: hours lines of new quotes are priced at it.',
  fields: (t) => ({
    currency: t.field({ type: CurrencyEnum, resolve: (r) => r.currency }),
    rate: t.field({ type: MoneyType, resolve: (r) => ({ amountMinor: Number(r.hourly_rate_minor), currency: r.currency }) }),
    updatedAt: t.expose('updated_at', { type: 'DateTime' }),
    version: t.exposeInt('version', { description: 'Send it back with a change; a stale version is refused as a CONFLICT.' }),
  }),
})

const RateCardType = builder.objectRef<RateCard>('RateCard').implement({
  description: 'The prices quotes are made from (policy section 8). Quotes already made keep the prices they were made with.',
  fields: (t) => ({
    hourlyRates: t.field({ type: [HourlyRateType], description: 'One per currency, USD then GBP.', resolve: (card) => card.hourlyRates }),
    trainingModules: t.field({ type: [TrainingModuleType], description: 'Every module, retired ones too, by name.', resolve: (card) => card.trainingModules }),
  }),
})

builder.queryField('rateCard', (t) =>
  t.field({
    type: RateCardType,
    description: 'The hourly rates and training module prices (staff; admins change them).',
    authScopes: { staff: true },
    resolve: (_root, _args, ctx) => loadRateCard(ctx),
  }),
)

const ERRORS = [ValidationError, ConflictError, NotFoundError, ForbiddenError]

builder.mutationField('updateHourlyRate', (t) =>
  t.field({
    type: HourlyRateType,
    description: 'Sets the hourly rate in one currency (admins). New hours lines are priced at it; sent quotes keep theirs. Audited.',
    authScopes: { admin: true },
    errors: { types: ERRORS, dataField: { name: 'hourlyRate' } },
    args: {
      currency: t.arg({ type: CurrencyEnum, required: true }),
      amount: t.arg.string({ required: true, description: 'Major units, e.g. "150" or "150.00"; more than zero.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The rate’s version as loaded.' }),
    },
    resolve: (_root, args, ctx) => updateHourlyRate(ctx, args),
  }),
)

builder.mutationField('updateTrainingModulePrices', (t) =>
  t.field({
    type: TrainingModuleType,
    description: 'Sets a training module’s price in one or both currencies (admins); free is allowed, negative is not. Audited.',
    authScopes: { admin: true },
    errors: { types: ERRORS, dataField: { name: 'trainingModule' } },
    args: {
      moduleId: t.arg.id({ required: true }),
      prices: t.arg({ type: [MoneyInput], required: true, description: 'At most one price per currency.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The module’s version as loaded.' }),
    },
    resolve: (_root, args, ctx) => updateTrainingModulePrices(ctx, { ...args, moduleId: String(args.moduleId) }),
  }),
)
