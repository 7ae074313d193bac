/** Machine codes for expected failures; the API maps each to a typed GraphQL error. */
export const DOMAIN_ERROR_CODES = [
  /** The input is malformed: wrong type, out of range, missing, unknown value. */
  'VALIDATION',
  /** The thing referred to does not exist (or is not visible to the caller). */
  'NOT_FOUND',
  /** The change clashes with existing data: a stale version, overlapping terms, a duplicate. */
  'CONFLICT',
  /** The caller may not do this. */
  'FORBIDDEN',
  /** Amounts in different currencies were combined. */
  'MIXED_CURRENCY',
  /** A status change the status machine does not allow. */
  'INVALID_TRANSITION',
  /** A cap or allowance would be exceeded (key contacts, quoted hours). */
  'LIMIT_EXCEEDED',
  /** Well-formed input that the support policy does not allow (premium without maintenance, a downgrade). */
  'RULE_VIOLATION',
] as const

/** One of {@link DOMAIN_ERROR_CODES}. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number]

/**
 * An expected failure of a policy rule. `message` says what to fix, in words a person can act on;
 * `details` carries machine-readable context (a field name, a refusal reason, limits).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError'
  readonly code: DomainErrorCode
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: DomainErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message)
    this.code = code
    this.details = details
  }
}

/** True when `error` is a {@link DomainError}, optionally with the given code. */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code)
}
