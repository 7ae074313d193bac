import SchemaBuilder from '@pothos/core'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import { execute, getNamedType, isAbstractType, isObjectType, parse, type ExecutionResult, type GraphQLSchema } from 'graphql'
import { compileQuery, isCompiledQuery } from 'graphql-jit'
import { describe, expect, it } from 'vitest'
import { CHECKS_OBJECTS, checkObjectsWhereTheyEnter } from '../object-checks.js'
import { getSchema } from '../schema.js'

/**
 * A type's rule (its authScopes) runs once per object, where the object enters the response. Proven on a small
 * schema built the way the product's is (scope-auth with runScopesOnType, then checkObjectsWhereTheyEnter), run
 * both by graphql-js and by the compiled executor the server uses; then on the product's own schema, that every
 * field returning a guarded type checks it.
 */
interface Viewer {
  customers: string[]
  staff: boolean
}
interface Doc {
  id: string
  customerId: string
  secret: string
}
const docs: Record<string, Doc> = {
  a: { id: 'a', customerId: 'A', secret: 'alpha secret' },
  b: { id: 'b', customerId: 'B', secret: 'bravo secret' },
}

function smallSchema(): GraphQLSchema {
  const builder = new SchemaBuilder<{ Context: Viewer; AuthScopes: { customer: string; staff: boolean } }>({
    plugins: [ScopeAuthPlugin],
    scopeAuth: { runScopesOnType: true, authScopes: (viewer) => ({ customer: (id) => viewer.customers.includes(id), staff: viewer.staff }) },
  })
  const DocType = builder.objectRef<Doc>('Doc').implement({
    authScopes: (doc) => ({ customer: doc.customerId }),
    fields: (t) => ({
      id: t.exposeID('id'),
      secret: t.exposeString('secret'),
      note: t.string({ authScopes: { staff: true }, resolve: (doc) => `staff note on ${doc.id}` }),
    }),
  })
  const Other = builder.objectRef<{ kind: string }>('Other').implement({ fields: (t) => ({ kind: t.exposeString('kind') }) })
  const Result = builder.unionType('Result', { types: [DocType, Other], resolveType: (value) => ('kind' in value ? Other : DocType) })
  const Box = builder.objectRef<{ doc: Doc }>('Box').implement({
    fields: (t) => ({ doc: t.field({ type: DocType, nullable: true, resolve: (box) => box.doc }) }),
  })
  // Rules beyond one map of scopes, which the schema's quick reading leaves to scope-auth's full check.
  const MemoType = builder.objectRef<{ id: string; customerId: string }>('Memo').implement({
    authScopes: (memo) => ({ $all: { customer: memo.customerId, staff: true } }),
    fields: (t) => ({ id: t.exposeID('id') }),
  })
  const NoteType = builder.objectRef<{ id: string; customerId: string }>('Note').implement({
    authScopes: (note) => ({ staff: true, $any: { customer: note.customerId } }),
    fields: (t) => ({ id: t.exposeID('id') }),
  })
  builder.queryType({
    fields: (t) => ({
      memo: t.field({ type: MemoType, nullable: true, resolve: () => ({ id: 'm', customerId: 'A' }) }),
      note: t.field({ type: NoteType, nullable: true, resolve: () => ({ id: 'n', customerId: 'A' }) }),
      doc: t.field({ type: DocType, nullable: true, args: { id: t.arg.string({ required: true }) }, resolve: (_root, { id }) => docs[id]! }),
      docs: t.field({ type: [DocType], nullable: true, resolve: () => [docs.a!, docs.b!] }),
      later: t.field({ type: DocType, nullable: true, resolve: async () => docs.b! }),
      box: t.field({ type: Box, resolve: () => ({ doc: docs.b! }) }),
      results: t.field({ type: [Result], nullable: true, resolve: () => [{ kind: 'other' }, docs.b!] }),
    }),
  })
  return checkObjectsWhereTheyEnter(builder.toSchema(), builder)
}

const schema = smallSchema()
const customerA: Viewer = { customers: ['A'], staff: false }
const staff: Viewer = { customers: ['A', 'B'], staff: true }

async function both(query: string, viewer: Viewer): Promise<ExecutionResult[]> {
  const document = parse(query)
  const compiled = compileQuery(schema, document)
  if (!isCompiledQuery(compiled)) throw new Error('did not compile')
  return [await execute({ schema, document, contextValue: viewer }), await compiled.query(undefined, viewer, {})]
}

describe('a type’s rule, once per object', () => {
  it('lets through the objects the viewer may see, with their fields', async () => {
    for (const result of await both('{ doc(id: "a") { id secret } }', customerA)) {
      expect(result).toEqual({ data: { doc: { id: 'a', secret: 'alpha secret' } } })
    }
  })

  it('refuses any other object wherever it enters: by id, in a list, from a promise, nested, in a union', async () => {
    const query = `{ doc(id: "b") { secret } docs { secret } later { secret } box { doc { secret } } results { ... on Doc { secret } ... on Other { kind } } }`
    for (const result of await both(query, customerA)) {
      expect(result.data).toEqual({ doc: null, docs: null, later: null, box: { doc: null }, results: null })
      expect(JSON.stringify(result)).not.toContain('bravo')
      expect(result.errors?.map((error) => error.path?.join('.')).sort()).toEqual(['box.doc', 'doc', 'docs', 'later', 'results'])
      expect(new Set(result.errors?.map((error) => error.message))).toEqual(new Set(['Not authorized to read fields for Doc']))
    }
  })

  it('still runs a field’s own scopes on that field', async () => {
    for (const result of await both('{ doc(id: "a") { note } }', customerA)) {
      expect(result.data).toEqual({ doc: { note: null } })
      expect(result.errors?.[0]?.path).toEqual(['doc', 'note'])
    }
    for (const result of await both('{ doc(id: "b") { note } }', staff)) expect(result).toEqual({ data: { doc: { note: 'staff note on b' } } })
  })

  it('honours rules that combine scopes ($all, $any) exactly as scope-auth does', async () => {
    for (const result of await both('{ memo { id } note { id } }', customerA)) {
      expect(result.data).toEqual({ memo: null, note: { id: 'n' } })
      expect(result.errors?.map((error) => error.path?.join('.'))).toEqual(['memo'])
    }
    for (const result of await both('{ memo { id } note { id } }', staff)) expect(result).toEqual({ data: { memo: { id: 'm' }, note: { id: 'n' } } })
  })

  it('leaves an object’s plain fields without a resolver, for the compiled executor to read inline', () => {
    const doc = schema.getType('Doc')
    if (!isObjectType(doc)) throw new Error('Doc missing')
    expect(doc.getFields().secret!.resolve).toBeUndefined()
    expect(doc.isTypeOf).toBeUndefined()
  })
})

describe('the product’s schema', () => {
  const product = getSchema()
  const guarded = new Set(
    Object.values(product.getTypeMap())
      .filter((type) => isObjectType(type) && (type.extensions.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes)
      .map((type) => type.name),
  )

  it('guards the types that have rules of their own', () => {
    expect([...guarded].sort()).toEqual(
      expect.arrayContaining(['Contact', 'Contract', 'Customer', 'License', 'Quote', 'StaffUser', 'Ticket', 'WebhookEndpoint']),
    )
  })

  it('checks, on every field that returns one of them (directly, in a list or through an interface or union), the objects it returns', () => {
    const unchecked: string[] = []
    let checked = 0
    for (const type of Object.values(product.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type)
        const returnsGuarded = isAbstractType(named)
          ? product.getPossibleTypes(named).some((possible) => guarded.has(possible.name))
          : guarded.has(named.name)
        if (!returnsGuarded) continue
        if (field.extensions[CHECKS_OBJECTS] === true) checked += 1
        else unchecked.push(`${type.name}.${field.name}`)
      }
    }
    expect(unchecked).toEqual([])
    expect(checked).toBeGreaterThan(50)
  })
})
