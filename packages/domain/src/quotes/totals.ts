import { DomainError } from '../errors/index.js'
import {
  assertSameCurrency,
  divRoundHalfAwayFromZero,
  parseCurrency,
  parseMoney,
  sumMoney,
  toScaledInteger,
  type Currency,
  type Money,
} from '../money/index.js'

/**
 * A quote line as entered: `quantity` is a positive number with at most 2 decimal places (hours such as
 * 1.25, or a count of training modules), read exactly as hundredths; `unitPrice` is per unit (an hourly
 * rate, a module price) and may be zero (the free Daily Demo).
 */
export interface QuoteLineInput {
  readonly description: string
  readonly quantity: number
  readonly unitPrice: Money
}

/** A line with its computed total. */
export interface QuoteLine extends QuoteLineInput {
  /** The quantity exactly, in hundredths: 1.25 -> 125. */
  readonly quantityHundredths: number
  readonly total: Money
}

/** Server-computed totals of a quote. */
export interface QuoteTotals {
  readonly currency: Currency
  readonly lines: readonly QuoteLine[]
  /** The sum of the rounded line totals. */
  readonly total: Money
}

/** Reads a quantity exactly into hundredths; throws VALIDATION unless positive with at most 2 decimals. */
export function quantityToHundredths(quantity: number, field = 'Quantity'): number {
  const hundredths = toScaledInteger(quantity, 2, field)
  if (hundredths <= 0n) {
    throw new DomainError('VALIDATION', `${field} must be more than zero; got ${String(quantity)}.`, { field: 'quantity' })
  }
  if (hundredths > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('VALIDATION', `${field} is too large.`, { field: 'quantity' })
  }
  return Number(hundredths)
}

/**
 * One line's total: unit price × quantity, rounded half away from zero to the minor unit
 * (1.25 h at $99.99 = $124.9875 -> $124.99), in exact integer arithmetic.
 */
export function quoteLineTotal(line: QuoteLineInput): Money {
  const unitPrice = parseMoney(line.unitPrice, { field: 'Unit price' })
  const hundredths = quantityToHundredths(line.quantity)
  const total = divRoundHalfAwayFromZero(BigInt(unitPrice.amountMinor) * BigInt(hundredths), 100n)
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('VALIDATION', 'The line total is too large.', { field: 'quantity' })
  }
  return { amountMinor: Number(total), currency: unitPrice.currency }
}

/**
 * Totals of a quote in `currency` (the customer's): each line rounded on its own, the quote total the
 * exact sum of the rounded lines. Throws VALIDATION for an empty description, a zero, negative or
 * over-precise quantity, or a bad price; MIXED_CURRENCY for a line priced in another currency.
 */
export function quoteTotals(lines: readonly QuoteLineInput[], currency: Currency): QuoteTotals {
  const quoteCurrency = parseCurrency(currency)
  const computed = lines.map((line, index): QuoteLine => {
    const description = line.description.trim()
    if (description === '') {
      throw new DomainError('VALIDATION', `Line ${index + 1} needs a description.`, { field: 'description', index })
    }
    assertSameCurrency(quoteCurrency, parseCurrency(line.unitPrice.currency, `Line ${index + 1} currency`))
    return {
      description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      quantityHundredths: quantityToHundredths(line.quantity, `Line ${index + 1} quantity`),
      total: quoteLineTotal(line),
    }
  })
  return { currency: quoteCurrency, lines: computed, total: sumMoney(computed.map((l) => l.total), quoteCurrency) }
}
