import { DomainError } from '../errors/index.js'
import { divRoundHalfAwayFromZero, toSafeNumber, toScaledInteger } from './decimal.js'

/** Billing currencies the vendor accepts. */
export const CURRENCIES = ['USD', 'GBP'] as const

/** One of {@link CURRENCIES}. */
export type Currency = (typeof CURRENCIES)[number]

/** Digits after the decimal point in each currency (cents, pence). */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<Currency, number>> = { USD: 2, GBP: 2 }

/** Locale used by {@link formatMoney} when none is given. */
export const CURRENCY_DEFAULT_LOCALE: Readonly<Record<Currency, string>> = { USD: 'en-US', GBP: 'en-GB' }

/** An amount of money: a safe integer count of minor units (cents, pence) and a currency. Never a float. */
export interface Money {
  readonly amountMinor: number
  readonly currency: Currency
}

/** True when `value` is a known currency code. */
export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value)
}

/** Returns `value` as a currency, or throws VALIDATION naming the accepted codes. */
export function parseCurrency(value: unknown, field = 'currency'): Currency {
  if (!isCurrency(value)) {
    throw new DomainError('VALIDATION', `${field} must be one of ${CURRENCIES.join(', ')}; got ${describe(value)}.`, {
      field,
    })
  }
  return value
}

/** Options for {@link parseMoney}. */
export interface ParseMoneyOptions {
  /** Name of the input, used in messages (default "amount"). */
  field?: string
  /** Allow amounts below zero (default false). */
  allowNegative?: boolean
  /** Allow exactly zero (default true). */
  allowZero?: boolean
}

/**
 * Checks untrusted input and returns it as {@link Money}: the amount must be a safe integer of minor units
 * (no fractions of a cent), non-negative unless allowed, and the currency known. Throws VALIDATION.
 */
export function parseMoney(input: { amountMinor: unknown; currency: unknown }, options: ParseMoneyOptions = {}): Money {
  const field = options.field ?? 'amount'
  const currency = parseCurrency(input.currency, `${field} currency`)
  const amount = input.amountMinor
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new DomainError(
      'VALIDATION',
      `${field} must be a whole number of minor units (cents or pence), e.g. 12345 for 123.45; got ${describe(amount)}.`,
      { field },
    )
  }
  if (amount < 0 && !options.allowNegative) {
    throw new DomainError('VALIDATION', `${field} cannot be negative.`, { field })
  }
  if (amount === 0 && options.allowZero === false) {
    throw new DomainError('VALIDATION', `${field} must be more than zero.`, { field })
  }
  return { amountMinor: amount === 0 ? 0 : amount, currency }
}

/** Builds {@link Money} from trusted parts, still refusing a non-integer amount or unknown currency. */
export function money(amountMinor: number, currency: Currency): Money {
  return parseMoney({ amountMinor, currency }, { allowNegative: true })
}

/** Zero in the given currency. */
export function zeroMoney(currency: Currency): Money {
  return { amountMinor: 0, currency }
}

/**
 * Reads a decimal amount as typed by a person ("123.45", "-7", "0.5") into minor units exactly.
 * More decimal places than the currency has is a VALIDATION error (no silent rounding).
 */
export function moneyFromDecimal(text: string, currency: Currency, field = 'amount'): Money {
  parseCurrency(currency, `${field} currency`)
  const minor = toScaledInteger(text, CURRENCY_MINOR_DIGITS[currency], field)
  return { amountMinor: toSafeNumber(minor, field), currency }
}

/** The amount as a plain decimal string in major units: 12345 USD -> "123.45", -5 -> "-0.05". */
export function toDecimalString(value: Money): string {
  const digits = CURRENCY_MINOR_DIGITS[value.currency]
  const negative = value.amountMinor < 0
  const text = String(Math.abs(value.amountMinor)).padStart(digits + 1, '0')
  const whole = text.slice(0, text.length - digits)
  const fraction = text.slice(text.length - digits)
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`
}

/**
 * `percent`% of `value`, rounded half away from zero to the minor unit, in exact integer arithmetic:
 * 20% of 12345 = 2469 (2469.0), 30% of 5 = 2 (1.5 -> 2), 30% of -5 = -2. `percent` may have up to
 * 4 decimal places (12.5 is fine).
 */
export function percentOf(value: Money, percent: number): Money {
  assertMoney(value)
  const scaledPercent = toScaledInteger(percent, 4, 'percent') // percent × 10^4
  const result = divRoundHalfAwayFromZero(BigInt(value.amountMinor) * scaledPercent, 100n * 10_000n)
  return { amountMinor: toSafeNumber(result), currency: value.currency }
}

/** `a + b`; both must be in the same currency (else MIXED_CURRENCY). */
export function addMoney(a: Money, b: Money): Money {
  assertMoney(a)
  assertMoney(b)
  assertSameCurrency(a.currency, b.currency)
  return { amountMinor: toSafeNumber(BigInt(a.amountMinor) + BigInt(b.amountMinor)), currency: a.currency }
}

/**
 * The sum of `values`, all in one currency (else MIXED_CURRENCY). An empty list sums to zero in
 * `currency`, which is then required; when given, every value must be in it.
 */
export function sumMoney(values: readonly Money[], currency?: Currency): Money {
  const first = values[0]
  const target = currency ?? first?.currency
  if (target === undefined) {
    throw new DomainError('VALIDATION', 'Cannot sum an empty list of amounts without knowing its currency.')
  }
  let total = 0n
  for (const value of values) {
    assertMoney(value)
    assertSameCurrency(target, value.currency)
    total += BigInt(value.amountMinor)
  }
  return { amountMinor: toSafeNumber(total), currency: target }
}

/** Throws MIXED_CURRENCY unless both currencies are the same. */
export function assertSameCurrency(expected: Currency, actual: Currency): void {
  if (expected !== actual) {
    throw new DomainError(
      'MIXED_CURRENCY',
      `Amounts in ${expected} and ${actual} cannot be combined; use one currency throughout.`,
      { expected, actual },
    )
  }
}

/** `a` compared with `b` (same currency): negative, zero or positive. */
export function compareMoney(a: Money, b: Money): number {
  assertSameCurrency(a.currency, b.currency)
  return a.amountMinor - b.amountMinor
}

/**
 * The amount for people, via Intl.NumberFormat: formatMoney({ amountMinor: 123456, currency: 'USD' })
 * -> "$1,234.56". The locale defaults to the currency's home (en-US for USD, en-GB for GBP).
 * Exact for every safe integer (formats the decimal string, not a float).
 */
export function formatMoney(value: Money, locale?: string): string {
  assertMoney(value)
  const digits = CURRENCY_MINOR_DIGITS[value.currency]
  const format = new Intl.NumberFormat(locale ?? CURRENCY_DEFAULT_LOCALE[value.currency], {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
  return format.format(toDecimalString(value) as `${number}`)
}

function assertMoney(value: Money): void {
  if (!Number.isSafeInteger(value.amountMinor) || !isCurrency(value.currency)) {
    parseMoney(value, { allowNegative: true })
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`
  if (value === undefined) return 'nothing'
  return String(value)
}
