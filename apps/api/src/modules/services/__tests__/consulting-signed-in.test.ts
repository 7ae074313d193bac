import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeCustomer } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'

/**
 * The public consulting form sent by someone who is signed in as a customer contact: it does exactly what it does
 * for anyone else. The contact's row-level security fence (their own organisation) must not refuse the new
 * prospect, nor hide a known contact of another organisation.
 */
const SUBMIT = `mutation($organisation: String!, $name: String!, $email: String!, $message: String!) {
  submitConsultingRequest(organisation: $organisation, name: $name, email: $email, message: $message) {
    __typename ... on MutationSubmitConsultingRequestSuccess { received { accepted } } ... on Error { code message } } }`

let app: TestApp
let owner: pg.Client
beforeAll(async () => {
  app = await createTestApp()
  owner = new pg.Client({ connectionString: app.url })
  await owner.connect()
})
afterAll(async () => {
  await owner?.end()
  await app?.close()
})

describe('a consulting request sent while signed in as a contact', () => {
  it('creates a new prospect for an unknown address and links a known contact of another organisation to theirs', async () => {
    const db = app.database.dataSource
    const mine = await makeCustomer(db, { name: 'Signed In Org' })
    const cookie = await app.signIn((await makeContact(db, mine)).email)
    const elsewhere = await makeCustomer(db, { name: 'Elsewhere Org' })
    const known = await makeContact(db, elsewhere, { name: 'Kit Known' })

    const fresh = await app.gql(SUBMIT, { organisation: 'Brand New Prospect', name: 'Nia New', email: 'nia@new-prospect.example', message: 'Training for our four analysts, please.' }, { cookie, ip: '198.51.100.40' })
    expect(fresh.data.submitConsultingRequest.__typename).toBe('MutationSubmitConsultingRequestSuccess')
    const linked = await app.gql(SUBMIT, { organisation: 'Elsewhere Org', name: 'Kit Known', email: known.email, message: 'A health check of our deployment.' }, { cookie, ip: '198.51.100.41' })
    expect(linked.data.submitConsultingRequest.__typename).toBe('MutationSubmitConsultingRequestSuccess')

    const { rows } = await owner.query(
      `SELECT r.email, c.name AS customer FROM consulting_requests r JOIN customers c ON c.id = r.customer_id WHERE r.email = ANY($1::text[]) ORDER BY r.email = $2 DESC`,
      [['nia@new-prospect.example', known.email], 'nia@new-prospect.example'],
    )
    expect(rows).toEqual([
      { email: 'nia@new-prospect.example', customer: 'Brand New Prospect' },
      { email: known.email, customer: 'Elsewhere Org' },
    ])
  })
})
