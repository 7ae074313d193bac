import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeStaff } from '../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../test/harness.js'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

describe('errors a client can act on', () => {
  it('a malformed query gets a syntax error with its location', async () => {
    const response = await app.gql('{ viewer { ')
    expect(response.errors?.[0]).toMatchObject({ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 12 }] })
  })

  it('an unknown field is named', async () => {
    const response = await app.gql('{ customers { nope } }')
    expect(response.errors?.[0]?.message).toBe('Cannot query field "nope" on type "QueryCustomersConnection".')
  })

  it('an unexpected failure is masked: no stack trace, no SQL, just an id to quote to support', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const cookie = await app.signIn(staff.email)
    // Break the table behind the list so the database raises an error the code never expects.
    // As the owner: the application's own role may not change the schema.
    const owner = new pg.Client({ connectionString: app.url })
    await owner.connect()
    await owner.query('ALTER TABLE customers RENAME TO customers_gone')
    try {
      const response = await app.gql('{ customers { edges { node { name } } } }', {}, { cookie })
      const text = JSON.stringify(response)
      expect(response.errors?.[0]?.message).toBe('Unexpected error.')
      expect(response.errors?.[0]?.extensions?.errorId).toMatch(/^[0-9a-f-]{36}$/)
      expect(text).not.toMatch(/customers_gone|relation|SELECT|at .*\.ts|stack/i)
    } finally {
      await owner.query('ALTER TABLE customers_gone RENAME TO customers')
      await owner.end()
    }
  })

  it('refuses a cross-site form post (CSRF prevention needs a non-simple header)', async () => {
    const response = await app.yoga.fetch('http://covered.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation%20%7B%20logout%20%7D',
    })
    expect(response.status).toBe(403)
  })

  it('limits aliases and tokens, naming the limit', async () => {
    const aliases = `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: viewer { __typename }`).join(' ')} }`
    const tooMany = await app.gql(aliases)
    expect(tooMany.errors?.[0]?.message).toMatch(/Aliases limit of 20 exceeded/)
    const huge = `{ ${Array.from({ length: 1500 }, () => 'viewer { __typename }').join(' ')} }`
    expect((await app.gql(huge)).errors?.[0]?.message).toMatch(/Token limit of 4000 exceeded/)
  })
})

describe('expected failures outside a typed result', () => {
  it('a missing record asked for through node(id) is named, not masked as unexpected', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const cookie = await app.signIn(staff.email)
    const id = Buffer.from('Customer:00000000-0000-4000-8000-000000000000').toString('base64')
    const response = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id }, { cookie })
    expect(response.data.node).toBeNull()
    expect(response.errors?.[0]).toMatchObject({ message: 'That customer was not found.', extensions: { code: 'NOT_FOUND' } })
  })
})
