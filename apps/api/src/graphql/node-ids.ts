import { isThenable } from '@pothos/core'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { isInterfaceType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql'
import { builder } from './builder.js'

type IdResolver = GraphQLFieldResolver<unknown, unknown>

/** Ids encoded lately, per type: the same tickets, customers and engineers come back page after page. */
const RECENT_IDS_PER_TYPE = 5_000

function encoderFor(typeName: string): (raw: unknown) => unknown {
  let recent = new Map<string, string>()
  return (raw) => {
    if (raw == null) return raw
    const key = String(raw)
    let id = recent.get(key)
    if (id === undefined) {
      id = encodeGlobalID(typeName, key)
      if (recent.size >= RECENT_IDS_PER_TYPE) recent = new Map()
      recent.set(key, id)
    }
    return id
  }
}

/**
 * Gives every Node's `id` field a resolver that answers at once.
 *
 * The relay plugin resolves a Node's `id` with an `async` function, so each id in a response was a promise of
 * its own, settled on a later tick by the executor (a page of 50 tickets with their customers, requesters and
 * assignees: 200 promises). The id is the same base64 of "Type:raw id" (`encodeGlobalID`), computed now (or
 * taken from the ids encoded lately); only a type whose raw id is itself a promise still answers with one.
 */
export function nodeIdsAnsweredAtOnce(schema: GraphQLSchema): GraphQLSchema {
  if (builder.options.relay?.encodeGlobalID) throw new Error('node ids: the builder encodes global ids its own way; answer them through it.')
  const node = schema.getType('Node')
  if (!isInterfaceType(node)) return schema
  for (const type of schema.getPossibleTypes(node)) {
    const field = type.getFields().id
    const options = type.extensions.pothosOptions as { id?: { resolve?: IdResolver } } | undefined
    const readRawId = options?.id?.resolve
    if (!field || !readRawId) throw new Error(`node ids: ${type.name} implements Node without an id resolver in its options.`)
    if ((field.extensions.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes) {
      throw new Error(`node ids: ${type.name}.id has scopes of its own, which this resolver would drop.`)
    }
    const encode = encoderFor(type.name)
    field.resolve = (parent, args, context, info) => {
      const raw = readRawId(parent, args, context, info)
      return isThenable(raw) ? Promise.resolve(raw).then(encode) : encode(raw)
    }
  }
  return schema
}
