import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeContract, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'

const RESULT = (success: string, data: string) =>
  `__typename ... on ${success} { ${data} } ... on Error { code message } ... on ValidationError { fieldErrors { field message } }`
const RELEASE = 'id version kind releasedOn notes notesHtml lockVersion'
const CREATE = `mutation($input: CreateReleaseInput!) { createRelease(input: $input) { ${RESULT('MutationCreateReleaseSuccess', `release { ${RELEASE} }`)} } }`
const UPDATE = `mutation($input: UpdateReleaseInput!) { updateRelease(input: $input) { ${RESULT('MutationUpdateReleaseSuccess', `release { ${RELEASE} }`)} } }`
const LIST = `{ releases(first: 20) { edges { node { version kind releasedOn } } } }`
const DOWNLOADS = `query($c: ID) { downloads(customerId: $c) { ${RESULT('QueryDownloadsSuccess', 'downloads { kind available rule reason release { version releasedOn } }')} } }`

// 2026-11-24: 9.0.0 came out on 2026-04-01; 10.0.0 is announced for 2027.
const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let admin: string
let engineer: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  admin = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN', desk: null })).email)
  engineer = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER' })).email)
  for (const [version, releasedOn] of [['8.2.0', '2026-01-15'], ['9.0.0', '2026-04-01'], ['9.1.0', '2026-06-01'], ['10.0.0', '2027-01-15']]) {
    const created = await app.gql(CREATE, { input: { version, releasedOn, notes: `Release ${version}.` } }, { cookie: admin })
    expect(created.data.createRelease.__typename).toBe('MutationCreateReleaseSuccess')
  }
})
afterAll(() => app.close())

/** A licensed customer with one maintenance term, and a signed-in contact of it. */
async function customerWithMaintenance(term: { start: string; end: string } | null) {
  const db = app.database.dataSource
  const customer = await makeCustomer(db)
  const license = await makeLicense(db, customer)
  const contact = await makeContact(db, customer)
  const contract = term ? await makeContract(db, customer, license, 'MAINTENANCE', term, [contact]) : null
  return { customer, contract, cookie: await app.signIn(contact.email) }
}

async function downloads(cookie: string, customerId?: string) {
  const response = await app.gql(DOWNLOADS, { c: customerId ? globalId('Customer', customerId) : null }, { cookie })
  expect(response.errors).toBeUndefined()
  return response.data.downloads
}
const byVersion = (result: any) => Object.fromEntries(result.downloads.map((d: any) => [d.release.version, d]))

describe('release entitlement around the maintenance boundaries (9.0.0 released 2026-04-01)', () => {
  it('released the day before the term starts: withheld, saying maintenance started after it', async () => {
    const { cookie } = await customerWithMaintenance({ start: '2026-04-02', end: '2027-04-01' })
    expect(byVersion(await downloads(cookie))['9.0.0']).toEqual({
      kind: 'UPGRADE',
      available: false,
      rule: 'upgrade-before-maintenance',
      reason: '9.0 was released on 2026-04-01, before maintenance started on 2026-04-02; major upgrades come with maintenance that is active on their release date.',
      release: { version: '9.0.0', releasedOn: '2026-04-01' },
    })
  })

  it('released on the first day of the term: available', async () => {
    const { cookie } = await customerWithMaintenance({ start: '2026-04-01', end: '2027-03-31' })
    expect(byVersion(await downloads(cookie))['9.0.0']).toMatchObject({
      available: true,
      rule: 'upgrade-maintenance-active',
      reason: '9.0 is a major upgrade, included because maintenance was active on its release date, 2026-04-01.',
    })
  })

  it('released on the last day of the term: available', async () => {
    const { cookie } = await customerWithMaintenance({ start: '2025-04-02', end: '2026-04-01' })
    expect(byVersion(await downloads(cookie))['9.0.0']).toMatchObject({ available: true, rule: 'upgrade-maintenance-active' })
  })

  it('released the day after the term ends: withheld until maintenance is renewed', async () => {
    const { cookie, contract } = await customerWithMaintenance({ start: '2025-04-01', end: '2026-03-31' })
    const before = byVersion(await downloads(cookie))
    expect(before['9.0.0']).toMatchObject({
      available: false,
      rule: 'upgrade-maintenance-lapsed',
      reason: '9.0 was released on 2026-04-01, but maintenance lapsed on 2026-03-31; renew to get 9.0.',
    })
    // Updates need no maintenance; the lapsed customer still gets them.
    expect(before['9.1.0']).toMatchObject({ kind: 'UPDATE', available: true, reason: '9.1.0 is an update: free to every licensed customer, with or without maintenance.' })
    expect(before['8.2.0'].available).toBe(true)

    // Renewal runs from the day after the lapse, so it covers the release date.
    const renewed = await app.gql(
      `mutation($id: ID!) { renewContract(contractId: $id, expectedVersion: 1) { __typename ... on Error { message } } }`,
      { id: globalId('Contract', contract!.id) },
      { cookie: engineer },
    )
    expect(renewed.data.renewContract.__typename).toBe('MutationRenewContractSuccess')
    expect(byVersion(await downloads(cookie))['9.0.0']).toMatchObject({ available: true })
  })

  it('a prospect may download nothing: buy a license', async () => {
    const db = app.database.dataSource
    const prospect = await makeCustomer(db)
    const cookie = await app.signIn((await makeContact(db, prospect)).email)
    const result = byVersion(await downloads(cookie))
    expect(result['9.1.0']).toMatchObject({ available: false, rule: 'no-license', reason: '9.1.0 is for licensed customers: buy a license to download it.' })
    expect(result['9.0.0']).toMatchObject({ available: false, reason: '9.0 is for licensed customers: buy a license to download it.' })
  })

  it('lists only releases already out, newest first; staff ask for a customer by id; other organisations do not exist for a contact', async () => {
    const { customer, cookie } = await customerWithMaintenance({ start: '2026-01-01', end: '2026-12-31' })
    const mine = await downloads(cookie)
    expect(mine.downloads.map((d: any) => d.release.version)).toEqual(['9.1.0', '9.0.0', '8.2.0'])
    expect(await downloads(engineer, customer.id)).toEqual(mine)
    expect(await downloads(engineer)).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'customerId', message: 'Choose the customer whose downloads to show.' }] })
    const other = await customerWithMaintenance(null)
    expect(await downloads(other.cookie, customer.id)).toMatchObject({ __typename: 'NotFoundError', message: 'That customer was not found.' })
    expect((await app.gql(DOWNLOADS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })
})

describe('admins manage releases', () => {
  it('lists releases newest first; one dated in the future is shown to staff only', async () => {
    const visitor = (await app.gql(LIST)).data.releases.edges.map((e: any) => e.node.version)
    expect(visitor).toEqual(['9.1.0', '9.0.0', '8.2.0'])
    const forStaff = (await app.gql(LIST, {}, { cookie: engineer })).data.releases.edges.map((e: any) => e.node)
    expect(forStaff[0]).toEqual({ version: '10.0.0', kind: 'UPGRADE', releasedOn: '2027-01-15' })
  })

  it('validates the version format and its uniqueness, with the field named', async () => {
    const create = async (version: string) => (await app.gql(CREATE, { input: { version, releasedOn: '2026-11-01' } }, { cookie: admin })).data.createRelease
    expect(await create('9.2')).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'version', message: 'Write the version as X.Y.Z with whole numbers, e.g. 9.0.0 or 9.1.2; got "9.2".' }],
    })
    for (const bad of ['v9.2.0', '9.2.0-beta', '09.2.0', '0.0.0', '9.2.0.1', '']) expect((await create(bad)).__typename).toBe('ValidationError')
    expect(await create('9.0.0')).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'version', message: 'Release 9.0.0 already exists; choose another version or edit that release.' }],
    })
    const made = await create(' 9.2.1 ')
    expect(made.release).toMatchObject({ version: '9.2.1', kind: 'UPDATE', lockVersion: 1 })
  })

  it('updates are audited and checked against the lock version; only admins may change releases', async () => {
    const created = (await app.gql(CREATE, { input: { version: '9.3.0', releasedOn: '2026-11-10', notes: 'Fixes <script>x()</script>**bold**' } }, { cookie: admin })).data.createRelease.release
    expect(created.notesHtml).toBe('<p>Fixes <strong>bold</strong></p>')
    const moved = (await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: 1, releasedOn: '2026-11-12' } }, { cookie: admin })).data.updateRelease
    expect(moved.release).toMatchObject({ releasedOn: '2026-11-12', lockVersion: 2 })
    const stale = (await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: 1, notes: 'x' } }, { cookie: admin })).data.updateRelease
    expect(stale.__typename).toBe('ConflictError')
    const clash = (await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: 2, version: '9.1.0' } }, { cookie: admin })).data.updateRelease
    expect(clash.fieldErrors).toEqual([{ field: 'version', message: 'Release 9.1.0 already exists; choose another version or edit that release.' }])
    const asEngineer = await app.gql(CREATE, { input: { version: '9.9.9', releasedOn: '2026-11-01' } }, { cookie: engineer })
    expect(asEngineer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const id = Buffer.from(created.id, 'base64').toString().split(':')[1]
    const rows = await app.database.dataSource.query('SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [id])
    expect(rows).toEqual([
      { action: 'release.created', before: null, after: { version: '9.3.0', releasedOn: '2026-11-10', kind: 'UPDATE', downloadUrl: null } },
      { action: 'release.updated', before: { version: '9.3.0', releasedOn: '2026-11-10', kind: 'UPDATE', downloadUrl: null }, after: { version: '9.3.0', releasedOn: '2026-11-12', kind: 'UPDATE', downloadUrl: null } },
    ])
  })

  it('an admin deletes a release entered by mistake; it is audited and gone from every list', async () => {
    const created = (await app.gql(CREATE, { input: { version: '9.4.0', releasedOn: '2026-11-20' } }, { cookie: admin })).data.createRelease.release
    const DELETE = `mutation($id: ID!, $v: Int!) { deleteRelease(id: $id, expectedLockVersion: $v) { ${RESULT('MutationDeleteReleaseSuccess', 'release { version }')} } }`
    expect((await app.gql(DELETE, { id: created.id, v: 5 }, { cookie: admin })).data.deleteRelease.__typename).toBe('ConflictError')
    expect((await app.gql(DELETE, { id: created.id, v: 1 }, { cookie: engineer })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await app.gql(DELETE, { id: created.id, v: 1 }, { cookie: admin })).data.deleteRelease.release.version).toBe('9.4.0')
    expect((await app.gql(LIST, {}, { cookie: admin })).data.releases.edges.map((e: any) => e.node.version)).not.toContain('9.4.0')
    const [row] = await app.database.dataSource.query(`SELECT action FROM audit_log WHERE action = 'release.deleted'`)
    expect(row).toEqual({ action: 'release.deleted' })
  })
})
