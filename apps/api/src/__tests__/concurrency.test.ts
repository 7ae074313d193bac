import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContract, makeCustomer, makeLicense, makeStaff } from '../../test/factories.js'
import { createTestApp, type TestApp } from '../../test/harness.js'

/** Optimistic concurrency: many changes from the same version, exactly one wins, the rest are told why. */
let app: TestApp
let cookie: string
beforeAll(async () => {
  app = await createTestApp()
  const admin = await makeStaff(app.database.dataSource, { role: 'ADMIN' })
  cookie = await app.signIn(admin.email)
})
afterAll(() => app.close())

const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { __typename ... on MutationUpdateCustomerSuccess { customer { name version } } ... on Error { code message } } }`
const RENEW = `mutation($contractId: ID!, $expectedVersion: Int!) { renewContract(contractId: $contractId, expectedVersion: $expectedVersion) { __typename ... on Error { code message } } }`

describe('50 concurrent changes from one version', () => {
  it('updateCustomer: 1 success, 49 CONFLICT, one audit row, the winner’s name kept', async () => {
    const customer = await makeCustomer(app.database.dataSource, { name: 'Contended Co' })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => app.gql(UPDATE, { input: { id: globalId('Customer', customer.id), expectedVersion: 1, name: `Writer ${i}` } }, { cookie })),
    )
    const outcomes = results.map((r) => r.data?.updateCustomer?.__typename ?? JSON.stringify(r.errors))
    expect(outcomes.filter((o) => o === 'MutationUpdateCustomerSuccess')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'ConflictError')).toHaveLength(49)
    const conflict = results.find((r) => r.data.updateCustomer.__typename === 'ConflictError')!
    expect(conflict.data.updateCustomer.message).toBe('Someone else changed this record since you loaded it. Reload it and try again.')
    const winner = results.find((r) => r.data.updateCustomer.__typename === 'MutationUpdateCustomerSuccess')!.data.updateCustomer.customer
    expect(winner.version).toBe(2)
    const [row] = await app.database.dataSource.query('SELECT name, version FROM customers WHERE id = $1', [customer.id])
    expect(row).toEqual({ name: winner.name, version: 2 })
    const [audit] = await app.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'customer.updated'`, [customer.id])
    expect(audit.n).toBe(1)
  })

  it('renewContract: 1 success, 49 CONFLICT, one new term', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const license = await makeLicense(app.database.dataSource, customer)
    const contract = await makeContract(app.database.dataSource, customer, license, 'MAINTENANCE', { start: '2026-01-01', end: '2026-12-31' })
    const [{ version }] = await app.database.dataSource.query('SELECT version FROM contracts WHERE id = $1', [contract.id])
    const results = await Promise.all(Array.from({ length: 50 }, () => app.gql(RENEW, { contractId: globalId('Contract', contract.id), expectedVersion: version }, { cookie })))
    const outcomes = results.map((r) => r.data?.renewContract?.__typename ?? JSON.stringify(r.errors))
    expect(outcomes.filter((o) => o === 'MutationRenewContractSuccess')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'ConflictError')).toHaveLength(49)
    const [terms] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM contract_terms WHERE contract_id = $1', [contract.id])
    expect(terms.n).toBe(2)
  })
})
