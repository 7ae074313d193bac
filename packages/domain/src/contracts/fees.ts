import { DomainError } from '../errors/index.js'
import { parseMoney, percentOf, type Money } from '../money/index.js'
import type { ContractKind } from './terms.js'

/** Yearly fee of each contract kind as a percentage of the license price (admin settings). */
export type ContractRates = Readonly<Record<ContractKind, number>>

/** Policy defaults: maintenance 20%, premium support 30% of the license price per year. */
export const DEFAULT_CONTRACT_RATES: ContractRates = { MAINTENANCE: 20, PREMIUM_SUPPORT: 30 }

/**
 * The yearly fee of a contract of `kind` on a license bought for `licensePrice`: the kind's percentage,
 * rounded half away from zero to the minor unit (20% of $123.45 = $24.69). `rates` overrides the defaults.
 * Throws VALIDATION for a negative or fractional price, an unknown currency or a negative rate.
 */
export function contractFee(kind: ContractKind, licensePrice: Money, rates: Partial<ContractRates> = {}): Money {
  const price = parseMoney(licensePrice, { field: 'License price' })
  const rate = rates[kind] ?? DEFAULT_CONTRACT_RATES[kind]
  if (rate === undefined) throw new DomainError('VALIDATION', `Unknown contract kind "${String(kind)}".`)
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new DomainError('VALIDATION', `The ${kind} rate must be a percentage of 0 or more; got ${String(rate)}.`, {
      field: 'rate',
    })
  }
  return percentOf(price, rate)
}
