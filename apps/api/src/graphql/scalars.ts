import { GraphQLError, Kind } from 'graphql'
import { formatInstant } from '../db/timestamps.js'
import { builder } from './builder.js'

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

function parseInstant(value: unknown): Date {
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) return date
  }
  throw new GraphQLError(
    'Expected an ISO 8601 instant with a time zone, for example "2026-11-26T14:30:00Z".',
    { extensions: { code: 'BAD_USER_INPUT' } },
  )
}

builder.scalarType('DateTime', {
  description: 'An instant in time, as an ISO 8601 string with a time zone (always UTC in responses).',
  serialize: (value) => formatInstant(value instanceof Date ? value : new Date(value)),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
})

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/

function parseCalendarDate(value: unknown): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`)
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return value
  }
  throw new GraphQLError('Expected a calendar date as YYYY-MM-DD, for example "2026-11-26".', {
    extensions: { code: 'BAD_USER_INPUT' },
  })
}

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD (contract terms are dates in the customer’s home-desk time zone).',
  serialize: (value) => String(value),
  parseValue: parseCalendarDate,
  parseLiteral: (ast) => parseCalendarDate(ast.kind === Kind.STRING ? ast.value : undefined),
})

function parseSafeInt(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  throw new GraphQLError('Expected a whole number (at most 2^53 − 1), not a fraction.', { extensions: { code: 'BAD_USER_INPUT' } })
}

builder.scalarType('SafeInt', {
  description: 'A whole number beyond GraphQL’s 32-bit Int, up to 2^53 − 1, sent as a JSON number (money in minor units).',
  serialize: (value) => parseSafeInt(value),
  parseValue: parseSafeInt,
  parseLiteral: (ast) => parseSafeInt(ast.kind === Kind.INT ? Number(ast.value) : undefined),
})
