import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editionId, globalId, makeContact, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'

const CONTRACT_FIELDS = `id kind status version keyContactCap
  currentTerm { start end status fee { amountMinor currency formatted } }
  terms { start end status fee { amountMinor } cancelledOn }
  keyContacts { id name }
  license { id price { amountMinor } }`
const RESULT = (data: string) => `
  __typename
  ... on ${data}
  ... on Error { code message }
  ... on PolicyError { rule }
  ... on ValidationError { fieldErrors { field message } }`
const CREATE_CONTRACT = `mutation($input: CreateContractInput!) { createContract(input: $input) { ${RESULT(`MutationCreateContractSuccess { contract { ${CONTRACT_FIELDS} } }`)} } }`
const CHANGE_KEY = `mutation($contractId: ID!, $expectedVersion: Int!, $add: ID, $remove: ID, $reason: String!) {
  changeKeyContacts(contractId: $contractId, expectedVersion: $expectedVersion, addContactId: $add, removeContactId: $remove, reason: $reason) {
    ${RESULT(`MutationChangeKeyContactsSuccess { contract { ${CONTRACT_FIELDS} } }`)}
  }
}`
const RENEW = `mutation($contractId: ID!, $expectedVersion: Int!) { renewContract(contractId: $contractId, expectedVersion: $expectedVersion) { ${RESULT(`MutationRenewContractSuccess { contract { ${CONTRACT_FIELDS} } }`)} } }`
const CANCEL = `mutation($contractId: ID!, $expectedVersion: Int!, $effectiveOn: Date, $reason: String!) { cancelContract(contractId: $contractId, expectedVersion: $expectedVersion, effectiveOn: $effectiveOn, reason: $reason) { ${RESULT(`MutationCancelContractSuccess { contract { ${CONTRACT_FIELDS} } }`)} } }`
const CREATE_LICENSE = `mutation($input: CreateLicenseInput!) { createLicense(input: $input) { ${RESULT('MutationCreateLicenseSuccess { license { id state price { amountMinor currency } } }')} } }`
const ENTITLEMENT = `query($id: ID!) { entitlement(contactId: $id) { plan lane rule reasons remedies } }`

// 2026-11-24 09:00 in Los Angeles; 17:00 in London.
const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let staff: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  staff = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN' })).email)
})
afterAll(() => app.close())

async function setup(opts: { priceMinor?: number; currency?: 'USD' | 'GBP'; homeDesk?: 'PACIFIC' | 'UK' } = {}) {
  const db = app.database.dataSource
  const customer = await makeCustomer(db, { homeDesk: opts.homeDesk ?? 'PACIFIC', currency: opts.currency ?? 'USD' })
  const license = await makeLicense(db, customer, { priceMinor: opts.priceMinor ?? 123_45, currency: opts.currency ?? 'USD' })
  const contacts = await Promise.all([1, 2, 3, 4].map(() => makeContact(db, customer)))
  return { customer, license, contacts, licenseId: globalId('License', license.id), contactIds: contacts.map((c) => globalId('Contact', c.id)) }
}

async function createContract(input: Record<string, unknown>, cookie = staff) {
  return (await app.gql(CREATE_CONTRACT, { input }, { cookie })).data.createContract
}

describe('contracts', () => {
  it('prices maintenance at 20% and premium at 30% of the license price, rounded half away from zero', async () => {
    const { licenseId } = await setup({ priceMinor: 123_45 })
    const maintenance = await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2026-04-01' })
    expect(maintenance.contract.currentTerm).toEqual({
      start: '2026-04-01',
      end: '2027-03-31',
      status: 'ACTIVE',
      fee: { amountMinor: 24_69, currency: 'USD', formatted: '$24.69' },
    })
    const premium = await createContract({ licenseId, kind: 'PREMIUM_SUPPORT', startsOn: '2026-05-01' })
    // 30% of 12345 = 3703.5 -> 3704
    expect(premium.contract.currentTerm.fee).toEqual({ amountMinor: 37_04, currency: 'USD', formatted: '$37.04' })
  })

  it('refuses premium without active maintenance on the license, storing nothing', async () => {
    const { licenseId, customer } = await setup()
    const result = await createContract({ licenseId, kind: 'PREMIUM_SUPPORT', startsOn: '2026-06-01' })
    expect(result.__typename).toBe('PolicyError')
    expect(result.rule).toBe('RULE_VIOLATION')
    expect(result.message).toMatch(/^Premium Support needs active maintenance on the same license on its start date \(2026-06-01\)/)
    const rows = await app.database.dataSource.query('SELECT count(*)::int AS n FROM contracts WHERE customer_id = $1', [customer.id])
    expect(rows[0].n).toBe(0)
  })

  it('refuses an overlapping term of the same kind on one license', async () => {
    const { licenseId } = await setup()
    await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-01' })
    const overlap = await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2026-12-31' })
    expect(overlap).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' })
    expect(overlap.message).toBe(
      'This license already has a Maintenance term from 2026-01-01 to 2026-12-31; a new term must start after 2026-12-31 or end before 2026-01-01.',
    )
    const after = await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2027-01-01' })
    expect(after.__typename).toBe('MutationCreateContractSuccess')
  })

  it('derives status on the boundaries: upcoming, active, expiring within 60 days, lapsed', async () => {
    const { licenseId } = await setup()
    // Today at the Pacific desk is 2026-11-24.
    const cases: [string, string][] = [
      ['2026-11-25', 'UPCOMING'],
      ['2026-11-24', 'ACTIVE'], // ends 2027-11-23
      ['2025-11-25', 'LAPSED'], // ended 2026-11-24? no: 2025-11-25 + 1y - 1d = 2026-11-24 -> last day -> EXPIRING
    ]
    const first = await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: cases[0]![0] })
    expect(first.contract.status).toBe('UPCOMING')
    const other = await setup()
    const lastDay = await createContract({ licenseId: other.licenseId, kind: 'MAINTENANCE', startsOn: '2025-11-25' })
    expect(lastDay.contract.status).toBe('EXPIRING')
    const third = await setup()
    const sixtyOneLeft = await createContract({ licenseId: third.licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-24' }) // ends 2027-01-23: 61 days left
    expect(sixtyOneLeft.contract.status).toBe('ACTIVE')
    const fourth = await setup()
    const sixtyLeft = await createContract({ licenseId: fourth.licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-23' }) // ends 2027-01-22: 60 left
    expect(sixtyLeft.contract.status).toBe('EXPIRING')
    const fifth = await setup()
    const lapsed = await createContract({ licenseId: fifth.licenseId, kind: 'MAINTENANCE', startsOn: '2025-11-24' }) // ended 2026-11-23
    expect(lapsed.contract.status).toBe('LAPSED')
  })

  it('renews from the day after the end at the upgraded license’s price, and a stale version changes nothing', async () => {
    const { licenseId, license } = await setup({ priceMinor: 100_000 })
    const created = await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2026-02-01' })
    const upgrade = await app.gql(
      `mutation($input: UpgradeLicenseInput!) { upgradeLicense(input: $input) { ${RESULT('MutationUpgradeLicenseSuccess { license { id state price { amountMinor } } }')} } }`,
      { input: { licenseId, expectedVersion: 1, editionId: await editionId(app.database.dataSource, 'Enterprise'), price: { amount: '2500.00', currency: 'USD' }, purchasedOn: '2026-06-01' } },
      { cookie: staff },
    )
    expect(upgrade.data.upgradeLicense.license).toMatchObject({ state: 'HELD', price: { amountMinor: 250_000 } })
    const oldLicense = await app.database.dataSource.query('SELECT replaced_by_id FROM licenses WHERE id = $1', [license.id])
    expect(oldLicense[0].replaced_by_id).not.toBeNull()

    const stale = await app.gql(RENEW, { contractId: created.contract.id, expectedVersion: created.contract.version + 5 }, { cookie: staff })
    expect(stale.data.renewContract).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' })
    const renewed = await app.gql(RENEW, { contractId: created.contract.id, expectedVersion: created.contract.version }, { cookie: staff })
    const contract = renewed.data.renewContract.contract
    expect(contract.terms.map((t: any) => [t.start, t.end, t.fee.amountMinor, t.status])).toEqual([
      ['2026-02-01', '2027-01-31', 20_000, 'ACTIVE'],
      ['2027-02-01', '2028-01-31', 50_000, 'UPCOMING'],
    ])
    expect(contract.status).toBe('ACTIVE')
    expect(contract.license.price.amountMinor).toBe(250_000)
    expect(contract.version).toBe(created.contract.version + 1)
  })

  it('cancels from a date with a reason; a cancelled contract cannot be renewed', async () => {
    const { licenseId } = await setup()
    const created = await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-01' })
    const noReason = await app.gql(CANCEL, { contractId: created.contract.id, expectedVersion: 1, reason: ' ' }, { cookie: staff })
    expect(noReason.data.cancelContract.fieldErrors).toEqual([{ field: 'reason', message: 'Say why the contract is cancelled.' }])
    const cancelled = await app.gql(CANCEL, { contractId: created.contract.id, expectedVersion: 1, reason: 'Customer closed the site' }, { cookie: staff })
    expect(cancelled.data.cancelContract.contract).toMatchObject({ status: 'CANCELLED', terms: [{ cancelledOn: '2026-11-24' }] })
    const renew = await app.gql(RENEW, { contractId: created.contract.id, expectedVersion: 2 }, { cookie: staff })
    expect(renew.data.renewContract).toMatchObject({ __typename: 'PolicyError', message: 'A cancelled contract cannot be renewed; create a new contract instead.' })
  })
})

describe('licenses: bad input stores nothing', () => {
  it.each([
    ['-1.00', 'The price cannot be negative.'],
    ['12.345', 'Enter the price as an amount like 4950 or 4950.00 (at most 2 decimals).'],
    ['lots', 'Enter the price as an amount like 4950 or 4950.00 (at most 2 decimals).'],
  ])('price %s', async (amount, message) => {
    const customer = await makeCustomer(app.database.dataSource)
    const response = await app.gql(
      CREATE_LICENSE,
      { input: { customerId: globalId('Customer', customer.id), editionId: await editionId(app.database.dataSource), price: { amount, currency: 'USD' }, purchasedOn: '2026-01-01' } },
      { cookie: staff },
    )
    expect(response.data.createLicense.fieldErrors).toEqual([{ field: 'price', message }])
    const rows = await app.database.dataSource.query('SELECT count(*)::int AS n FROM licenses WHERE customer_id = $1', [customer.id])
    expect(rows[0].n).toBe(0)
  })

  it('an unknown currency is refused by the schema, naming the type', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const response = await app.gql(
      CREATE_LICENSE,
      { input: { customerId: globalId('Customer', customer.id), editionId: await editionId(app.database.dataSource), price: { amount: '10', currency: 'EUR' }, purchasedOn: '2026-01-01' } },
      { cookie: staff },
    )
    expect(response.errors?.[0]?.message).toMatch(/Value "EUR" does not exist in "Currency" enum/)
  })

  it('a license makes the customer a CUSTOMER, with an audit row', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const response = await app.gql(
      CREATE_LICENSE,
      { input: { customerId: globalId('Customer', customer.id), editionId: await editionId(app.database.dataSource), price: { amount: '4950', currency: 'USD' }, purchasedOn: '2026-01-01' } },
      { cookie: staff },
    )
    expect(response.data.createLicense.license).toMatchObject({ state: 'HELD', price: { amountMinor: 495_000, currency: 'USD' } })
    const status = await app.gql('query($id: ID!) { customer(id: $id) { status auditTrail(first: 5) { edges { node { action actorKind after } } } } }', { id: globalId('Customer', customer.id) }, { cookie: staff })
    expect(status.data.customer.status).toBe('CUSTOMER')
    expect(status.data.customer.auditTrail.edges.map((e: any) => e.node.action)).toEqual(['license.created'])
  })
})

describe('key contacts', () => {
  it('names up to the cap, then refuses with the cap in the message; swaps and removes with reasons, audited', async () => {
    const { licenseId, contactIds, customer } = await setup()
    const created = await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-01', keyContactIds: contactIds.slice(0, 3) })
    expect(created.contract.keyContacts).toHaveLength(3)
    const fourth = await app.gql(CHANGE_KEY, { contractId: created.contract.id, expectedVersion: 1, add: contactIds[3], reason: 'New analyst' }, { cookie: staff })
    expect(fourth.data.changeKeyContacts).toMatchObject({
      __typename: 'PolicyError',
      rule: 'LIMIT_EXCEEDED',
      message: 'A contract can name at most 3 key contacts; remove or swap one before adding another.',
    })
    const swapped = await app.gql(CHANGE_KEY, { contractId: created.contract.id, expectedVersion: 1, add: contactIds[3], remove: contactIds[0], reason: 'Analyst left' }, { cookie: staff })
    expect(swapped.data.changeKeyContacts.contract.keyContacts.map((c: any) => c.id).sort()).toEqual([...contactIds.slice(1, 4)].sort())
    const audit = await app.database.dataSource.query(`SELECT action, reason, actor_kind FROM audit_log WHERE customer_id = $1 AND action LIKE 'key_contact.%'`, [customer.id])
    expect(audit).toEqual([{ action: 'key_contact.swapped', reason: 'Analyst left', actor_kind: 'STAFF' }])
  })

  it('refuses a key contact from another customer', async () => {
    const mine = await setup()
    const other = await setup()
    const created = await createContract({ licenseId: mine.licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-01' })
    const response = await app.gql(CHANGE_KEY, { contractId: created.contract.id, expectedVersion: 1, add: other.contactIds[0], reason: 'x' }, { cookie: staff })
    expect(response.data.changeKeyContacts.message).toBe("A key contact must be one of the customer's own contacts.")
  })

  it('a customer admin manages their own organisation’s key contacts; an ordinary contact may not; another organisation’s contract does not exist for them', async () => {
    const db = app.database.dataSource
    const mine = await setup()
    const admin = await makeContact(db, mine.customer, { isCustomerAdmin: true })
    const created = await createContract({ licenseId: mine.licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-01' })
    const adminCookie = await app.signIn(admin.email)
    const named = await app.gql(CHANGE_KEY, { contractId: created.contract.id, expectedVersion: 1, add: mine.contactIds[0], reason: 'Our new lead' }, { cookie: adminCookie })
    expect(named.data.changeKeyContacts.__typename).toBe('MutationChangeKeyContactsSuccess')
    const plainCookie = await app.signIn(mine.contacts[1]!.email)
    const refused = await app.gql(CHANGE_KEY, { contractId: created.contract.id, expectedVersion: 2, add: mine.contactIds[1], reason: 'me' }, { cookie: plainCookie })
    expect(refused.data.changeKeyContacts).toMatchObject({ __typename: 'ForbiddenError' })

    const other = await setup()
    const theirs = await createContract({ licenseId: other.licenseId, kind: 'MAINTENANCE', startsOn: '2026-01-01' })
    const foreign = await app.gql(CHANGE_KEY, { contractId: theirs.contract.id, expectedVersion: 1, add: mine.contactIds[0], reason: 'x' }, { cookie: adminCookie })
    const missing = await app.gql(CHANGE_KEY, { contractId: globalId('Contract', '00000000-0000-4000-8000-000000000001'), expectedVersion: 1, add: mine.contactIds[0], reason: 'x' }, { cookie: adminCookie })
    expect(foreign.data.changeKeyContacts).toEqual(missing.data.changeKeyContacts)
    expect(foreign.data.changeKeyContacts).toMatchObject({ __typename: 'NotFoundError', message: 'That contract was not found.' })
  })
})

describe('entitlement (policy section 4)', () => {
  it('premium key contact, maintenance key contact, not a key contact, prospect, lapsed', async () => {
    const db = app.database.dataSource
    const { licenseId, contactIds } = await setup()
    await createContract({ licenseId, kind: 'MAINTENANCE', startsOn: '2026-06-01', keyContactIds: contactIds.slice(0, 2) })
    await createContract({ licenseId, kind: 'PREMIUM_SUPPORT', startsOn: '2026-06-01', keyContactIds: [contactIds[0]] })
    const plan = async (id: string) => (await app.gql(ENTITLEMENT, { id }, { cookie: staff })).data.entitlement
    expect(await plan(contactIds[0]!)).toMatchObject({ plan: 'PREMIUM', lane: 'CUSTOMER', rule: 'premium-key-contact' })
    expect(await plan(contactIds[1]!)).toMatchObject({ plan: 'STANDARD', lane: 'CUSTOMER', rule: 'maintenance-key-contact' })
    const notKey = await plan(contactIds[2]!)
    expect(notKey.plan).toBe('NOT_ENTITLED')
    expect(notKey.reasons[0]).toBe('The organisation has an active Maintenance contract, but this contact is not one of its named key contacts.')
    expect(notKey.remedies[0]).toMatch(/key contact/)

    const prospect = await makeCustomer(db)
    const evaluator = await makeContact(db, prospect)
    expect(await plan(globalId('Contact', evaluator.id))).toMatchObject({ plan: 'STANDARD', lane: 'PROSPECT', rule: 'prospect' })

    const lapsed = await setup()
    await createContract({ licenseId: lapsed.licenseId, kind: 'MAINTENANCE', startsOn: '2025-01-01', keyContactIds: [lapsed.contactIds[0]] })
    const lapsedPlan = await plan(lapsed.contactIds[0]!)
    expect(lapsedPlan.plan).toBe('NOT_ENTITLED')
    expect(lapsedPlan.remedies.join(' ')).toMatch(/[Rr]enew/)
  })

  it('a contact sees their own entitlement, and another organisation’s contact as nonexistent', async () => {
    const mine = await setup()
    const other = await setup()
    const cookie = await app.signIn(mine.contacts[0]!.email)
    expect((await app.gql(ENTITLEMENT, { id: mine.contactIds[0] }, { cookie })).data.entitlement.plan).toBe('NOT_ENTITLED')
    expect((await app.gql(ENTITLEMENT, { id: other.contactIds[0] }, { cookie })).data.entitlement).toBeNull()
  })
})

describe('customers: optimistic concurrency and filters', () => {
  const UPDATE = `mutation($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) { __typename ... on MutationUpdateCustomerSuccess { customer { name version } } ... on Error { code message } }
  }`

  it('one of two updates from the same version wins; the other gets CONFLICT and changes nothing', async () => {
    const customer = await makeCustomer(app.database.dataSource, { name: 'Before' })
    const id = globalId('Customer', customer.id)
    const [a, b] = await Promise.all([
      app.gql(UPDATE, { input: { id, expectedVersion: 1, name: 'From A' } }, { cookie: staff }),
      app.gql(UPDATE, { input: { id, expectedVersion: 1, name: 'From B' } }, { cookie: staff }),
    ])
    const results = [a.data.updateCustomer, b.data.updateCustomer]
    expect(results.map((r) => r.__typename).sort()).toEqual(['ConflictError', 'MutationUpdateCustomerSuccess'])
    const winner = results.find((r) => r.__typename === 'MutationUpdateCustomerSuccess')
    expect(winner.customer.version).toBe(2)
    const [row] = await app.database.dataSource.query('SELECT name FROM customers WHERE id = $1', [customer.id])
    expect(row.name).toBe(winner.customer.name)
    const audits = await app.database.dataSource.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'customer.updated'`, [customer.id])
    expect(audits).toHaveLength(1)
    expect(audits[0].before.name).toBe('Before')
  })

  it('filters by status, desk, contract status and expiring soon', async () => {
    const fresh = await createTestApp({ clock: createClock('2026-11-24T17:00:00Z') })
    try {
      const db = fresh.database.dataSource
      const cookie = await fresh.signIn((await makeStaff(db)).email)
      const names = async (vars: Record<string, unknown>) =>
        (await fresh.gql('query($s: CustomerStatus, $d: Desk, $c: ContractStatusFilter, $e: Int) { customers(status: $s, homeDesk: $d, contractStatus: $c, expiringWithinDays: $e) { edges { node { name } } } }', vars, { cookie })).data.customers.edges.map((e: any) => e.node.name)
      const make = async (name: string, homeDesk: 'PACIFIC' | 'UK', start?: string) => {
        const customer = await makeCustomer(db, { name, homeDesk })
        if (start) {
          const license = await makeLicense(db, customer)
          const r = await fresh.gql(CREATE_CONTRACT, { input: { licenseId: globalId('License', license.id), kind: 'MAINTENANCE', startsOn: start } }, { cookie })
          expect(r.data.createContract.__typename).toBe('MutationCreateContractSuccess')
        }
      }
      await make('Active Pacific', 'PACIFIC', '2026-06-01')
      await make('Expiring UK', 'UK', '2026-01-10') // ends 2027-01-09
      await make('Lapsed UK', 'UK', '2025-01-01')
      await make('Prospect Pacific', 'PACIFIC')
      expect(await names({ s: 'PROSPECT' })).toEqual(['Prospect Pacific'])
      expect(await names({ d: 'UK' })).toEqual(['Expiring UK', 'Lapsed UK'])
      expect(await names({ c: 'EXPIRING' })).toEqual(['Expiring UK'])
      expect(await names({ c: 'LAPSED' })).toEqual(['Lapsed UK'])
      expect(await names({ c: 'ACTIVE' })).toEqual(['Active Pacific'])
      expect(await names({ e: 60 })).toEqual(['Expiring UK'])
      const due = await fresh.gql('{ renewalsDue(withinDays: 90) { items { endsOn contract { customer { name } } renewalFee { amountMinor } } totals { amountMinor currency } } }', {}, { cookie })
      expect(due.data.renewalsDue.items).toEqual([{ endsOn: '2027-01-09', contract: { customer: { name: 'Expiring UK' } }, renewalFee: { amountMinor: 20_000 } }])
      expect(due.data.renewalsDue.totals).toEqual([{ amountMinor: 20_000, currency: 'USD' }])
    } finally {
      await fresh.close()
    }
  })
})
