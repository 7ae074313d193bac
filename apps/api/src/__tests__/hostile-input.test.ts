import { isEnumType, type GraphQLNamedType } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCoveredCustomer, makeStaff } from '../../test/factories.js'
import { createTestApp, type TestApp } from '../../test/harness.js'
import { operationFor, rootFields, type Root } from '../../test/schema-walk.js'
import { getSchema } from '../graphql/schema.js'

/**
 * Hostile input: operations generated from the schema (every query and mutation field), with random and
 * hostile variables, thousands of requests. Nothing may answer 5xx, no error may be unmasked (no stack
 * trace, no SQL), and the server must still answer afterwards. Seeded, so a failure can be replayed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124)
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 12)

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = mulberry32(SEED)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!

const HOSTILE_TEXT = [
  '',
  ' ',
  'x'.repeat(200_001),
  'ü'.repeat(20_001),
  '\u0000',
  'null\u0000byte',
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '%_\\%',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '\u202eevil\u202c',
  '🧨💥👩‍👩‍👧‍👦',
  'é'.normalize('NFD'),
  '\ud800',
  '\r\nBcc: victim@example.com',
  '../../../../etc/passwd',
  'a@b',
  'nobody@example.test',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  '2026-02-30',
  '99999-12-31',
  '0000-00-00',
  '2026-11-24T25:61:00Z',
  'yesterday',
  '4950.001',
  '-4950',
]
const HOSTILE_IDS = [
  '',
  'abc',
  '1',
  '-1',
  "' OR 1=1 --",
  Buffer.from('Customer:not-a-uuid').toString('base64'),
  Buffer.from("Customer:' OR '1'='1").toString('base64'),
  Buffer.from('Ticket:00000000-0000-0000-0000-000000000000').toString('base64'),
  Buffer.from(':').toString('base64'),
  'Q3VzdG9tZXI6',
  '\u0000',
  '='.repeat(5000),
  '00000000-0000-4000-8000-000000000000',
]
const HOSTILE_INTS = [0, -1, 1, -2147483648, 2147483647, 2147483648, -2147483649, 1e15, 3.5, Number.MAX_SAFE_INTEGER]

function hostileValue(type: GraphQLNamedType, path: string): unknown {
  const roll = random()
  if (roll < 0.04) return null
  if (isEnumType(type)) return roll < 0.85 ? pick(type.getValues()).value : pick(['NOPE', '', 'admin', 1])
  switch (type.name) {
    case 'ID':
      return pick(HOSTILE_IDS)
    case 'Int':
    case 'SafeInt':
      return roll < 0.9 ? pick(HOSTILE_INTS) : pick(HOSTILE_TEXT)
    case 'Float':
      return pick(HOSTILE_INTS)
    case 'Boolean':
      return roll < 0.9 ? roll < 0.45 : pick(['true', 0, 'yes'])
    case 'Date':
    case 'DateTime':
      return pick(['2026-11-24', '2026-11-24T12:00:00Z', '2026-02-30', '99999-12-31', '', 'yesterday', '2026-11-24T25:61:00Z', '1970-01-01', '0001-01-01T00:00:00Z', -1])
    default:
      return /email/i.test(path) && roll < 0.3 ? pick(['a@b', 'x@y.z\r\nBcc: v@w.x', `${'a'.repeat(300)}@example.test`]) : pick(HOSTILE_TEXT)
  }
}

const LEAK = /\bat [\w$.<>]+ \(|node:internal|\.ts:\d+|\.js:\d+|\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|syntax error at|relation "|violates|duplicate key|QueryFailedError|TypeORM|pg-pool|stack/i

let app: TestApp
const viewers: { name: string; cookie?: string }[] = [{ name: 'anonymous' }]
beforeAll(async () => {
  app = await createTestApp()
  const db = app.database.dataSource
  viewers.push({ name: 'admin', cookie: await app.signIn((await makeStaff(db, { role: 'ADMIN', desk: null })).email) })
  const { keyContact } = await makeCoveredCustomer(db)
  viewers.push({ name: 'contact', cookie: await app.signIn(keyContact.email) })
})
afterAll(() => app.close())

describe('hostile input generated from the schema', () => {
  it('thousands of requests: no 5xx, nothing unmasked, nothing leaked, the server alive', { timeout: 180_000 }, async () => {
    const schema = getSchema()
    const fields = (['query', 'mutation'] as Root[]).flatMap((root) => rootFields(schema, root).map((field) => ({ root, field })))
    let requests = 0
    const problems: string[] = []
    const codes = new Map<string, number>()
    for (let round = 0; round < ROUNDS; round++) {
      for (const { root, field } of fields) {
        if (field.name === 'logout') continue
        for (const viewer of viewers) {
          const { query, variables } = operationFor(root, field, hostileValue, { depth: 1, full: random() < 0.6 })
          const body = JSON.stringify({ query, variables })
          const response = await app.yoga.fetch('http://covered.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-requested-with': 'fuzz', ...(viewer.cookie ? { cookie: viewer.cookie } : {}) },
            body,
          })
          const text = await response.text()
          requests++
          const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? (text.includes('"errors"') ? 'GRAPHQL' : 'OK')
          codes.set(code, (codes.get(code) ?? 0) + 1)
          const where = `${root} ${field.name} as ${viewer.name} (${body.slice(0, 160)})`
          if (response.status >= 500) problems.push(`${response.status} for ${where}: ${text.slice(0, 200)}`)
          if (/INTERNAL_SERVER_ERROR|Unexpected error/.test(text)) problems.push(`masked error for ${where}: ${text.slice(0, 200)}`)
          const withoutEcho = Object.values(variables).reduce<string>((rest, value) => rest.split(JSON.stringify(value).slice(1, -1)).join(''), text)
          if (LEAK.test(withoutEcho.replace(/"message":"Cannot query field[^"]*"/g, ''))) problems.push(`leak for ${where}: ${text.slice(0, 300)}`)
        }
      }
    }
    console.log(`hostile input: ${requests} requests (seed ${SEED}); answers by code ${JSON.stringify(Object.fromEntries(codes))}`)
    expect(problems.slice(0, 20)).toEqual([])
    expect(requests).toBeGreaterThan(2000)
    const alive = await app.gql('{ desks { code } }', {}, { cookie: viewers[1]!.cookie })
    expect(alive.data.desks.length).toBe(2)
  })
})
