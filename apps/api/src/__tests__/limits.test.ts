import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeCustomer, makeStaff } from '../../test/factories.js'
import { createTestApp, type TestApp } from '../../test/harness.js'
import { createDataSource } from '../db/data-source.js'
import { createCoveredYoga, type CoveredYoga } from '../graphql/yoga.js'
import { MAX_REQUEST_BODY_BYTES } from '../graphql/limits.js'
import { createLogger } from '../logger.js'

/** Every limit of the API, one at a time, each answered with an error that names the limit. */
let app: TestApp
let production: CoveredYoga
let staffCookie: string
let contactCookie: string
let tokenSecret: string

async function post(yoga: CoveredYoga, body: string | object, headers: Record<string, string | undefined> = {}) {
  const response = await yoga.fetch('http://covered.test/graphql', {
    method: 'POST',
    headers: Object.fromEntries(Object.entries({ 'content-type': 'application/json', 'x-requested-with': 'covered-test', ...headers }).filter((e): e is [string, string] => e[1] !== undefined)),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: JSON.parse(text) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } }
}

beforeAll(async () => {
  app = await createTestApp()
  production = createCoveredYoga({ config: { ...app.config, env: 'production', isProduction: true }, logger: createLogger('silent'), db: app.database.dataSource, now: app.clock.now })
  const staff = await makeStaff(app.database.dataSource, { role: 'ADMIN' })
  staffCookie = await app.signIn(staff.email)
  const customer = await makeCustomer(app.database.dataSource)
  const contact = await makeContact(app.database.dataSource, customer)
  contactCookie = await app.signIn(contact.email)
  const created = await app.gql(`mutation { createApiToken(input: { name: "Limits", scope: READ }) { ... on MutationCreateApiTokenSuccess { created { secret } } } }`, {}, { cookie: staffCookie })
  tokenSecret = created.data.createApiToken.created.secret
})
afterAll(() => app.close())

const firstError = (response: { errors?: { message: string }[]; body?: { errors?: { message: string }[] } }) => (response.errors ?? response.body?.errors)?.[0]?.message ?? ''

describe('operation limits (graphql-armor)', () => {
  it('depth: at most 12 levels', async () => {
    let deep = '__typename'
    for (let i = 0; i < 8; i++) deep = `contacts { customer { ${deep} } }`
    const response = await app.gql(`{ customers { edges { node { ${deep} } } } }`, {}, { cookie: staffCookie })
    expect(response.data).toBeUndefined()
    expect(firstError(response)).toMatch(/Query depth limit of 12 exceeded, found \d+/)
  })

  it('aliases: at most 20', async () => {
    const response = await app.gql(`{ ${Array.from({ length: 21 }, (_, i) => `a${i}: viewer { __typename }`).join(' ')} }`)
    expect(firstError(response)).toMatch(/Aliases limit of 20 exceeded, found 21/)
  })

  it('tokens: at most 4,000', async () => {
    const response = await app.gql(`{ ${Array.from({ length: 1500 }, () => 'viewer { __typename }').join(' ')} }`)
    expect(firstError(response)).toMatch(/Token limit of 4000 exceeded/)
  })

  it('directives: at most 20', async () => {
    const response = await app.gql(`{ viewer { __typename ${'@skip(if: false) '.repeat(21)} } }`)
    expect(firstError(response)).toMatch(/Directives limit of 20 exceeded, found 21/)
  })

  it('cost: at most 20,000', async () => {
    // A fragment of many leaves spread many times, deep down: small in tokens and depth, huge in cost.
    const fragment = `fragment Wide on Contact { ${Array.from({ length: 100 }, () => 'name email').join(' ')} }`
    const spreads = Array.from({ length: 60 }, () => '...Wide').join(' ')
    const response = await app.gql(`{ customers { edges { node { contacts { customer { contacts { ${spreads} } } } } } } } ${fragment}`, {}, { cookie: staffCookie })
    expect(firstError(response)).toMatch(/Query Cost limit of 20000 exceeded, found \d+/)
  })

  it('a batch of operations in one request is refused', async () => {
    const response = await post(app.yoga, [{ query: '{ viewer { __typename } }' }, { query: '{ viewer { __typename } }' }])
    expect(response.status).toBe(400)
    expect(firstError(response)).toBe('Batching is not supported.')
  })
})

describe('page size', () => {
  it('lists give at most 100 rows a page, and say so', async () => {
    for (const query of ['{ customers(first: 101) { edges { node { name } } } }', '{ tickets(first: 1000) { edges { node { id } } } }', '{ articles(first: -1) { edges { node { id } } } }']) {
      const response = await app.gql(query, {}, { cookie: staffCookie })
      expect(response.errors?.[0]).toMatchObject({ message: expect.stringContaining('the maximum page size'), extensions: { code: 'BAD_USER_INPUT' } })
    }
    const fine = await app.gql('{ customers(first: 100) { edges { node { name } } } }', {}, { cookie: staffCookie })
    expect(fine.errors).toBeUndefined()
  })
})

describe('request body size', () => {
  const oversized = () => JSON.stringify({ query: '{ viewer { __typename } }', variables: { padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES) } })

  it('a declared body over 1 MiB is refused with 413 before it is read', async () => {
    const body = oversized()
    const response = await post(app.yoga, body, { 'content-length': String(Buffer.byteLength(body)) })
    expect(response.status).toBe(413)
    expect(response.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('request body size limit of 1048576 bytes'), extensions: { code: 'PAYLOAD_TOO_LARGE' } })
  })

  it('a body without a length is read only up to the limit', async () => {
    const response = await post(app.yoga, oversized())
    expect(response.status).toBe(413)
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('a body just under the limit is served', async () => {
    const response = await post(app.yoga, { query: '{ viewer { __typename } }', variables: { padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES - 200) } })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ data: { viewer: null } })
  })
})

describe('production: no field suggestions, introspection for staff and tokens only', () => {
  it('a misspelt field is named without suggesting real ones', async () => {
    const dev = await post(app.yoga, { query: '{ custmers { edges { node { name } } } }' })
    expect(firstError(dev)).toMatch(/Did you mean "customers"/)
    const prod = await post(production, { query: '{ custmers { edges { node { name } } } }' })
    expect(firstError(prod)).toMatch(/Cannot query field "custmers" on type "Query"/)
    expect(firstError(prod)).not.toMatch(/Did you mean|customers/)
  })

  const INTROSPECT = '{ __schema { queryType { name } types { name } } }'
  it('anonymous users and contacts are refused, naming the limit', async () => {
    for (const headers of [{}, { cookie: contactCookie }]) {
      const response = await post(production, { query: INTROSPECT }, headers)
      expect(response.body.data).toBeUndefined()
      expect(response.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('Introspection is limited to staff and API tokens in production'), extensions: { code: 'FORBIDDEN' } })
      const typeQuery = await post(production, { query: '{ __type(name: "Customer") { fields { name } } }' }, headers)
      expect(typeQuery.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
    // __typename is not introspection.
    expect((await post(production, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } })
  })

  it('staff and API tokens may introspect', async () => {
    for (const headers of [{ cookie: staffCookie }, { authorization: `Bearer ${tokenSecret}` }]) {
      const response = await post(production, { query: INTROSPECT }, headers)
      expect(response.body.errors).toBeUndefined()
      expect(response.body.data.__schema.queryType.name).toBe('Query')
    }
  })
})

describe('CSRF prevention', () => {
  it('a simple (form or text) cross-site request is refused; a request with the header is served', async () => {
    for (const [contentType, body] of [
      ['application/x-www-form-urlencoded', 'query=mutation%20%7B%20logout%20%7D'],
      ['text/plain', JSON.stringify({ query: 'mutation { logout }' })],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"mutation { logout }"}\r\n--x--'],
    ]) {
      const response = await app.yoga.fetch('http://covered.test/graphql', { method: 'POST', headers: { 'content-type': contentType!, cookie: staffCookie }, body })
      expect(response.status).toBe(403)
      expect(await response.text()).toMatch(/Required headers not present|CSRF/i)
    }
    const get = await app.yoga.fetch('http://covered.test/graphql?query=%7Bviewer%7B__typename%7D%7D', { headers: { cookie: staffCookie } })
    expect(get.status).toBe(403)
    const allowed = await post(app.yoga, { query: '{ viewer { __typename } }' }, { cookie: staffCookie })
    expect(allowed.body.data.viewer.__typename).toBe('StaffUser')
  })
})

describe('statement timeout', () => {
  it('a statement past DB_STATEMENT_TIMEOUT_MS is stopped and answered as a TIMEOUT naming the limit', async () => {
    const short = createDataSource({ url: app.url, poolSize: 2, statementTimeoutMs: 300 })
    await short.initialize()
    const yoga = createCoveredYoga({ config: { ...app.config, db: { ...app.config.db, statementTimeoutMs: 300 } }, logger: createLogger('silent'), db: short, now: app.clock.now })
    // Hold a lock on customers so the list waits inside the database past the timeout.
    const blocker = new pg.Client({ connectionString: app.url })
    await blocker.connect()
    try {
      await blocker.query('BEGIN')
      await blocker.query('LOCK TABLE customers IN ACCESS EXCLUSIVE MODE')
      const started = Date.now()
      const response = await post(yoga, { query: '{ customers { edges { node { name } } } }' }, { cookie: staffCookie })
      expect(Date.now() - started).toBeLessThan(5000)
      expect(response.body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('statement timeout (300 ms)'),
        extensions: { code: 'TIMEOUT', limit: 'statementTimeout' },
      })
      expect(JSON.stringify(response.body)).not.toMatch(/canceling statement|SELECT/)
    } finally {
      await blocker.query('ROLLBACK')
      await blocker.end()
      await short.destroy()
    }
  })
})
