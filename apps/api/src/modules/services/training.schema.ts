import type { Money } from '@covered/domain'
import { builder } from '../../graphql/builder.js'
import { DeskEnum } from '../../graphql/enum-types.js'
import { MoneyType } from '../../graphql/money.js'
import { dailyDemoSessions, listTrainingModules, type DemoSession, type TrainingModuleRow } from './training.service.js'

const money = (amountMinor: string, currency: Money['currency']): Money => ({ amountMinor: Number(amountMinor), currency })

export const TrainingModuleType = builder.objectRef<TrainingModuleRow>('TrainingModule').implement({
  description: 'An in-depth training module that quotes can include, priced in each currency on the rate card.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    durationMinutes: t.exposeInt('duration_minutes'),
    prices: t.field({ type: [MoneyType], description: 'One price per currency, USD then GBP.', resolve: (m) => [money(m.price_usd_minor, 'USD'), money(m.price_gbp_minor, 'GBP')] }),
    active: t.exposeBoolean('active', { description: 'Offered on new quotes; a retired module stays on the quotes that have it.' }),
    version: t.exposeInt('version', { description: 'Send it back with a price change; a stale version is refused as a CONFLICT.' }),
  }),
})

builder.queryField('trainingModules', (t) =>
  t.field({
    type: [TrainingModuleType],
    description: 'The training modules on offer, by name.',
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => listTrainingModules(ctx),
  }),
)

const DemoSessionType = builder.objectRef<DemoSession>('DailyDemoSession').implement({
  description: 'A free one-hour overview session, on each desk’s business days.',
  fields: (t) => ({
    desk: t.field({ type: DeskEnum, resolve: (s) => s.desk }),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
  }),
})

builder.queryField('dailyDemoSessions', (t) =>
  t.field({
    type: [DemoSessionType],
    description: 'The free Daily Demo sessions in the next N days (default 7, at most 31).',
    authScopes: { public: true },
    args: { days: t.arg.int({ defaultValue: 7 }) },
    resolve: (_root, args, ctx) => dailyDemoSessions(ctx, args.days ?? 7),
  }),
)
