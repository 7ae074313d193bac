/**
 * Expected failures. Services throw these; the GraphQL layer returns them as typed results
 * (Pothos errors plugin) with a code and a message a person can act on. Anything else is masked.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'POLICY'
  | 'INVALID_LINK'

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode
}

export interface FieldError {
  /** The input field at fault, as the client named it (e.g. `name`, `homeDesk`). */
  field: string
  message: string
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION' as const
  constructor(readonly fieldErrors: FieldError[], message?: string) {
    super(message ?? (fieldErrors.length === 1 ? fieldErrors[0]!.message : 'Some fields need fixing.'))
    this.name = 'ValidationError'
  }
}

export class InvalidCredentialsError extends AppError {
  readonly code = 'INVALID_CREDENTIALS' as const
  constructor() {
    super('That email and password do not match an account with access. Check both and try again.')
    this.name = 'InvalidCredentialsError'
  }
}

export class TooManyAttemptsError extends AppError {
  readonly code = 'TOO_MANY_ATTEMPTS' as const
  constructor(
    readonly retryAfterSeconds: number,
    what = 'failed sign-in attempts',
  ) {
    super(`Too many ${what}. Try again in ${describeWait(retryAfterSeconds)}.`)
    this.name = 'TooManyAttemptsError'
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const
  constructor(what: string) {
    super(`${what} was not found.`)
    this.name = 'NotFoundError'
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN' as const
  constructor(message = 'You do not have permission to do that.') {
    super(message)
    this.name = 'ForbiddenError'
  }
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT' as const
  constructor(message = 'Someone else changed this record since you loaded it. Reload it and try again.') {
    super(message)
    this.name = 'ConflictError'
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`
  return `${Math.ceil(seconds / 60)} minutes`
}

/** A well-formed request that the support policy does not allow (premium without maintenance, a cap reached). */
export class PolicyError extends AppError {
  readonly code = 'POLICY' as const
  constructor(
    message: string,
    /** The policy's own code: RULE_VIOLATION, LIMIT_EXCEEDED, INVALID_TRANSITION, MIXED_CURRENCY. */
    readonly rule: string,
  ) {
    super(message)
    this.name = 'PolicyError'
  }
}

/** Why a one-time link to set a password does not work (any more). */
export type InvalidLinkReason = 'UNKNOWN' | 'USED' | 'EXPIRED' | 'CANCELLED'

/** A link to set a password (an invitation or a reset) that is unknown, used, expired or withdrawn. Nothing changed. */
export class InvalidLinkError extends AppError {
  readonly code = 'INVALID_LINK' as const
  constructor(
    readonly reason: InvalidLinkReason,
    readonly purpose: 'INVITE' | 'RESET' | null = null,
  ) {
    super(invalidLinkMessage(reason, purpose))
    this.name = 'InvalidLinkError'
  }
}

function invalidLinkMessage(reason: InvalidLinkReason, purpose: 'INVITE' | 'RESET' | null): string {
  const again = purpose === 'INVITE' ? 'Ask whoever invited you to send a new invitation.' : 'Ask for a new link from the sign-in page (“Forgot your password?”).'
  switch (reason) {
    case 'USED':
      return `This link has already been used: each link sets a password once. ${again}`
    case 'EXPIRED':
      return purpose === 'INVITE' ? `This invitation has expired. ${again}` : `This link has expired: a reset link works for 1 hour. ${again}`
    case 'CANCELLED':
      return `This link was replaced by a newer one or withdrawn. Use the newest email, or: ${again.charAt(0).toLowerCase()}${again.slice(1)}`
    default:
      return 'This link is not valid. Check that you opened the whole link from the email, or ask for a new one from the sign-in page.'
  }
}
