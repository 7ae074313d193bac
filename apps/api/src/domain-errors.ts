import { DomainError } from '@covered/domain'
import { AppError, ConflictError, ForbiddenError, NotFoundError, PolicyError, ValidationError } from './errors.js'

/** Turns a rule's DomainError into the API's typed error; anything else passes through untouched. */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error
  const field = typeof error.details?.field === 'string' ? error.details.field : 'input'
  switch (error.code) {
    case 'VALIDATION':
      return new ValidationError([{ field, message: error.message }])
    case 'NOT_FOUND':
      return new NotFoundError(error.message.replace(/\.$/, ''))
    case 'CONFLICT':
      return new ConflictError(error.message)
    case 'FORBIDDEN':
      return new ForbiddenError(error.message)
    default:
      return new PolicyError(error.message, error.code)
  }
}

/** Wraps a service function so that the policy's DomainErrors reach the client as typed errors. */
export function service<Args extends unknown[], Result>(fn: (...args: Args) => Promise<Result>) {
  return async (...args: Args): Promise<Result> => {
    try {
      return await fn(...args)
    } catch (error) {
      throw toAppError(error)
    }
  }
}

export { AppError }
