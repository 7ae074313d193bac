import { describe, expect, it } from 'vitest'
import { DomainError } from '../../errors/index.js'
import { RATE_CARD_MAX_MINOR, parseRateCardPrice } from '../index.js'

function failure(fn: () => unknown): { code: string; message: string; field: unknown } {
  try {
    fn()
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message, field: error.details.field }
    throw error
  }
  throw new Error('expected a DomainError')
}

describe('rate card prices', () => {
  it('reads what an admin types into exact minor units', () => {
    expect(parseRateCardPrice('150', 'USD', 'HOURLY_RATE', 'amount')).toEqual({ amountMinor: 15_000, currency: 'USD' })
    expect(parseRateCardPrice(' 127.5 ', 'GBP', 'HOURLY_RATE', 'amount')).toEqual({ amountMinor: 12_750, currency: 'GBP' })
    expect(parseRateCardPrice('0.10', 'USD', 'MODULE_PRICE', 'prices.0.amount')).toEqual({ amountMinor: 10, currency: 'USD' })
  })

  it('a training module may be free; an hourly rate may not', () => {
    expect(parseRateCardPrice('0', 'USD', 'MODULE_PRICE', 'prices.1.amount').amountMinor).toBe(0)
    expect(failure(() => parseRateCardPrice('0.00', 'USD', 'HOURLY_RATE', 'amount'))).toEqual({
      code: 'VALIDATION',
      message: 'The hourly rate must be more than zero: every hours line is priced from it.',
      field: 'amount',
    })
  })

  it('names the field and says what to type for negative, malformed, over-precise and absurd amounts', () => {
    expect(failure(() => parseRateCardPrice('-5', 'GBP', 'MODULE_PRICE', 'prices.0.amount'))).toEqual({
      code: 'VALIDATION',
      message: 'The price cannot be negative.',
      field: 'prices.0.amount',
    })
    for (const typed of ['abc', '12.345', '', '1e3']) {
      expect(failure(() => parseRateCardPrice(typed, 'USD', 'HOURLY_RATE', 'amount')).message).toBe(
        'Enter the hourly rate as an amount like 150 or 150.00 (at most 2 decimals).',
      )
    }
    expect(parseRateCardPrice('999999.99', 'USD', 'HOURLY_RATE', 'amount').amountMinor).toBe(RATE_CARD_MAX_MINOR)
    expect(failure(() => parseRateCardPrice('1000000', 'USD', 'HOURLY_RATE', 'amount')).message).toBe('Enter at most $999,999.99.')
  })
})
