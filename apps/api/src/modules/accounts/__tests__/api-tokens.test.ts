import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'

const CREATE = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    __typename
    ... on MutationCreateApiTokenSuccess { created { secret apiToken { id name scope prefix customerId revokedAt } } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field message } }
  }
}`
const CUSTOMERS = `{ customers(first: 10) { edges { node { name } } } }`
const CREATE_CUSTOMER = `mutation { createCustomer(input: { name: "Via token", homeDesk: UK, currency: GBP }) { __typename ... on Error { code message } } }`

let app: TestApp
let adminCookie: string
beforeAll(async () => {
  app = await createTestApp()
  const admin = await makeStaff(app.database.dataSource, { role: 'ADMIN' })
  adminCookie = await app.signIn(admin.email)
})
afterAll(() => app.close())

async function createToken(input: Record<string, unknown>) {
  const response = await app.gql(CREATE, { input }, { cookie: adminCookie })
  return response.data.createApiToken
}

describe('API tokens', () => {
  it('are shown once, stored hashed, and authenticate as a Bearer token', async () => {
    await makeCustomer(app.database.dataSource, { name: 'Alpha Co' })
    const result = await createToken({ name: 'CRM sync', scope: 'READ' })
    expect(result.__typename).toBe('MutationCreateApiTokenSuccess')
    const { secret, apiToken } = result.created
    expect(secret).toMatch(/^cov_[\w-]{43}$/)
    expect(secret.startsWith(apiToken.prefix)).toBe(true)
    const stored = await app.database.dataSource.query('SELECT token_hash FROM api_tokens WHERE id = $1', [apiToken.id])
    expect(stored[0].token_hash).not.toContain(secret)

    const viewer = await app.gql('{ viewer { __typename ... on ApiToken { name scope } } }', {}, { bearer: secret })
    expect(viewer.data.viewer).toEqual({ __typename: 'ApiToken', name: 'CRM sync', scope: 'READ' })
    const list = await app.gql(CUSTOMERS, {}, { bearer: secret })
    expect(list.data.customers.edges.map((e: any) => e.node.name)).toContain('Alpha Co')
  })

  it('a read-only token cannot change data', async () => {
    const { created } = await createToken({ name: 'Reader', scope: 'READ' })
    const response = await app.gql(CREATE_CUSTOMER, {}, { bearer: created.secret })
    expect(response.data.createCustomer).toEqual({
      __typename: 'ForbiddenError',
      code: 'FORBIDDEN',
      message: 'Only staff and read-write API tokens for all customers can create customers.',
    })
  })

  it('a read-write token can', async () => {
    const { created } = await createToken({ name: 'Writer', scope: 'READ_WRITE' })
    const response = await app.gql(CREATE_CUSTOMER, {}, { bearer: created.secret })
    expect(response.data.createCustomer.__typename).toBe('MutationCreateCustomerSuccess')
  })

  it('a token bound to one customer sees only that customer', async () => {
    const mine = await makeCustomer(app.database.dataSource, { name: 'Bound Ltd' })
    const other = await makeCustomer(app.database.dataSource, { name: 'Other Ltd' })
    const { created } = await createToken({ name: 'Bound', scope: 'READ', customerId: globalId('Customer', mine.id) })
    const list = await app.gql(CUSTOMERS, {}, { bearer: created.secret })
    expect(list.data.customers.edges.map((e: any) => e.node.name)).toEqual(['Bound Ltd'])
    const byId = await app.gql('query($id: ID!) { customer(id: $id) { name } }', { id: globalId('Customer', other.id) }, { bearer: created.secret })
    expect(byId.data.customer).toBeNull()
  })

  it('a revoked or expired token is refused at once with 401 and a clear message', async () => {
    const { created } = await createToken({ name: 'Soon gone', scope: 'READ' })
    const revoke = await app.gql(
      'mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on MutationRevokeApiTokenSuccess { apiToken { revokedAt } } } }',
      { id: created.apiToken.id },
      { cookie: adminCookie },
    )
    expect(revoke.data.revokeApiToken.apiToken.revokedAt).not.toBeNull()
    const refused = await app.gql(CUSTOMERS, {}, { bearer: created.secret })
    expect(refused.status).toBe(401)
    expect(refused.errors?.[0]?.message).toBe('This API token is not valid: it is unknown, revoked or expired. Ask an admin for a new one.')

    const expiring = await createToken({ name: 'Short', scope: 'READ', expiresAt: new Date(app.clock.now().getTime() + 60_000).toISOString() })
    expect((await app.gql(CUSTOMERS, {}, { bearer: expiring.created.secret })).status).toBe(200)
    app.clock.advance(61_000)
    expect((await app.gql(CUSTOMERS, {}, { bearer: expiring.created.secret })).status).toBe(401)
  })

  it('only admins manage tokens', async () => {
    const engineer = await makeStaff(app.database.dataSource, { role: 'ENGINEER' })
    const cookie = await app.signIn(engineer.email)
    const response = await app.gql(CREATE, { input: { name: 'x', scope: 'READ' } }, { cookie })
    expect(response.data).toBeNull()
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('rejects a blank name and a past expiry, creating nothing', async () => {
    const before = await app.database.dataSource.query('SELECT count(*)::int AS n FROM api_tokens')
    const blank = await createToken({ name: ' ', scope: 'READ' })
    expect(blank.fieldErrors).toEqual([{ field: 'name', message: 'Give the token a name that says who uses it.' }])
    const past = await createToken({ name: 'Old', scope: 'READ', expiresAt: '2020-01-01T00:00:00Z' })
    expect(past.fieldErrors).toEqual([{ field: 'expiresAt', message: 'Choose an expiry in the future.' }])
    const after = await app.database.dataSource.query('SELECT count(*)::int AS n FROM api_tokens')
    expect(after[0].n).toBe(before[0].n)
  })

  it('records when a token was last used (at most once a minute) and lists it with its creator, customer and status', async () => {
    const bound = await makeCustomer(app.database.dataSource, { name: 'Listed Ltd' })
    const { created } = await createToken({ name: 'Usage', scope: 'READ', customerId: globalId('Customer', bound.id) })
    const LIST = `{ apiTokens { id name status lastUsedAt boundCustomer { name } createdBy { name } } }`
    const listed = async () => (await app.gql(LIST, {}, { cookie: adminCookie })).data.apiTokens.find((t: any) => t.id === created.apiToken.id)
    expect(await listed()).toMatchObject({ status: 'ACTIVE', lastUsedAt: null, boundCustomer: { name: 'Listed Ltd' }, createdBy: { name: expect.any(String) } })

    const firstUse = app.clock.now().toISOString()
    await app.gql(CUSTOMERS, {}, { bearer: created.secret })
    expect((await listed()).lastUsedAt).toBe(firstUse)
    app.clock.advance(30_000)
    await app.gql(CUSTOMERS, {}, { bearer: created.secret })
    expect((await listed()).lastUsedAt).toBe(firstUse) // within the minute: no write
    app.clock.advance(31_000)
    await app.gql(CUSTOMERS, {}, { bearer: created.secret })
    expect((await listed()).lastUsedAt).toBe(app.clock.now().toISOString())

    await app.gql('mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: created.apiToken.id }, { cookie: adminCookie })
    expect((await listed()).status).toBe('REVOKED')
  })

  it('a token bound to one customer cannot read another customer’s tickets, by list or by id', async () => {
    const mine = await makeCoveredCustomer(app.database.dataSource, { name: 'Token Owner' })
    const other = await makeCoveredCustomer(app.database.dataSource, { name: 'Someone Else' })
    const OPEN = `mutation($s: String!) { openTicket(input: { subject: $s, body: "Question", category: BUG }) { ... on MutationOpenTicketSuccess { ticket { id } } } }`
    const own = (await app.gql(OPEN, { s: 'Ours' }, { cookie: await app.signIn(mine.keyContact.email) })).data.openTicket.ticket
    const theirs = (await app.gql(OPEN, { s: 'Theirs' }, { cookie: await app.signIn(other.keyContact.email) })).data.openTicket.ticket
    const { created } = await createToken({ name: 'Bound reader', scope: 'READ', customerId: globalId('Customer', mine.customer.id) })

    const list = await app.gql(`{ tickets(first: 50) { edges { node { subject } } } }`, {}, { bearer: created.secret })
    expect(list.data.tickets.edges.map((e: any) => e.node.subject)).toEqual(['Ours'])
    const filtered = await app.gql(`query($c: ID) { tickets(first: 50, customerId: $c) { edges { node { subject } } } }`, { c: globalId('Customer', other.customer.id) }, { bearer: created.secret })
    expect(filtered.data.tickets.edges).toEqual([])
    const byId = await app.gql(`query($id: ID!) { ticket(id: $id) { subject } }`, { id: theirs.id }, { bearer: created.secret })
    expect(byId.data.ticket).toBeNull()
    const node = await app.gql(`query($id: ID!) { node(id: $id) { ... on Ticket { subject } } }`, { id: theirs.id }, { bearer: created.secret })
    expect(node.data?.node ?? null).toBeNull()
    const ownById = await app.gql(`query($id: ID!) { ticket(id: $id) { subject } }`, { id: own.id }, { bearer: created.secret })
    expect(ownById.data.ticket).toEqual({ subject: 'Ours' })
  })
})
