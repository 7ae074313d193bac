import { DomainError } from '../errors/index.js'

/**
 * Integer division rounding half away from zero: 3/2 -> 2, -3/2 -> -2, 5/4 -> 1.
 * Exact for any size, since it works on bigints.
 */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero')
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  let quotient = n / d
  if ((n % d) * 2n >= d) quotient += 1n
  return negative ? -quotient : quotient
}

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?$/

/**
 * Reads a decimal number exactly as `value × 10^decimals` in an integer, without floating-point
 * multiplication: 12.5 with 2 decimals is 1250n. A number is read through its shortest decimal text,
 * which is the text a person typed (0.1 stays 0.1). More decimal places than allowed is a VALIDATION error.
 */
export function toScaledInteger(value: number | string, decimals: number, field = 'value'): bigint {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new DomainError('VALIDATION', `${field} must be a finite number.`, { field })
    }
    if (Number.isInteger(value)) return BigInt(value) * 10n ** BigInt(decimals)
    text = String(value)
  } else {
    text = value.trim()
  }
  const match = DECIMAL_TEXT.exec(text)
  if (!match) {
    throw new DomainError('VALIDATION', `${field} must be a plain decimal number like 12.5, not "${text}".`, {
      field,
    })
  }
  const [, sign, whole = '0', fraction = ''] = match
  if (fraction.length > decimals) {
    throw new DomainError(
      'VALIDATION',
      `${field} may have at most ${decimals} decimal place${decimals === 1 ? '' : 's'}; got ${text}.`,
      { field, decimals },
    )
  }
  const scaled = BigInt(whole + fraction.padEnd(decimals, '0'))
  return sign === '-' ? -scaled : scaled
}

/** Converts a bigint to a number, refusing values outside the safe integer range. */
export function toSafeNumber(value: bigint, field = 'amount'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError('VALIDATION', `${field} is too large to store exactly.`, { field })
  }
  return Number(value)
}
