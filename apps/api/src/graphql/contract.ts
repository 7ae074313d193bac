import {
  BreakingChangeType,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type BreakingChange,
  type GraphQLSchema,
} from 'graphql'

/**
 * The GraphQL contract's rules, checked by `pnpm check`: every type, field, argument, input field and enum
 * value says what it is; and nothing integrators rely on is removed or changed incompatibly unless it was
 * deprecated first.
 */

/** Every schema coordinate (Type, Type.field, Type.field(arg), Enum.VALUE) that has no description. */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = []
  const blank = (text: string | null | undefined) => !text || !text.trim()
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue
    if (blank(type.description)) missing.push(type.name)
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`)
        for (const arg of field.args) if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`)
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (blank(field.description)) missing.push(`${type.name}.${field.name}`)
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`)
    } else if (isUnionType(type)) {
      // A union's members are described on their own types.
    }
  }
  return missing.sort()
}

/**
 * Fields of one name with different types in the members of a union (Contact.customer: Customer! beside
 * ApiToken.customer: Customer). GraphQL refuses a query that selects both without aliases ("fields conflict"),
 * so a client asking for `viewer { ... on Contact { customer } ... on ApiToken { customer } }` would fail.
 */
export function conflictingUnionFields(schema: GraphQLSchema): string[] {
  const conflicts: string[] = []
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isUnionType(type) || isIntrospectionType(type)) continue
    const seen = new Map<string, { member: string; type: string }>()
    for (const member of type.getTypes()) {
      for (const field of Object.values(member.getFields())) {
        const printed = String(field.type)
        const earlier = seen.get(field.name)
        if (earlier && earlier.type !== printed) conflicts.push(`${type.name}: ${earlier.member}.${field.name} is ${earlier.type} but ${member.name}.${field.name} is ${printed}`)
        else if (!earlier) seen.set(field.name, { member: member.name, type: printed })
      }
    }
  }
  return conflicts
}

const REMOVALS = new Set<BreakingChangeType>([BreakingChangeType.FIELD_REMOVED, BreakingChangeType.VALUE_REMOVED_FROM_ENUM, BreakingChangeType.ARG_REMOVED])

/** Whether the coordinate a removal names was deprecated in the base schema (then removing it is allowed). */
function wasDeprecated(base: GraphQLSchema, change: BreakingChange): boolean {
  // graphql 16 words them: "Type.field was removed.", "VALUE was removed from enum type Enum.", "Type.field arg x was removed."
  let match = /^(\w+)\.(\w+) was removed\.$/.exec(change.description)
  if (match && change.type === BreakingChangeType.FIELD_REMOVED) {
    const type = base.getType(match[1]!)
    if (isObjectType(type) || isInterfaceType(type)) return Boolean(type.getFields()[match[2]!]?.deprecationReason)
    if (isInputObjectType(type)) return Boolean(type.getFields()[match[2]!]?.deprecationReason)
    return false
  }
  match = /^(\w+) was removed from enum type (\w+)\.$/.exec(change.description)
  if (match && change.type === BreakingChangeType.VALUE_REMOVED_FROM_ENUM) {
    const type = base.getType(match[2]!)
    return isEnumType(type) && Boolean(type.getValue(match[1]!)?.deprecationReason)
  }
  match = /^(\w+)\.(\w+) arg (\w+) was removed\.$/.exec(change.description)
  if (match && change.type === BreakingChangeType.ARG_REMOVED) {
    const type = base.getType(match[1]!)
    if (!isObjectType(type) && !isInterfaceType(type)) return false
    return Boolean(type.getFields()[match[2]!]?.args.find((arg) => arg.name === match![3])?.deprecationReason)
  }
  return false
}

/** The breaking changes from `base` to `current`, less removals of what `base` had deprecated. */
export function breakingChanges(base: GraphQLSchema, current: GraphQLSchema): BreakingChange[] {
  return findBreakingChanges(base, current).filter((change) => !(REMOVALS.has(change.type) && wasDeprecated(base, change)))
}
