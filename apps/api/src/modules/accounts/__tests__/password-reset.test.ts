import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/harness.js'
import { countMails, linkIn, LOGIN, mailsTo, PASSWORD_LINK, SET_PASSWORD, VIEWER } from './mailbox.js'

const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) {
  __typename ... on MutationRequestPasswordResetSuccess { requested }
  ... on Error { code message } ... on TooManyAttemptsError { retryAfterSeconds } ... on ValidationError { fieldErrors { field message } } } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ clock })
})
afterAll(() => app.close())

/** Each request from its own client address, so the per-address throttle stays out of the way unless tested. */
let addresses = 0
const request = (email: string, ip = `10.20.${Math.floor(++addresses / 250)}.${addresses % 250}`) => app.gql(REQUEST, { email }, { ip })

describe('asking for a reset link', () => {
  it('answers the same whether or not the address has an account, and mails only an account that may sign in', async () => {
    const db = app.database.dataSource
    const staff = await makeStaff(db, { name: 'Sasha Staff', desk: 'UK' })
    const customer = await makeCustomer(db, { name: 'Reset Co', homeDesk: 'UK', currency: 'GBP' })
    const contact = await makeContact(db, customer, { name: 'Casey Contact', timeZone: 'Asia/Tokyo' })
    const revoked = await makeContact(db, customer, { portalAccess: false })
    const leaver = await makeStaff(db, { active: false })

    const answers = []
    for (const email of [staff.email, contact.email.toUpperCase(), 'nobody@nowhere.example', revoked.email, leaver.email]) {
      clock.advance(1000)
      answers.push((await request(email)).data.requestPasswordReset)
    }
    for (const answer of answers) expect(answer).toEqual({ __typename: 'MutationRequestPasswordResetSuccess', requested: true })

    const [staffMail, ...moreStaff] = await mailsTo(app, staff.email)
    expect(moreStaff).toEqual([])
    expect(staffMail).toMatchObject({ kind: 'PASSWORD_RESET', subject: 'Reset your Covered password', to_name: 'Sasha Staff', customer_id: null })
    expect(linkIn(staffMail!.text_body).url).toMatch(/^http:\/\/localhost:4000\/admin\/set-password\?token=/)
    const [contactMail] = await mailsTo(app, contact.email)
    expect(contactMail).toMatchObject({ kind: 'PASSWORD_RESET', customer_id: customer.id })
    expect(linkIn(contactMail!.text_body).url).toMatch(/^http:\/\/localhost:4000\/portal\/set-password\?token=/)
    // 1 hour, in the contact's own zone.
    expect(contactMail!.text_body).toContain('The link works once, for 1 hour (until Wednesday, 25 November 2026 at 03:00 GMT+9).')
    expect(await mailsTo(app, 'nobody@nowhere.example')).toEqual([])
    expect(await mailsTo(app, revoked.email)).toEqual([])
    expect(await mailsTo(app, leaver.email)).toEqual([])
  })

  it('refuses a malformed address with a typed error and queues nothing', async () => {
    const before = await countMails(app)
    for (const email of ['not-an-address', 'a@b.example\nBcc: victim@example.com', '']) {
      const response = await request(email)
      expect(response.data.requestPasswordReset).toMatchObject({
        __typename: 'ValidationError',
        fieldErrors: [{ field: 'email', message: 'Enter an email address like name@example.com.' }],
      })
    }
    expect(await countMails(app)).toBe(before)
  })

  it('throttles like sign-in: 5 requests for one address in 15 minutes, known or not, then a wait', async () => {
    const staff = await makeStaff(app.database.dataSource)
    for (const email of [staff.email, 'unknown-throttled@nowhere.example']) {
      const kinds: string[] = []
      for (let i = 0; i < 6; i++) kinds.push((await request(email)).data.requestPasswordReset.__typename)
      expect(kinds).toEqual([...Array(5).fill('MutationRequestPasswordResetSuccess'), 'TooManyAttemptsError'])
    }
    const locked = (await request(staff.email)).data.requestPasswordReset
    expect(locked).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 900, message: 'Too many password reset requests. Try again in 15 minutes.' })
    expect((await mailsTo(app, staff.email)).length).toBe(5)

    // One client address asking about many accounts is stopped too.
    const ip = '10.99.0.1'
    let last = ''
    for (let i = 0; i < 31; i++) last = (await request(`someone${i}@nowhere.example`, ip)).data.requestPasswordReset.__typename
    expect(last).toBe('TooManyAttemptsError')

    clock.advance(15 * 60_000 + 1000)
    expect((await request(staff.email)).data.requestPasswordReset.__typename).toBe('MutationRequestPasswordResetSuccess')
  })

  it('keeps a stored name with a line break out of the headers', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const contact = await makeContact(app.database.dataSource, customer)
    // Written before names were checked: the email still goes out, on one line.
    await app.database.dataSource.query(`UPDATE contacts SET name = $2 WHERE id = $1`, [contact.id, 'Old\r\nBcc: victim@example.com'])
    expect((await request(contact.email)).data.requestPasswordReset.requested).toBe(true)
    const [mail] = await mailsTo(app, contact.email)
    expect(mail!.to_name).toBe('Old Bcc: victim@example.com')
  })
})

describe('using the link', () => {
  async function resetLinkFor(email: string): Promise<string> {
    clock.advance(1000)
    await request(email)
    const mails = await mailsTo(app, email)
    return linkIn(mails.at(-1)!.text_body).token
  }

  it('sets the new password once, ends every other session, and is stored only as a hash', async () => {
    const customer = await makeCustomer(app.database.dataSource)
    const contact = await makeContact(app.database.dataSource, customer, { name: 'Robin Reset' })
    const otherBrowser = await app.signIn(contact.email)
    const token = await resetLinkFor(contact.email)

    const [stored] = await app.database.dataSource.query(`SELECT token_hash FROM password_links WHERE contact_id = $1`, [contact.id])
    expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(stored.token_hash).not.toContain(token)

    const link = await app.gql(PASSWORD_LINK, { token })
    expect(link.data.passwordLink.link).toMatchObject({ purpose: 'RESET', accountKind: 'CONTACT', name: 'Robin Reset', email: contact.email })

    const short = await app.gql(SET_PASSWORD, { token, password: 'short' })
    expect(short.data.setPasswordWithLink).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'password', message: 'Use a password of at least 10 characters.' }] })

    const done = await app.gql(SET_PASSWORD, { token, password: 'my new portal password' })
    expect(done.data.setPasswordWithLink).toMatchObject({ __typename: 'MutationSetPasswordWithLinkSuccess', link: { purpose: 'RESET', accountKind: 'CONTACT' } })
    expect((await app.gql(VIEWER, {}, { cookie: otherBrowser })).data.viewer).toBeNull()
    expect((await app.gql(LOGIN, { email: contact.email, password: TEST_PASSWORD })).data.login.__typename).toBe('InvalidCredentialsError')
    await app.signIn(contact.email, 'my new portal password')

    const twice = await app.gql(SET_PASSWORD, { token, password: 'someone elses password' })
    expect(twice.data.setPasswordWithLink).toMatchObject({
      __typename: 'InvalidLinkError',
      code: 'INVALID_LINK',
      reason: 'USED',
      message: 'This link has already been used: each link sets a password once. Ask for a new link from the sign-in page (“Forgot your password?”).',
    })
    await app.signIn(contact.email, 'my new portal password')
    const audit = await app.database.dataSource.query(`SELECT action, actor_kind, actor_id FROM audit_log WHERE entity_id = $1 AND action <> 'mutation.login' ORDER BY id`, [contact.id])
    expect(audit).toEqual([
      { action: 'contact.password_reset_sent', actor_kind: 'SYSTEM', actor_id: null },
      { action: 'contact.password_reset', actor_kind: 'CONTACT', actor_id: contact.id },
    ])
  })

  it('keeps the session that uses the link when it is the account’s own', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const here = await app.signIn(staff.email)
    const elsewhere = await app.signIn(staff.email)
    const token = await resetLinkFor(staff.email)
    const done = await app.gql(SET_PASSWORD, { token, password: 'a staff password again' }, { cookie: here })
    expect(done.data.setPasswordWithLink.__typename).toBe('MutationSetPasswordWithLinkSuccess')
    expect((await app.gql(VIEWER, {}, { cookie: here })).data.viewer).toEqual({ __typename: 'StaffUser', email: staff.email })
    expect((await app.gql(VIEWER, {}, { cookie: elsewhere })).data.viewer).toBeNull()
  })

  it('refuses a late link, an unknown one and a replaced one, changing nothing', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const late = await resetLinkFor(staff.email)
    clock.advance(60 * 60_000)
    const expired = await app.gql(SET_PASSWORD, { token: late, password: 'too late password' })
    expect(expired.data.setPasswordWithLink).toMatchObject({ reason: 'EXPIRED', message: expect.stringContaining('a reset link works for 1 hour') })
    expect((await app.gql(PASSWORD_LINK, { token: late })).data.passwordLink).toMatchObject({ __typename: 'InvalidLinkError', reason: 'EXPIRED' })
    await app.signIn(staff.email) // the old password still works

    const unknown = await app.gql(SET_PASSWORD, { token: 'made-up-token', password: 'guessing password' })
    expect(unknown.data.setPasswordWithLink).toMatchObject({ __typename: 'InvalidLinkError', reason: 'UNKNOWN' })

    const older = await resetLinkFor(staff.email)
    const newer = await resetLinkFor(staff.email)
    expect((await app.gql(SET_PASSWORD, { token: older, password: 'from the old mail' })).data.setPasswordWithLink.reason).toBe('CANCELLED')
    expect((await app.gql(SET_PASSWORD, { token: newer, password: 'from the new mail' })).data.setPasswordWithLink.__typename).toBe(
      'MutationSetPasswordWithLinkSuccess',
    )
  })

  it('stops working when the account loses access before it is used', async () => {
    const admin = await makeStaff(app.database.dataSource, { role: 'ADMIN', desk: null })
    const adminCookie = await app.signIn(admin.email)
    const leaver = await makeStaff(app.database.dataSource)
    const token = await resetLinkFor(leaver.email)
    await app.gql('mutation($id: ID!) { deactivateStaffUser(id: $id) { __typename } }', { id: globalId('StaffUser', leaver.id) }, { cookie: adminCookie })
    const response = await app.gql(SET_PASSWORD, { token, password: 'after i was gone' })
    expect(response.data.setPasswordWithLink).toMatchObject({ __typename: 'InvalidLinkError', reason: 'CANCELLED' })
  })
})
