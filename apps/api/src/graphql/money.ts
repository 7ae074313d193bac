import { formatMoney, toDecimalString, type Money } from '@covered/domain'
import { builder } from './builder.js'
import { CurrencyEnum } from './enum-types.js'

export const MoneyType = builder.objectRef<Money>('Money').implement({
  description: 'An amount of money: an integer count of minor units (cents, pence) and a currency. Never a float.',
  fields: (t) => ({
    amountMinor: t.field({ type: 'SafeInt', description: 'Minor units as a whole number.', resolve: (m) => m.amountMinor }),
    currency: t.field({ type: CurrencyEnum, resolve: (m) => m.currency }),
    amount: t.string({ description: 'The amount in major units as a decimal string, e.g. "990.00".', resolve: (m) => toDecimalString(m) }),
    formatted: t.string({ description: 'For display, e.g. "$990.00" or "£2,400.00".', resolve: (m) => formatMoney(m) }),
  }),
})

export const MoneyInput = builder.inputType('MoneyInput', {
  description: 'An amount as a person types it: a decimal string in major units and a currency.',
  fields: (t) => ({
    amount: t.string({ required: true, description: 'E.g. "4950" or "4950.00"; at most 2 decimals, not negative.' }),
    currency: t.field({ type: CurrencyEnum, required: true }),
  }),
})
