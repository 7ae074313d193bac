import { DomainError } from '../errors/index.js'
import { parseCalendarDate, type CalendarDate } from './calendar-date.js'
import {
  CONTRACT_KIND_LABELS,
  coveredDates,
  termCovers,
  termsOverlap,
  type ContractKind,
  type ContractTerm,
} from './terms.js'

/** A term of a contract of some kind on one license, as the overlap and premium rules see it. */
export interface LicenseContractTerm extends ContractTerm {
  /** The term's id, so a term being edited is not compared with itself. */
  readonly id?: string
  readonly kind: ContractKind
  readonly licenseId: string
}

/** Default number of named key contacts per contract (an admin setting). */
export const DEFAULT_KEY_CONTACT_CAP = 3

/**
 * No two terms of one kind on one license may share a day. Cancelled days do not count: a term cancelled
 * from 2026-06-01 covers up to 2026-05-31. Throws CONFLICT naming the clashing term.
 */
export function checkNoOverlappingTerm(candidate: LicenseContractTerm, existing: readonly LicenseContractTerm[]): void {
  const covered = coveredDates(candidate)
  if (covered === null) return
  for (const other of existing) {
    if (other.kind !== candidate.kind || other.licenseId !== candidate.licenseId) continue
    if (candidate.id !== undefined && other.id === candidate.id) continue
    const otherCovered = coveredDates(other)
    if (otherCovered !== null && termsOverlap(covered, otherCovered)) {
      throw new DomainError(
        'CONFLICT',
        `This license already has a ${CONTRACT_KIND_LABELS[candidate.kind]} term from ${otherCovered.start} to ` +
          `${otherCovered.end}; a new term must start after ${otherCovered.end} or end before ${otherCovered.start}.`,
        { conflictingTermId: other.id, start: otherCovered.start, end: otherCovered.end },
      )
    }
  }
}

/**
 * Premium Support is an add-on: the same license needs a maintenance term (not cancelled by then)
 * covering the premium term's first day. Throws RULE_VIOLATION saying what to add.
 */
export function checkPremiumHasMaintenance(
  premium: { readonly licenseId: string; readonly start: CalendarDate },
  terms: readonly LicenseContractTerm[],
): void {
  const start = parseCalendarDate(premium.start, 'Premium term start')
  const covered = terms.some(
    (term) => term.kind === 'MAINTENANCE' && term.licenseId === premium.licenseId && termCovers(term, start),
  )
  if (!covered) {
    throw new DomainError(
      'RULE_VIOLATION',
      `Premium Support needs active maintenance on the same license on its start date (${start}). ` +
        'Add or renew the maintenance contract first, or start the premium term within the maintenance term.',
      { licenseId: premium.licenseId, start },
    )
  }
}

/**
 * A contract's named key contacts: no one twice and at most `cap` of them (default 3).
 * Throws VALIDATION for a duplicate, LIMIT_EXCEEDED past the cap.
 */
export function checkKeyContacts(keyContactIds: readonly string[], cap: number = DEFAULT_KEY_CONTACT_CAP): void {
  if (!Number.isSafeInteger(cap) || cap < 0) {
    throw new DomainError('VALIDATION', 'The key contact cap must be a whole number, 0 or more.', { field: 'cap' })
  }
  const seen = new Set<string>()
  for (const id of keyContactIds) {
    if (seen.has(id)) {
      throw new DomainError('VALIDATION', 'A contact can be named as a key contact only once per contract.', {
        contactId: id,
      })
    }
    seen.add(id)
  }
  if (keyContactIds.length > cap) {
    throw new DomainError(
      'LIMIT_EXCEEDED',
      `A contract can name at most ${cap} key contact${cap === 1 ? '' : 's'}; remove or swap one before adding another.`,
      { cap, count: keyContactIds.length },
    )
  }
}

/** A key contact must belong to the contract's customer; throws VALIDATION otherwise. */
export function checkKeyContactOfCustomer(
  contact: { readonly id: string; readonly customerId: string },
  contractCustomerId: string,
): void {
  if (contact.customerId !== contractCustomerId) {
    throw new DomainError('VALIDATION', "A key contact must be one of the customer's own contacts.", {
      contactId: contact.id,
    })
  }
}

