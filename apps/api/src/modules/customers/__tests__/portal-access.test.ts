import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/harness.js'
import { countMails, linkIn, LOGIN, mailsTo, SET_PASSWORD, VIEWER } from '../../accounts/__tests__/mailbox.js'

const CONTACT = 'id name email portalAccess portalStatus lastSignInAt isCustomerAdmin'
const RESULT = (field: string, success: string) => `__typename ... on ${success} { contact { ${CONTACT} } }
  ... on Error { code message } ... on ValidationError { fieldErrors { field message } } ... on PolicyError { rule }`
const INVITE_NEW = `mutation($input: InviteContactInput!) { inviteContact(input: $input) { ${RESULT('inviteContact', 'MutationInviteContactSuccess')} } }`
const INVITE = `mutation($id: ID!) { inviteToPortal(contactId: $id) { ${RESULT('inviteToPortal', 'MutationInviteToPortalSuccess')} } }`
const RESET = `mutation($id: ID!) { sendPortalPasswordReset(contactId: $id) { ${RESULT('sendPortalPasswordReset', 'MutationSendPortalPasswordResetSuccess')} } }`
const REVOKE = `mutation($id: ID!) { revokePortalAccess(contactId: $id) { ${RESULT('revokePortalAccess', 'MutationRevokePortalAccessSuccess')} } }`
const CREATE = `mutation($input: CreateContactInput!) { createContact(input: $input) {
  __typename ... on MutationCreateContactSuccess { contact { ${CONTACT} } } ... on Error { code message } ... on ValidationError { fieldErrors { field message } } } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let staffCookie: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  staffCookie = await app.signIn((await makeStaff(app.database.dataSource, { name: 'Sam Support' })).email)
})
afterAll(() => app.close())

const contactId = (id: string) => globalId('Contact', id)
const customerId = (id: string) => globalId('Customer', id)

async function contactsOf(customer: string): Promise<number> {
  const [row] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE customer_id = $1', [customer])
  return row.n
}

describe('staff give portal access', () => {
  it('a contact added with portal access is emailed an invitation, and can sign in once they set a password', async () => {
    clock.advance(1000)
    const customer = await makeCustomer(app.database.dataSource, { name: 'Smith & <Sons>', homeDesk: 'UK', currency: 'GBP' })
    const created = await app.gql(
      CREATE,
      { input: { customerId: customerId(customer.id), name: 'Nia Newhire', email: 'nia@smith.example', portalAccess: true } },
      { cookie: staffCookie },
    )
    expect(created.data.createContact.contact).toMatchObject({ portalAccess: true, portalStatus: 'INVITED', lastSignInAt: null })

    const [mail, ...more] = await mailsTo(app, 'nia@smith.example')
    expect(more).toEqual([])
    expect(mail).toMatchObject({ kind: 'CONTACT_INVITE', to_name: 'Nia Newhire', customer_id: customer.id, subject: 'Your access to the Covered support portal for Smith & <Sons>' })
    expect(mail!.text_body).toContain('Sam Support has given you access to the Covered support portal for Smith & <Sons>.')
    expect(mail!.html_body).toContain('for Smith &amp; &lt;Sons&gt;.')
    expect(mail!.html_body).not.toContain('<Sons>')
    // Seven days, in the UK desk's zone (the contact has none of their own).
    expect(mail!.text_body).toContain('until Tuesday, 1 December 2026 at 17:00 GMT.')

    const { url, token } = linkIn(mail!.text_body)
    expect(url).toBe(`http://localhost:4000/portal/set-password?token=${token}`)
    const set = await app.gql(SET_PASSWORD, { token, password: 'nias own password' })
    expect(set.data.setPasswordWithLink.link).toMatchObject({ purpose: 'INVITE', accountKind: 'CONTACT', email: 'nia@smith.example' })
    await app.signIn('nia@smith.example', 'nias own password')
    const [row] = await app.database.dataSource.query(`SELECT id FROM contacts WHERE email = 'nia@smith.example'`)
    const status = await app.gql(`query($id: ID!) { node(id: $id) { ... on Contact { portalStatus lastSignInAt } } }`, { id: contactId(row.id) }, { cookie: staffCookie })
    expect(status.data.node).toEqual({ portalStatus: 'ACTIVE', lastSignInAt: clock.now().toISOString() })
  })

  it('refuses malformed addresses and header injection in names: typed errors, nothing written or queued', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const before = await countMails(app)
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Mal Formed', email: 'mal@@formed' }, 'email'],
      [{ name: 'Mal Formed', email: 'mal@formed.example\nBcc: victim@example.com' }, 'email'],
      [{ name: 'Eve\nBcc: victim@example.com', email: 'eve@formed.example' }, 'name'],
      [{ name: 'Eve\rTo: victim@example.com', email: 'eve@formed.example' }, 'name'],
    ]
    for (const [fields, field] of cases) {
      const input = { customerId: customerId(customer.id), ...fields, portalAccess: true }
      const created = await app.gql(CREATE, { input }, { cookie: staffCookie })
      expect(created.data.createContact).toMatchObject({ __typename: 'ValidationError', fieldErrors: [expect.objectContaining({ field })] })
      const invited = await app.gql(INVITE_NEW, { input: { customerId: customerId(customer.id), ...fields } }, { cookie: staffCookie })
      expect(invited.data.inviteContact).toMatchObject({ __typename: 'ValidationError', fieldErrors: [expect.objectContaining({ field })] })
    }
    expect(await countMails(app)).toBe(before)
    expect(await contactsOf(customer.id)).toBe(0)
  })

  it('sends a reset link, then revokes access: sessions end, sign-in is refused, and the open link stops working', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const contact = await makeContact(app.database.dataSource, customer, { name: 'Rex Revoked' })
    const browser = await app.signIn(contact.email)

    clock.advance(1000)
    const reset = await app.gql(RESET, { id: contactId(contact.id) }, { cookie: staffCookie })
    expect(reset.data.sendPortalPasswordReset.contact.portalStatus).toBe('ACTIVE')
    const [mail] = await mailsTo(app, contact.email)
    expect(mail).toMatchObject({ kind: 'PASSWORD_RESET' })
    expect(mail!.text_body).toContain('Sam Support has sent you a link to choose a new password for the Covered support portal.')
    const { token } = linkIn(mail!.text_body)

    const revoked = await app.gql(REVOKE, { id: contactId(contact.id) }, { cookie: staffCookie })
    expect(revoked.data.revokePortalAccess.contact).toMatchObject({ portalAccess: false, portalStatus: 'REVOKED' })
    expect((await app.gql(VIEWER, {}, { cookie: browser })).data.viewer).toBeNull()
    expect((await app.gql(LOGIN, { email: contact.email, password: TEST_PASSWORD })).data.login.__typename).toBe('InvalidCredentialsError')
    expect((await app.gql(SET_PASSWORD, { token, password: 'sneaking back in' })).data.setPasswordWithLink).toMatchObject({ reason: 'CANCELLED' })

    // Nothing more to do but invite again; the old password is gone, so they choose a new one.
    const again = await app.gql(REVOKE, { id: contactId(contact.id) }, { cookie: staffCookie })
    expect(again.data.revokePortalAccess).toMatchObject({ __typename: 'PolicyError', rule: 'INVALID_TRANSITION', message: 'This contact’s portal access is revoked already.' })
    const noReset = await app.gql(RESET, { id: contactId(contact.id) }, { cookie: staffCookie })
    expect(noReset.data.sendPortalPasswordReset).toMatchObject({ __typename: 'PolicyError', message: 'This contact’s access was revoked; invite them again to give it back.' })
    clock.advance(1000)
    const reinvited = await app.gql(INVITE, { id: contactId(contact.id) }, { cookie: staffCookie })
    expect(reinvited.data.inviteToPortal.contact).toMatchObject({ portalAccess: true, portalStatus: 'INVITED' })
    expect((await app.gql(LOGIN, { email: contact.email, password: TEST_PASSWORD })).data.login.__typename).toBe('InvalidCredentialsError')
    const mails = await mailsTo(app, contact.email)
    expect(mails.map((m) => m.kind)).toEqual(['PASSWORD_RESET', 'CONTACT_INVITE'])

    const audit: { action: string }[] = await app.database.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action <> 'mutation.login' ORDER BY id`, [contact.id])
    expect(audit.map((a) => a.action)).toEqual(['contact.password_reset_sent', 'contact.portal_access_revoked', 'contact.invited'])
    const trail = await app.gql(
      `query($id: ID!) { customer(id: $id) { auditTrail(first: 10) { edges { node { action actorName } } } } }`,
      { id: customerId(customer.id) },
      { cookie: staffCookie },
    )
    expect(trail.data.customer.auditTrail.edges.map((e: any) => e.node)).toEqual([
      { action: 'contact.invited', actorName: 'Sam Support' },
      { action: 'contact.portal_access_revoked', actorName: 'Sam Support' },
      { action: 'contact.password_reset_sent', actorName: 'Sam Support' },
    ])
  })
})

describe('a customer admin manages their own organisation', () => {
  it('invites a colleague into their organisation', async () => {
    const customer = await makeCustomer(app.database.dataSource, { name: 'Own Org' })
    const admin = await makeContact(app.database.dataSource, customer, { isCustomerAdmin: true, name: 'Carla Admin' })
    const cookie = await app.signIn(admin.email)
    clock.advance(1000)
    const invited = await app.gql(INVITE_NEW, { input: { customerId: customerId(customer.id), name: 'Cole League', email: 'cole@own.example' } }, { cookie })
    expect(invited.data.inviteContact.contact).toMatchObject({ name: 'Cole League', portalStatus: 'INVITED', isCustomerAdmin: false })
    const [mail] = await mailsTo(app, 'cole@own.example')
    expect(mail!.text_body).toContain('Carla Admin has given you access to the Covered support portal for Own Org.')
    const people = await app.gql(`{ viewer { ... on Contact { customer { contacts { name portalStatus lastSignInAt } } } } }`, {}, { cookie })
    expect(people.data.viewer.customer.contacts).toEqual(
      expect.arrayContaining([
        { name: 'Carla Admin', portalStatus: 'ACTIVE', lastSignInAt: expect.any(String) },
        { name: 'Cole League', portalStatus: 'INVITED', lastSignInAt: null },
      ]),
    )
  })

  it('inviting into another organisation, or touching its contacts, is answered as not found and sends nothing', async () => {
    const own = await makeCustomer(app.database.dataSource)
    const other = await makeCustomer(app.database.dataSource)
    const admin = await makeContact(app.database.dataSource, own, { isCustomerAdmin: true })
    const theirs = await makeContact(app.database.dataSource, other)
    const cookie = await app.signIn(admin.email)
    const before = await countMails(app)

    const invited = await app.gql(INVITE_NEW, { input: { customerId: customerId(other.id), name: 'Inside Job', email: 'inside@other.example' } }, { cookie })
    expect(invited.data.inviteContact).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'That customer was not found.' })
    for (const [query, field] of [
      [INVITE, 'inviteToPortal'],
      [RESET, 'sendPortalPasswordReset'],
      [REVOKE, 'revokePortalAccess'],
    ] as const) {
      const response = await app.gql(query, { id: contactId(theirs.id) }, { cookie })
      expect(response.data[field]).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'That contact was not found.' })
    }
    expect(await countMails(app)).toBe(before)
    expect(await contactsOf(other.id)).toBe(1)
    expect((await app.gql(VIEWER, {}, { cookie: await app.signIn(theirs.email) })).data.viewer.email).toBe(theirs.email)
  })

  it('a contact who is not a customer admin may not, and a customer admin cannot revoke themselves', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const plain = await makeContact(app.database.dataSource, customer)
    const admin = await makeContact(app.database.dataSource, customer, { isCustomerAdmin: true })
    const before = await countMails(app)
    const plainCookie = await app.signIn(plain.email)
    const refused = await app.gql(INVITE_NEW, { input: { customerId: customerId(customer.id), name: 'Nope', email: 'nope@own.example' } }, { cookie: plainCookie })
    expect(refused.data.inviteContact).toMatchObject({ __typename: 'ForbiddenError', message: 'Only Covered staff or a customer admin of this organisation manage portal access.' })
    const reset = await app.gql(RESET, { id: contactId(admin.id) }, { cookie: plainCookie })
    expect(reset.data.sendPortalPasswordReset.__typename).toBe('ForbiddenError')

    const adminCookie = await app.signIn(admin.email)
    const self = await app.gql(REVOKE, { id: contactId(admin.id) }, { cookie: adminCookie })
    expect(self.data.revokePortalAccess).toMatchObject({ __typename: 'PolicyError', message: 'You cannot revoke your own portal access; ask another customer admin or Covered support.' })
    const colleague = await app.gql(REVOKE, { id: contactId(plain.id) }, { cookie: adminCookie })
    expect(colleague.data.revokePortalAccess.contact.portalStatus).toBe('REVOKED')
    expect((await app.gql(VIEWER, {}, { cookie: plainCookie })).data.viewer).toBeNull()
    expect(await countMails(app)).toBe(before)

    // Other contacts do not see when their colleagues last signed in.
    const other = await makeContact(app.database.dataSource, customer)
    const otherCookie = await app.signIn(other.email)
    const people = await app.gql(`{ viewer { ... on Contact { customer { contacts { email lastSignInAt } } } } }`, {}, { cookie: otherCookie })
    for (const person of people.data.viewer.customer.contacts) expect(person.lastSignInAt).toBeNull()
  })
})
