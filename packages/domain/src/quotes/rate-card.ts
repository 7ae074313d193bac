import { DomainError } from '../errors/index.js'
import { formatMoney, moneyFromDecimal, type Currency, type Money } from '../money/index.js'

/** The highest hourly rate or module price the rate card takes (999,999.99): anything above is a typing slip. */
export const RATE_CARD_MAX_MINOR = 99_999_999

export type RateCardPriceKind = 'HOURLY_RATE' | 'MODULE_PRICE'

/**
 * Reads a rate card price as an admin typed it ("150", "150.00") in minor units, exactly. An hourly rate must be
 * more than zero (every hours line is priced from it); a training module may be free, never negative. Errors name
 * `field` and say what to type instead.
 */
export function parseRateCardPrice(text: string, currency: Currency, kind: RateCardPriceKind, field: string): Money {
  const what = kind === 'HOURLY_RATE' ? 'hourly rate' : 'price'
  let price: Money
  try {
    price = moneyFromDecimal(text.trim(), currency, field)
  } catch {
    throw new DomainError('VALIDATION', `Enter the ${what} as an amount like 150 or 150.00 (at most 2 decimals).`, { field })
  }
  if (price.amountMinor < 0) throw new DomainError('VALIDATION', `The ${what} cannot be negative.`, { field })
  if (kind === 'HOURLY_RATE' && price.amountMinor === 0) {
    throw new DomainError('VALIDATION', 'The hourly rate must be more than zero: every hours line is priced from it.', { field })
  }
  if (price.amountMinor > RATE_CARD_MAX_MINOR) {
    throw new DomainError('VALIDATION', `Enter at most ${formatMoney({ amountMinor: RATE_CARD_MAX_MINOR, currency })}.`, { field })
  }
  return price
}
