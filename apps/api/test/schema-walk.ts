import { randomUUID } from 'node:crypto'
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql'

/**
 * Operations generated from the schema, for tests that must cover every field (today's and those added
 * later): a selection of every leaf down to a depth, and variables for every argument from a value picker.
 */
export type Root = 'query' | 'mutation' | 'subscription'

export interface ValuePicker {
  /** A value for a scalar or enum input (named type), at `path` (e.g. `input.customerId`). */
  (type: GraphQLNamedType, path: string, required: boolean): unknown
}

export function rootFields(schema: GraphQLSchema, root: Root): GraphQLField<unknown, unknown>[] {
  const type = root === 'query' ? schema.getQueryType() : root === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()
  return type ? Object.values(type.getFields()) : []
}

/** A selection of every field without required arguments, `depth` object levels deep. */
export function selectionFor(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type)
  if (isScalarType(named) || isEnumType(named)) return ''
  if (depth <= 0) return '{ __typename }'
  if (isUnionType(named) || isInterfaceType(named)) {
    const possible = isUnionType(named) ? named.getTypes() : []
    const own = isInterfaceType(named) ? fieldsOf(named, depth) : ''
    return `{ __typename ${own} ${possible.map((t) => `... on ${t.name} ${selectionFor(t, depth)}`).join(' ')} }`
  }
  return `{ __typename ${fieldsOf(named as GraphQLObjectType, depth)} }`
}

function fieldsOf(type: { getFields(): Record<string, GraphQLField<unknown, unknown>> }, depth: number): string {
  return Object.values(type.getFields())
    .filter((field) => !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined))
    .map((field) => {
      const named = getNamedType(field.type)
      if (isScalarType(named) || isEnumType(named)) return field.name
      return `${field.name} ${selectionFor(field.type, depth - 1)}`
    })
    .join(' ')
}

function typeString(type: GraphQLInputType): string {
  return type.toString()
}

/** A value for an input type: input objects get every required field (and optional ones when `full`). */
export function valueFor(type: GraphQLInputType, path: string, pick: ValuePicker, full = false, required = isNonNullType(type)): unknown {
  const inner = getNullableType(type) as GraphQLInputType
  if (isListType(inner)) return [valueFor(inner.ofType as GraphQLInputType, `${path}[]`, pick, full, true)]
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {}
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) || full) value[field.name] = valueFor(field.type, `${path}.${field.name}`, pick, full)
    }
    return value
  }
  return pick(inner as GraphQLNamedType, path, required)
}

/** One operation calling `field` with variables for its arguments (required ones, and optional ones when `full`). */
export function operationFor(root: Root, field: GraphQLField<unknown, unknown>, pick: ValuePicker, options: { depth: number; full?: boolean }) {
  const args: GraphQLArgument[] = field.args.filter((arg) => options.full || isNonNullType(arg.type))
  const variables: Record<string, unknown> = {}
  for (const arg of args) variables[arg.name] = valueFor(arg.type, arg.name, pick, options.full)
  const declared = args.map((arg) => `$${arg.name}: ${typeString(arg.type)}`).join(', ')
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')
  const query = `${root}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionFor(field.type, options.depth)} }`
  return { query, variables }
}

/** Plain, well-formed values: what a careless but honest client would send. */
export function plainValue(type: GraphQLNamedType, path: string): unknown {
  if (isEnumType(type)) return type.getValues()[0]!.value
  switch (type.name) {
    case 'ID':
      return Buffer.from(`Nothing:${randomUUID()}`).toString('base64')
    case 'Int':
    case 'SafeInt':
      return 1
    case 'Float':
      return 1
    case 'Boolean':
      return false
    case 'Date':
      return '2026-11-24'
    case 'DateTime':
      return '2026-11-24T12:00:00Z'
    default:
      return /email/i.test(path) ? 'nobody@example.test' : ''
  }
}
