import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorCode } from '../../errors/index.js'
import {
  CURRENCIES,
  addMoney,
  compareMoney,
  divRoundHalfAwayFromZero,
  formatMoney,
  isCurrency,
  money,
  moneyFromDecimal,
  parseCurrency,
  parseMoney,
  percentOf,
  sumMoney,
  toDecimalString,
  toScaledInteger,
  zeroMoney,
  type Money,
} from '../index.js'

function codeOf(fn: () => unknown): DomainErrorCode | 'NO_ERROR' | 'OTHER' {
  try {
    fn()
    return 'NO_ERROR'
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER'
  }
}

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' })
const gbp = (amountMinor: number): Money => ({ amountMinor, currency: 'GBP' })
const normalise = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ')

describe('currencies', () => {
  it('knows USD and GBP only', () => {
    expect(CURRENCIES).toEqual(['USD', 'GBP'])
    expect(isCurrency('USD')).toBe(true)
    expect(isCurrency('EUR')).toBe(false)
    expect(isCurrency('usd')).toBe(false)
    expect(parseCurrency('GBP')).toBe('GBP')
    expect(codeOf(() => parseCurrency('EUR'))).toBe('VALIDATION')
  })
})

describe('parseMoney', () => {
  it('accepts a non-negative integer of minor units in a known currency', () => {
    expect(parseMoney({ amountMinor: 12345, currency: 'USD' })).toEqual(usd(12345))
    expect(parseMoney({ amountMinor: 0, currency: 'GBP' })).toEqual(gbp(0))
  })

  it.each([
    ['a fraction of a cent', 123.45],
    ['a negative price', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a number beyond the safe range', 2 ** 53],
    ['a numeric string', '100'],
    ['nothing', undefined],
  ])('refuses %s with VALIDATION', (_name, amountMinor) => {
    expect(codeOf(() => parseMoney({ amountMinor, currency: 'USD' }))).toBe('VALIDATION')
  })

  it('refuses an unknown currency', () => {
    expect(codeOf(() => parseMoney({ amountMinor: 100, currency: 'EUR' }))).toBe('VALIDATION')
    expect(codeOf(() => parseMoney({ amountMinor: 100, currency: undefined }))).toBe('VALIDATION')
  })

  it('allows negatives only when asked, and can refuse zero', () => {
    expect(parseMoney({ amountMinor: -5, currency: 'USD' }, { allowNegative: true })).toEqual(usd(-5))
    expect(codeOf(() => parseMoney({ amountMinor: 0, currency: 'USD' }, { allowZero: false }))).toBe('VALIDATION')
  })

  it('names the field in its message', () => {
    try {
      parseMoney({ amountMinor: 1.5, currency: 'USD' }, { field: 'License price' })
      expect.unreachable()
    } catch (error) {
      expect((error as DomainError).message).toMatch(/^License price must be a whole number of minor units/)
    }
  })

  it('normalises negative zero', () => {
    expect(Object.is(parseMoney({ amountMinor: -0, currency: 'USD' }).amountMinor, 0)).toBe(true)
  })

  it('money() builds trusted values but still refuses fractions', () => {
    expect(money(-20, 'GBP')).toEqual(gbp(-20))
    expect(codeOf(() => money(0.5, 'GBP'))).toBe('VALIDATION')
  })
})

describe('moneyFromDecimal and toDecimalString', () => {
  it('reads typed amounts exactly', () => {
    expect(moneyFromDecimal('123.45', 'USD')).toEqual(usd(12345))
    expect(moneyFromDecimal('0.5', 'GBP')).toEqual(gbp(50))
    expect(moneyFromDecimal('7', 'USD')).toEqual(usd(700))
    expect(moneyFromDecimal('-0.07', 'USD')).toEqual(usd(-7))
    expect(moneyFromDecimal('0.29', 'USD')).toEqual(usd(29)) // 0.29 * 100 is 28.999999999999996 in floats
  })

  it('refuses more decimals than the currency has, and non-numbers', () => {
    expect(codeOf(() => moneyFromDecimal('1.234', 'USD'))).toBe('VALIDATION')
    expect(codeOf(() => moneyFromDecimal('12,00', 'USD'))).toBe('VALIDATION')
    expect(codeOf(() => moneyFromDecimal('abc', 'USD'))).toBe('VALIDATION')
  })

  it('writes minor units back as a decimal string', () => {
    expect(toDecimalString(usd(12345))).toBe('123.45')
    expect(toDecimalString(usd(5))).toBe('0.05')
    expect(toDecimalString(usd(-5))).toBe('-0.05')
    expect(toDecimalString(usd(0))).toBe('0.00')
    expect(toDecimalString(usd(Number.MAX_SAFE_INTEGER))).toBe('90071992547409.91')
  })

  it('round-trips every safe amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(...CURRENCIES), (amountMinor, currency) => {
        const value = { amountMinor, currency }
        expect(moneyFromDecimal(toDecimalString(value), currency)).toEqual(value)
      }),
    )
  })
})

describe('divRoundHalfAwayFromZero', () => {
  it.each([
    [3n, 2n, 2n],
    [-3n, 2n, -2n],
    [5n, 4n, 1n],
    [7n, 4n, 2n],
    [-7n, 4n, -2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [0n, 5n, 0n],
    [3n, -2n, -2n],
  ])('%i / %i = %i', (n, d, expected) => {
    expect(divRoundHalfAwayFromZero(n, d)).toBe(expected)
  })
})

describe('toScaledInteger', () => {
  it('reads decimals exactly', () => {
    expect(toScaledInteger(12.5, 4)).toBe(125000n)
    expect(toScaledInteger(0.1, 2)).toBe(10n)
    expect(toScaledInteger(20, 4)).toBe(200000n)
    expect(toScaledInteger('-1.5', 1)).toBe(-15n)
  })

  it('refuses too many decimals and non-numbers', () => {
    expect(codeOf(() => toScaledInteger(0.12345, 4))).toBe('VALIDATION')
    expect(codeOf(() => toScaledInteger(1e-7, 4))).toBe('VALIDATION')
    expect(codeOf(() => toScaledInteger(Number.NaN, 2))).toBe('VALIDATION')
  })
})

describe('percentOf', () => {
  it.each([
    ['20% of 12345', 12345, 20, 2469], // 2469.0
    ['30% of 12345', 12345, 30, 3704], // 3703.5 -> 3704
    ['30% of 5', 5, 30, 2], // 1.5 -> 2
    ['30% of -5', -5, 30, -2], // -1.5 -> -2, away from zero
    ['20% of 2', 2, 20, 0], // 0.4 -> 0
    ['25% of 2', 2, 25, 1], // 0.5 -> 1
    ['25% of -2', -2, 25, -1], // -0.5 -> -1
    ['20% of 7', 7, 20, 1], // 1.4 -> 1
    ['30% of 15', 15, 30, 5], // 4.5 -> 5
    ['12.5% of 4', 4, 12.5, 1], // 0.5 -> 1
    ['0.1% of 1000', 1000, 0.1, 1],
    ['100% of 999', 999, 100, 999],
    ['0% of 999', 999, 0, 0],
    ['20% of 0', 0, 20, 0],
  ])('%s = %i minor units', (_name, amount, percent, expected) => {
    expect(percentOf(usd(amount), percent)).toEqual(usd(expected))
  })

  it('has no floating-point error where float maths lands just below a half', () => {
    // 180 * 0.175 is 31.499999999999996 in floats, so Math.round would give 31
    expect(percentOf(usd(180), 17.5)).toEqual(usd(32))
    // 1000 * 0.0035 is 3.4999999999999996 in floats
    expect(percentOf(usd(1000), 0.35)).toEqual(usd(4))
    expect(percentOf(usd(-180), 17.5)).toEqual(usd(-32))
  })

  it('is exact for the largest safe amount', () => {
    const max = Number.MAX_SAFE_INTEGER
    const expected = Number((BigInt(max) * 3n) / 10n) // 0.3 part truncated: ...297.3 -> ...297
    expect(percentOf(usd(max), 30)).toEqual(usd(expected))
  })

  it('keeps the currency', () => {
    expect(percentOf(gbp(1000), 20)).toEqual(gbp(200))
  })

  it('refuses a percentage with more than 4 decimals', () => {
    expect(codeOf(() => percentOf(usd(100), 12.34567))).toBe('VALIDATION')
  })

  it('is within half a minor unit of the exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 1000 }), (amount, percent) => {
        const result = percentOf(usd(amount), percent).amountMinor
        const error = BigInt(result) * 100n - BigInt(amount) * BigInt(percent) // in 1/100 of a minor unit
        expect(error <= 50n && error >= -50n).toBe(true)
      }),
    )
  })

  it('is monotone in the amount and in the percentage', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, b, basisPoints) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a]
          const percent = basisPoints / 100
          expect(percentOf(usd(lo), percent).amountMinor).toBeLessThanOrEqual(percentOf(usd(hi), percent).amountMinor)
        },
      ),
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.nat(200), fc.nat(200), (amount, p, q) => {
        const [lo, hi] = p <= q ? [p, q] : [q, p]
        expect(percentOf(usd(amount), lo).amountMinor).toBeLessThanOrEqual(percentOf(usd(amount), hi).amountMinor)
      }),
    )
  })

  it('is symmetric around zero (half away from zero)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.nat(1000), (amount, percent) => {
        expect(percentOf(usd(-amount), percent).amountMinor + percentOf(usd(amount), percent).amountMinor).toBe(0)
      }),
    )
  })
})

describe('addMoney and sumMoney', () => {
  it('adds amounts of one currency', () => {
    expect(addMoney(usd(150), usd(250))).toEqual(usd(400))
    expect(sumMoney([gbp(1), gbp(2), gbp(3)])).toEqual(gbp(6))
    expect(sumMoney([], 'GBP')).toEqual(gbp(0))
  })

  it('refuses mixed currencies with MIXED_CURRENCY', () => {
    expect(codeOf(() => addMoney(usd(1), gbp(1)))).toBe('MIXED_CURRENCY')
    expect(codeOf(() => sumMoney([usd(1), gbp(1)]))).toBe('MIXED_CURRENCY')
    expect(codeOf(() => sumMoney([usd(1)], 'GBP'))).toBe('MIXED_CURRENCY')
    expect(codeOf(() => compareMoney(usd(1), gbp(1)))).toBe('MIXED_CURRENCY')
  })

  it('needs a currency to sum nothing', () => {
    expect(codeOf(() => sumMoney([]))).toBe('VALIDATION')
  })

  it('refuses a total beyond the safe integer range rather than losing cents', () => {
    expect(codeOf(() => addMoney(usd(Number.MAX_SAFE_INTEGER), usd(1)))).toBe('VALIDATION')
  })

  it('refuses malformed amounts', () => {
    expect(codeOf(() => addMoney(usd(0.5), usd(1)))).toBe('VALIDATION')
  })

  it('sums like integers, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (amounts) => {
        const values = amounts.map(usd)
        const total = amounts.reduce((a, b) => a + b, 0)
        expect(sumMoney(values, 'USD').amountMinor).toBe(total)
        expect(sumMoney([...values].reverse(), 'USD').amountMinor).toBe(total)
      }),
    )
  })

  it('zeroMoney and compareMoney', () => {
    expect(zeroMoney('USD')).toEqual(usd(0))
    expect(compareMoney(usd(1), usd(2))).toBeLessThan(0)
    expect(compareMoney(usd(2), usd(2))).toBe(0)
  })
})

describe('formatMoney', () => {
  it('formats in the currency’s home locale by default', () => {
    expect(formatMoney(usd(123456))).toBe('$1,234.56')
    expect(formatMoney(gbp(123456))).toBe('£1,234.56')
    expect(formatMoney(usd(5))).toBe('$0.05')
    expect(formatMoney(usd(-5))).toBe('-$0.05')
    expect(formatMoney(gbp(0))).toBe('£0.00')
  })

  it('honours a given locale', () => {
    expect(normalise(formatMoney(usd(123456), 'de-DE'))).toBe('1.234,56 $')
    expect(formatMoney(gbp(100), 'en-US')).toBe('£1.00')
  })

  it('is exact even for the largest safe amount', () => {
    expect(formatMoney(usd(Number.MAX_SAFE_INTEGER))).toBe('$90,071,992,547,409.91')
  })
})
