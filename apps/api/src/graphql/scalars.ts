import { GraphQLError, Kind } from 'graphql'
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
  serialize: (value) => (value instanceof Date ? value : new Date(value)).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
})
