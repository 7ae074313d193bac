import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql'

/**
 * Descriptions for the types Pothos generates around the ones we write: connections and edges (relay plugin),
 * and the result union and success type of each field with typed errors (errors plugin). Each is derived from
 * the field it belongs to; an interface's field description carries over to its implementations (Error.code on
 * every error type). Only what has no description of its own is filled in.
 */
export function describeGeneratedTypes(schema: GraphQLSchema): void {
  const objects = Object.values(schema.getTypeMap()).filter(isObjectType)

  // Connections and edges: "A page of Ticket" from the edge's node type.
  for (const type of objects) {
    const fields = type.getFields()
    if (type.name.endsWith('Connection') && fields.edges && fields.pageInfo) {
      const node = getNamedType(fields.edges.type)
      const item = isObjectType(node) ? getNamedType(node.getFields().node?.type ?? node) : node
      type.description ||= `A page of ${item.name} items (a Relay connection): \`edges\` in the list’s order, and \`pageInfo\` to fetch the next page.`
    }
    if (type.name.endsWith('Edge') && fields.cursor && fields.node) {
      type.description ||= `One ${getNamedType(fields.node.type).name} in a page, with its cursor.`
    }
  }

  // Typed errors: the field's result union, and its success type with the one field holding the data.
  const withErrors: [string, GraphQLField<unknown, unknown>][] = []
  for (const type of objects) for (const field of Object.values(type.getFields())) withErrors.push([type.name, field])
  for (const [owner, field] of withErrors) {
    const result = getNamedType(field.type)
    if (!isUnionType(result)) continue
    const success = result.getTypes().find((member) => member.name.endsWith('Success'))
    if (!success) continue
    const coordinate = `\`${owner}.${field.name}\``
    const errors = result.getTypes().filter((member) => member !== success).map((member) => member.name)
    result.description ||= `What ${coordinate} returns: ${success.name} when it worked, else one of ${errors.join(', ')} (each an Error with a code and a message).`
    success.description ||= `${coordinate} worked.`
    for (const data of Object.values(success.getFields())) {
      data.description ||= `The result of ${coordinate}${field.description ? `: ${field.description.charAt(0).toLowerCase()}${field.description.slice(1)}` : '.'}`
    }
  }

  // Interface fields: the interface's description holds for every implementation.
  for (const type of [...objects, ...Object.values(schema.getTypeMap()).filter(isInterfaceType)]) {
    for (const iface of type.getInterfaces()) {
      const described = iface.getFields()
      for (const [name, field] of Object.entries(type.getFields())) {
        if (!field.description && described[name]?.description) field.description = described[name]!.description
      }
    }
  }
}

/**
 * Applies descriptions kept apart from the code that defines the types (see descriptions.ts) to the parts
 * that have none. Returns the coordinates that were given but found nothing to describe: stale entries, or
 * entries for parts that are now described where they are defined.
 */
export function applyDescriptions(schema: GraphQLSchema, descriptions: Record<string, string>): string[] {
  const unused: string[] = []
  for (const [coordinate, text] of Object.entries(descriptions)) {
    const match = /^(\w+)(?:\.(\w+)(?:\((\w+)\))?)?$/.exec(coordinate)
    const type = match ? schema.getType(match[1]!) : undefined
    let applied = false
    if (type && match && !match[2]) {
      if (!type.description) {
        type.description = text
        applied = true
      }
    } else if (type && match) {
      const [, , member, arg] = match
      if (isObjectType(type) || isInterfaceType(type)) {
        const field = type.getFields()[member!]
        const target = arg ? field?.args.find((a) => a.name === arg) : field
        if (target && !target.description) {
          target.description = text
          applied = true
        }
      } else if (isInputObjectType(type) && !arg) {
        const field = type.getFields()[member!]
        if (field && !field.description) {
          field.description = text
          applied = true
        }
      } else if (isEnumType(type) && !arg) {
        const value = type.getValue(member!)
        if (value && !value.description) {
          value.description = text
          applied = true
        }
      }
    }
    if (!applied) unused.push(coordinate)
  }
  return unused
}
