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
