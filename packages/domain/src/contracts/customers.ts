import { DomainError } from '../errors/index.js'

/** Derived customer status (section 2): never typed in. */
export const CUSTOMER_STATUSES = ['PROSPECT', 'CUSTOMER', 'FORMER'] as const

/** One of {@link CUSTOMER_STATUSES}. */
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number]

/** What {@link customerStatus} needs to know about each license a customer has ever held. */
export interface LicenseHolding {
  /** Set once the license is retired: the customer no longer holds it. */
  readonly retiredAt?: Date | string | null
  /** Set once an upgrade replaced it: kept in history, but the replacement is what is held. */
  readonly replacedAt?: Date | string | null
}

/** True when the customer still holds this license (neither retired nor replaced). */
export function isLicenseHeld(license: LicenseHolding): boolean {
  return license.retiredAt == null && license.replacedAt == null
}

/**
 * PROSPECT when the customer never held a license, CUSTOMER while it holds at least one,
 * FORMER when every license it held is retired (or replaced by one that is).
 */
export function customerStatus(licenses: readonly LicenseHolding[]): CustomerStatus {
  if (licenses.length === 0) return 'PROSPECT'
  return licenses.some(isLicenseHeld) ? 'CUSTOMER' : 'FORMER'
}

/** A product edition; a higher `rank` is a higher edition. */
export interface Edition {
  readonly name: string
  readonly rank: number
}

/**
 * An upgrade must go to a higher edition than the license has (the license is then replaced and kept
 * in history). Throws RULE_VIOLATION for the same or a lower edition.
 */
export function checkEditionUpgrade(current: Edition, target: Edition): void {
  if (!Number.isFinite(current.rank) || !Number.isFinite(target.rank)) {
    throw new DomainError('VALIDATION', 'Edition ranks must be numbers.', { field: 'rank' })
  }
  if (target.rank <= current.rank) {
    throw new DomainError(
      'RULE_VIOLATION',
      `An upgrade must go to a higher edition than ${current.name}; ${target.name} is ` +
        `${target.rank === current.rank ? 'the same level' : 'a lower edition'}.`,
      { currentRank: current.rank, targetRank: target.rank },
    )
  }
}
