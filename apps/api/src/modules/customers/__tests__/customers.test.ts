import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'

const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $search: String) {
  customers(first: $first, after: $after, last: $last, before: $before, search: $search) {
    edges { cursor node { id name status homeDesk currency } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`
const CREATE = `mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) {
    __typename
    ... on MutationCreateCustomerSuccess { customer { id name homeDesk currency status version } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field message } }
  }
}`

let app: TestApp
let staffCookie: string
beforeAll(async () => {
  app = await createTestApp()
  const engineer = await makeStaff(app.database.dataSource)
  staffCookie = await app.signIn(engineer.email)
})
afterAll(() => app.close())

const names = (response: any) => response.data.customers.edges.map((edge: any) => edge.node.name)

describe('creating customers', () => {
  it('creates a prospect, lists it, and writes one audit row in the same transaction', async () => {
    const response = await app.gql(CREATE, { input: { name: '  Zenith Labs  ', homeDesk: 'UK', currency: 'GBP' } }, { cookie: staffCookie })
    const created = response.data.createCustomer
    expect(created.__typename).toBe('MutationCreateCustomerSuccess')
    expect(created.customer).toMatchObject({ name: 'Zenith Labs', homeDesk: 'UK', currency: 'GBP', status: 'PROSPECT', version: 1 })

    const list = await app.gql(LIST, { search: 'zenith' }, { cookie: staffCookie })
    expect(names(list)).toEqual(['Zenith Labs'])
    const audit = await app.database.dataSource.query(
      `SELECT action, actor_kind, after FROM audit_log WHERE entity_type = 'Customer' AND after->>'name' = 'Zenith Labs'`,
    )
    expect(audit).toEqual([{ action: 'customer.created', actor_kind: 'STAFF', after: { name: 'Zenith Labs', homeDesk: 'UK', currency: 'GBP' } }])
  })

  it('names each field at fault and stores nothing', async () => {
    const before = await app.database.dataSource.query('SELECT count(*)::int AS n FROM customers')
    const response = await app.gql(CREATE, { input: { name: '   ', homeDesk: 'UK', currency: 'GBP' } }, { cookie: staffCookie })
    expect(response.data.createCustomer).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      message: 'Enter the organisation’s name.',
      fieldErrors: [{ field: 'name', message: 'Enter the organisation’s name.' }],
    })
    const tooLong = await app.gql(CREATE, { input: { name: 'x'.repeat(201), homeDesk: 'UK', currency: 'GBP' } }, { cookie: staffCookie })
    expect(tooLong.data.createCustomer.fieldErrors).toEqual([{ field: 'name', message: 'Use at most 200 characters for the name.' }])
    const after = await app.database.dataSource.query('SELECT count(*)::int AS n FROM customers')
    expect(after[0].n).toBe(before[0].n)
  })

  it('refuses an unknown currency before anything runs, naming the allowed values', async () => {
    const response = await app.gql(CREATE, { input: { name: 'Euro Co', homeDesk: 'UK', currency: 'EUR' } }, { cookie: staffCookie })
    expect(response.data).toBeUndefined()
    expect(response.errors?.[0]?.message).toMatch(/Value "EUR" does not exist in "Currency" enum/)
  })

  it('does not let a contact create customers', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const contact = await makeContact(app.database.dataSource, customer)
    const cookie = await app.signIn(contact.email)
    const response = await app.gql(CREATE, { input: { name: 'Sneaky', homeDesk: 'UK', currency: 'GBP' } }, { cookie })
    expect(response.data.createCustomer.__typename).toBe('ForbiddenError')
  })

  it('asks a signed-out visitor to sign in', async () => {
    const response = await app.gql(CREATE, { input: { name: 'Anon', homeDesk: 'UK', currency: 'GBP' } })
    expect(response.errors?.[0]).toMatchObject({ message: 'Sign in first: this needs a signed-in user or an API token.', extensions: { code: 'UNAUTHENTICATED' } })
  })
})

describe('listing customers', () => {
  it('pages through every customer in name order with keyset cursors, forwards and backwards', async () => {
    const fresh = await createTestApp()
    try {
      const staff = await makeStaff(fresh.database.dataSource)
      const cookie = await fresh.signIn(staff.email)
      const all = ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo', 'Foxtrot', 'Golf']
      for (const name of all) await makeCustomer(fresh.database.dataSource, { name })
      const seen: string[] = []
      let after: string | undefined
      for (;;) {
        const page = await fresh.gql(LIST, { first: 3, after }, { cookie })
        seen.push(...names(page))
        if (!page.data.customers.pageInfo.hasNextPage) break
        after = page.data.customers.pageInfo.endCursor
      }
      expect(seen).toEqual([...all].sort())
      const back = await fresh.gql(LIST, { last: 2, before: (await fresh.gql(LIST, { first: 4 }, { cookie })).data.customers.pageInfo.endCursor }, { cookie })
      expect(names(back)).toEqual([...all].sort().slice(1, 3))
      expect(back.data.customers.pageInfo.hasPreviousPage).toBe(true)
    } finally {
      await fresh.close()
    }
  })

  it('finds customers by part of the name or a contact’s email, treating % and _ literally', async () => {
    const c = await makeCustomer(app.database.dataSource, { name: 'Orbital Mechanics' })
    await makeContact(app.database.dataSource, c, { email: 'kate@orbital-mech.test' })
    await makeCustomer(app.database.dataSource, { name: '100% Media' })
    expect(names(await app.gql(LIST, { search: 'ORBITAL' }, { cookie: staffCookie }))).toEqual(['Orbital Mechanics'])
    expect(names(await app.gql(LIST, { search: 'orbital-mech.test' }, { cookie: staffCookie }))).toEqual(['Orbital Mechanics'])
    expect(names(await app.gql(LIST, { search: '100%' }, { cookie: staffCookie }))).toEqual(['100% Media'])
    expect(names(await app.gql(LIST, { search: '%' }, { cookie: staffCookie }))).toEqual(['100% Media'])
  })

  it('pages through a search’s name and email matches together, each customer once, with the other filters applied', async () => {
    const db = app.database.dataSource
    await makeCustomer(db, { name: 'Quasar Alpha' })
    await makeContact(db, await makeCustomer(db, { name: 'Beta Works' }), { email: 'ann@quasar.test' })
    const both = await makeCustomer(db, { name: 'Quasar Delta', homeDesk: 'UK' })
    await makeContact(db, both, { email: 'bo@quasar.test' })
    await makeContact(db, both, { email: 'cy@quasar.test' })
    await makeCustomer(db, { name: 'Quasar Gamma', homeDesk: 'UK' })
    await makeCustomer(db, { name: 'Quarry Unrelated' })
    const cookie = staffCookie

    const first = await app.gql(LIST, { first: 2, search: 'QUASAR' }, { cookie })
    expect(names(first)).toEqual(['Beta Works', 'Quasar Alpha'])
    expect(first.data.customers.pageInfo.hasNextPage).toBe(true)
    const second = await app.gql(LIST, { first: 2, search: 'QUASAR', after: first.data.customers.pageInfo.endCursor }, { cookie })
    expect(names(second)).toEqual(['Quasar Delta', 'Quasar Gamma'])
    expect(second.data.customers.pageInfo.hasNextPage).toBe(false)
    const back = await app.gql(LIST, { last: 2, search: 'quasar', before: second.data.customers.pageInfo.endCursor }, { cookie })
    expect(names(back)).toEqual(['Quasar Alpha', 'Quasar Delta'])
    expect(back.data.customers.pageInfo.hasPreviousPage).toBe(true)
    // Each edge's cursor is its own place in the list: the first and last are the page's start and end cursors.
    const edges = first.data.customers.edges
    expect([edges[0].cursor, edges[1].cursor]).toEqual([first.data.customers.pageInfo.startCursor, first.data.customers.pageInfo.endCursor])
    const afterFirst = await app.gql(LIST, { first: 2, search: 'quasar', after: edges[0].cursor }, { cookie })
    expect(names(afterFirst)).toEqual(['Quasar Alpha', 'Quasar Delta'])

    const atUk = await app.gql(
      `query($search: String) { customers(first: 10, search: $search, homeDesk: UK) { edges { node { name } } } }`,
      { search: 'quasar' },
      { cookie },
    )
    expect(names(atUk)).toEqual(['Quasar Delta', 'Quasar Gamma'])
  })

  it('derives status from licenses: prospect, customer, former', async () => {
    const db = app.database.dataSource
    const current = await makeCustomer(db, { name: 'Status Current' })
    const former = await makeCustomer(db, { name: 'Status Former' })
    await makeCustomer(db, { name: 'Status Prospect' })
    await makeLicense(db, current)
    await makeLicense(db, former, { retired: true })
    const list = await app.gql(LIST, { search: 'Status' }, { cookie: staffCookie })
    expect(list.data.customers.edges.map((e: any) => [e.node.name, e.node.status])).toEqual([
      ['Status Current', 'CUSTOMER'],
      ['Status Former', 'FORMER'],
      ['Status Prospect', 'PROSPECT'],
    ])
  })

  it('refuses a page larger than 100 and a forged cursor with clear errors', async () => {
    const big = await app.gql(LIST, { first: 101 }, { cookie: staffCookie })
    expect(big.errors?.[0]?.message).toBe('Page size must be between 0 and 100 (the maximum page size); ask for more pages instead.')
    const forged = await app.gql(LIST, { first: 5, after: 'not-a-cursor' }, { cookie: staffCookie })
    expect(forged.errors?.[0]?.message).toBe('That cursor is not valid here. Use a cursor from pageInfo of the same list.')
  })
})

describe('what a contact sees', () => {
  it('sees their own organisation through viewer, and no other customer by id or in lists', async () => {
    const db = app.database.dataSource
    const mine = await makeCustomer(db, { name: 'Mine Inc', homeDesk: 'UK', currency: 'GBP' })
    const theirs = await makeCustomer(db, { name: 'Theirs Inc' })
    const contact = await makeContact(db, mine, { isCustomerAdmin: true })
    const cookie = await app.signIn(contact.email)

    const viewer = await app.gql('{ viewer { ... on Contact { name isCustomerAdmin customer { name homeDesk currency status } } } }', {}, { cookie })
    expect(viewer.data.viewer).toEqual({ name: contact.name, isCustomerAdmin: true, customer: { name: 'Mine Inc', homeDesk: 'UK', currency: 'GBP', status: 'PROSPECT' } })
    expect(names(await app.gql(LIST, {}, { cookie }))).toEqual(['Mine Inc'])

    const missing = globalId('Customer', '00000000-0000-4000-8000-000000000000')
    const hidden = await app.gql('query($id: ID!) { customer(id: $id) { name } }', { id: globalId('Customer', theirs.id) }, { cookie })
    const absent = await app.gql('query($id: ID!) { customer(id: $id) { name } }', { id: missing }, { cookie })
    expect(hidden).toMatchObject({ data: { customer: null } })
    expect(hidden.errors).toEqual(absent.errors)
    const viaNode = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: globalId('Customer', theirs.id) }, { cookie })
    expect(viaNode.data.node).toBeNull()

    // A staff member's id is answered exactly as a nonexistent one, not as forbidden.
    const engineer = await makeStaff(db, { role: 'ENGINEER', desk: 'UK' })
    const staffNode = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: globalId('StaffUser', engineer.id) }, { cookie })
    const noNode = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: globalId('StaffUser', '00000000-0000-4000-8000-000000000000') }, { cookie })
    expect(staffNode.data.node).toBeNull()
    expect(staffNode.errors).toEqual(noNode.errors)
  })
})
