import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay'
import { isInterfaceType, type GraphQLResolveInfo } from 'graphql'
import { describe, expect, it } from 'vitest'
import { getSchema } from '../schema.js'

/**
 * Every Node's `id` is the relay global id ("Type:raw id" in base64, which `node(id:)` and every id argument
 * accept), answered at once rather than as a promise for the executor to wait on (a queue page has 200 of them).
 */
describe('node ids', () => {
  const schema = getSchema()
  const node = schema.getType('Node')
  if (!isInterfaceType(node)) throw new Error('the schema has no Node interface')
  const types = schema.getPossibleTypes(node)

  it('covers the records clients fetch again by id', () => {
    expect(types.map((type) => type.name)).toEqual(expect.arrayContaining(['Ticket', 'Customer', 'Contact', 'StaffUser', 'Contract', 'Quote', 'Article']))
  })

  it.each(types.map((type) => [type.name, type] as const))('%s.id is its global id, answered at once', (name, type) => {
    const raw = `00000000-0000-4000-8000-${name.length.toString().padStart(12, '0')}`
    const id = type.getFields().id!.resolve!({ id: raw }, {}, {}, {} as GraphQLResolveInfo)
    expect(id).toBe(encodeGlobalID(name, raw))
    expect(decodeGlobalID(id as string)).toEqual({ typename: name, id: raw })
  })
})
