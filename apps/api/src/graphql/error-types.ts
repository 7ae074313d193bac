import {
  AppError,
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidLinkError,
  NotFoundError,
  PolicyError,
  TooManyAttemptsError,
  ValidationError,
  type ErrorCode,
} from '../errors.js'
import { builder } from './builder.js'

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description: 'What kind of expected failure this is; the message says what to do about it.',
  values: [
    'VALIDATION',
    'INVALID_CREDENTIALS',
    'TOO_MANY_ATTEMPTS',
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'NOT_FOUND',
    'CONFLICT',
    'POLICY',
    'INVALID_LINK',
  ] satisfies ErrorCode[],
})

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  description: 'An expected failure, with a message a person can act on.',
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, resolve: (error) => error.code }),
    message: t.exposeString('message'),
  }),
})

const FieldErrorType = builder
  .objectRef<{ field: string; message: string }>('FieldError')
  .implement({
    description: 'A problem with one input field.',
    fields: (t) => ({
      field: t.exposeString('field', { description: 'The input field, as named in the request (e.g. "name").' }),
      message: t.exposeString('message'),
    }),
  })

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'Some input is not acceptable; each field error says what to fix. Nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorType], resolve: (error) => error.fieldErrors }) }),
})

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'The email and password do not match an account that may sign in.',
  interfaces: [ErrorInterface],
})

builder.objectType(TooManyAttemptsError, {
  name: 'TooManyAttemptsError',
  description: 'Too many failed sign-ins for this account or address; wait and try again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
})

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The record does not exist, or is not yours to see.',
  interfaces: [ErrorInterface],
})

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'You may not do this.',
  interfaces: [ErrorInterface],
})

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The record changed since the version you based this on; nothing was changed.',
  interfaces: [ErrorInterface],
})

builder.objectType(PolicyError, {
  name: 'PolicyError',
  description: 'The request is well formed but the support policy does not allow it; the message says what would.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    rule: t.exposeString('rule', { description: 'RULE_VIOLATION, LIMIT_EXCEEDED, INVALID_TRANSITION or MIXED_CURRENCY.' }),
  }),
})

const InvalidLinkReasonEnum = builder.enumType('InvalidLinkReason', {
  description: 'Why a link to set a password does not work: UNKNOWN, USED (once only), EXPIRED, or CANCELLED (replaced or withdrawn).',
  values: ['UNKNOWN', 'USED', 'EXPIRED', 'CANCELLED'] as const,
})

builder.objectType(InvalidLinkError, {
  name: 'InvalidLinkError',
  description: 'A one-time link to set a password that is unknown, already used, expired or withdrawn. Nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.field({ type: InvalidLinkReasonEnum, resolve: (error) => error.reason }),
  }),
})
