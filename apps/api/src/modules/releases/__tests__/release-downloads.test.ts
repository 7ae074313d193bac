import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeContract, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'

// A release's download address (issue 7, item 5): admins enter an https address; only those who may download the
// release ever read it.
const RESULT = (success: string, data: string) =>
  `__typename ... on ${success} { ${data} } ... on Error { code message } ... on ValidationError { fieldErrors { field message } }`
const RELEASE = 'id version lockVersion downloadUrl'
const CREATE = `mutation($input: CreateReleaseInput!) { createRelease(input: $input) { ${RESULT('MutationCreateReleaseSuccess', `release { ${RELEASE} }`)} } }`
const UPDATE = `mutation($input: UpdateReleaseInput!) { updateRelease(input: $input) { ${RESULT('MutationUpdateReleaseSuccess', `release { ${RELEASE} }`)} } }`
const LIST = `query($first: Int) { releases(first: $first) { edges { node { version downloadUrl } } } }`
const NODE = `query($id: ID!) { node(id: $id) { ... on Release { version downloadUrl } } }`
const DOWNLOADS = `query($c: ID) { downloads(customerId: $c) { ${RESULT('QueryDownloadsSuccess', 'downloads { available release { version downloadUrl } }')} } }`
const TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { ... on MutationCreateApiTokenSuccess { created { secret } } } }`

const url = (version: string) => `https://downloads.covered.example/covered-${version}.zip`

// 2026-11-24: 9.0.0 (an upgrade) came out on 2026-04-01; 10.0.0 is announced for 2027.
const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let admin: string
let engineer: string
const ids: Record<string, string> = {}
let lapsed: { customerId: string; cookie: string }
let entitled: { customerId: string; cookie: string }
beforeAll(async () => {
  app = await createTestApp({ clock })
  const db = app.database.dataSource
  admin = await app.signIn((await makeStaff(db, { role: 'ADMIN', desk: null })).email)
  engineer = await app.signIn((await makeStaff(db, { role: 'ENGINEER' })).email)
  for (const [version, releasedOn] of [['8.2.0', '2026-01-15'], ['9.0.0', '2026-04-01'], ['10.0.0', '2027-01-15']] as const) {
    const created = (await app.gql(CREATE, { input: { version, releasedOn, downloadUrl: `  ${url(version)} ` } }, { cookie: admin })).data.createRelease
    expect(created).toMatchObject({ __typename: 'MutationCreateReleaseSuccess', release: { version, downloadUrl: url(version) } })
    ids[version] = created.release.id
  }
  lapsed = await customerWithMaintenance({ start: '2025-04-01', end: '2026-03-31' })
  entitled = await customerWithMaintenance({ start: '2026-01-01', end: '2027-12-31' })
})
afterAll(() => app.close())

async function customerWithMaintenance(term: { start: string; end: string }) {
  const db = app.database.dataSource
  const customer = await makeCustomer(db)
  const license = await makeLicense(db, customer)
  const contact = await makeContact(db, customer)
  await makeContract(db, customer, license, 'MAINTENANCE', term, [contact])
  return { customerId: customer.id, cookie: await app.signIn(contact.email) }
}

async function addresses(options: { cookie?: string; bearer?: string }, customerId?: string): Promise<Record<string, { available: boolean; downloadUrl: string | null }>> {
  const response = await app.gql(DOWNLOADS, { c: customerId ? globalId('Customer', customerId) : null }, options)
  expect(response.errors).toBeUndefined()
  expect(response.data.downloads.__typename).toBe('QueryDownloadsSuccess')
  return Object.fromEntries(response.data.downloads.downloads.map((d: any) => [d.release.version, { available: d.available, downloadUrl: d.release.downloadUrl }]))
}
async function listed(options: { cookie?: string; bearer?: string }): Promise<Record<string, string | null>> {
  const response = await app.gql(LIST, { first: 20 }, options)
  expect(response.errors).toBeUndefined()
  return Object.fromEntries(response.data.releases.edges.map((e: any) => [e.node.version, e.node.downloadUrl]))
}

describe('who reads a release’s download address', () => {
  it('a withheld upgrade never reveals its address to that customer, however it is asked for', async () => {
    expect(await addresses({ cookie: lapsed.cookie })).toEqual({
      '9.0.0': { available: false, downloadUrl: null },
      '8.2.0': { available: true, downloadUrl: url('8.2.0') },
    })
    expect(await listed({ cookie: lapsed.cookie })).toEqual({ '9.0.0': null, '8.2.0': url('8.2.0') })
    expect((await app.gql(NODE, { id: ids['9.0.0'] }, { cookie: lapsed.cookie })).data.node).toEqual({ version: '9.0.0', downloadUrl: null })
  })

  it('an entitled customer reads it; staff read every one, those not out yet included; a visitor none', async () => {
    expect(await addresses({ cookie: entitled.cookie })).toEqual({
      '9.0.0': { available: true, downloadUrl: url('9.0.0') },
      '8.2.0': { available: true, downloadUrl: url('8.2.0') },
    })
    expect(await listed({ cookie: engineer })).toEqual({ '10.0.0': url('10.0.0'), '9.0.0': url('9.0.0'), '8.2.0': url('8.2.0') })
    // Staff looking at the lapsed customer's downloads see the addresses, and which are withheld.
    expect(await addresses({ cookie: engineer }, lapsed.customerId)).toEqual({
      '9.0.0': { available: false, downloadUrl: url('9.0.0') },
      '8.2.0': { available: true, downloadUrl: url('8.2.0') },
    })
    expect(await listed({})).toEqual({ '9.0.0': null, '8.2.0': null })
  })

  it('an API token bound to a customer reads what that customer may download; a token for every customer reads none', async () => {
    const token = async (customerId?: string) =>
      (await app.gql(TOKEN, { i: { name: `Token ${customerId ?? 'all'}`, scope: 'READ', customerId: customerId ? globalId('Customer', customerId) : null } }, { cookie: admin })).data
        .createApiToken.created.secret as string
    expect(await listed({ bearer: await token(lapsed.customerId) })).toEqual({ '9.0.0': null, '8.2.0': url('8.2.0') })
    expect(await listed({ bearer: await token(entitled.customerId) })).toEqual({ '9.0.0': url('9.0.0'), '8.2.0': url('8.2.0') })
    expect(await listed({ bearer: await token() })).toEqual({ '9.0.0': null, '8.2.0': null })
  })

  it('the statements a contact’s list takes do not grow with the number of releases', async () => {
    const count = async (first: number) => (await app.countStatements(() => app.gql(LIST, { first }, { cookie: lapsed.cookie }))).length
    expect(await count(3)).toBe(await count(1))
  })
})

describe('admins enter the address', () => {
  it('refuses anything but a whole https address, saying what to write, and keeps nothing', async () => {
    const cases: [string, string][] = [
      ['http://downloads.covered.example/covered-9.3.0.zip', 'Use an https:// address: customers must get the release encrypted and unaltered (e.g. https://downloads.example.com/covered-9.1.0.zip).'],
      ['ftp://downloads.covered.example/covered-9.3.0.zip', 'Use an https:// address: customers must get the release encrypted and unaltered (e.g. https://downloads.example.com/covered-9.1.0.zip).'],
      ['javascript:alert(1)', 'Use an https:// address: customers must get the release encrypted and unaltered (e.g. https://downloads.example.com/covered-9.1.0.zip).'],
      ['downloads.covered.example/covered-9.3.0.zip', 'Write the whole download address, starting with https:// (e.g. https://downloads.example.com/covered-9.1.0.zip).'],
      ['https:///covered-9.3.0.zip', 'Write the address with its host name (e.g. https://downloads.example.com/covered-9.1.0.zip).'],
      ['https://downloads.covered.example/covered 9.3.0.zip', 'Remove the spaces and invisible characters from the download address (e.g. https://downloads.example.com/covered-9.1.0.zip).'],
      ['https://ci:secret@downloads.covered.example/covered-9.3.0.zip', 'Leave the user name and password out of the download address: every entitled customer sees it.'],
      [`https://downloads.covered.example/${'a'.repeat(2000)}`, 'Keep the download address to 2,000 characters.'],
    ]
    for (const [downloadUrl, message] of cases) {
      const refused = (await app.gql(CREATE, { input: { version: '9.3.0', releasedOn: '2026-11-01', downloadUrl } }, { cookie: admin })).data.createRelease
      expect(refused, downloadUrl).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'downloadUrl', message }] })
    }
    expect(await listed({ cookie: engineer })).not.toHaveProperty('9.3.0')
  })

  it('an update keeps the address when it is left out, changes it, and removes it when empty; engineers cannot', async () => {
    const created = (await app.gql(CREATE, { input: { version: '9.2.0', releasedOn: '2026-10-01' } }, { cookie: admin })).data.createRelease.release
    expect(created.downloadUrl).toBeNull()
    const set = (await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: created.lockVersion, downloadUrl: url('9.2.0') } }, { cookie: admin })).data.updateRelease.release
    expect(set.downloadUrl).toBe(url('9.2.0'))
    const kept = (await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: set.lockVersion, notes: 'Faster exports.' } }, { cookie: admin })).data.updateRelease.release
    expect(kept.downloadUrl).toBe(url('9.2.0'))
    const refused = (await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: kept.lockVersion, downloadUrl: 'http://insecure.example/x.zip' } }, { cookie: admin })).data.updateRelease
    expect(refused.fieldErrors).toEqual([{ field: 'downloadUrl', message: expect.stringContaining('Use an https:// address') }])
    const removed = (await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: kept.lockVersion, downloadUrl: '' } }, { cookie: admin })).data.updateRelease.release
    expect(removed.downloadUrl).toBeNull()
    const audit = await app.database.dataSource.query(`SELECT after->>'downloadUrl' AS url FROM audit_log WHERE entity_id = $1 ORDER BY id`, [Buffer.from(created.id, 'base64').toString('utf8').split(':')[1]])
    expect(audit.map((a: any) => a.url)).toEqual([null, url('9.2.0'), url('9.2.0'), null])
    const byEngineer = await app.gql(UPDATE, { input: { id: created.id, expectedLockVersion: removed.lockVersion, downloadUrl: url('9.2.0') } }, { cookie: engineer })
    expect(byEngineer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})
