import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { linkIn, LOGIN, mailsTo, PASSWORD_LINK, SET_PASSWORD } from './mailbox.js'

/**
 * "Forgot your password?" asked by someone who is signed in as a customer contact (a shared computer, a second
 * account, or hostile input): the answer and the emails are exactly those of anyone else asking. The contact's
 * row-level security fence (their own organisation) must neither hide the account asked about nor refuse to
 * queue its email.
 */
const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) {
  __typename ... on MutationRequestPasswordResetSuccess { requested }
  ... on Error { code message } ... on ValidationError { fieldErrors { field message } } } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ clock })
})
afterAll(() => app.close())

describe('a reset link asked for while signed in as a contact', () => {
  it('is mailed to staff, to a contact of another organisation and to a colleague alike, with the same answer as for an unknown address', async () => {
    const db = app.database.dataSource
    const mine = await makeCustomer(db, { name: 'Asking Org', homeDesk: 'UK', currency: 'GBP' })
    const asker = await makeContact(db, mine, { name: 'Avery Asker' })
    const colleague = await makeContact(db, mine, { name: 'Cole Colleague' })
    const other = await makeCustomer(db, { name: 'Other Org', homeDesk: 'PACIFIC', currency: 'USD' })
    const stranger = await makeContact(db, other, { name: 'Sam Stranger' })
    const staff = await makeStaff(db, { name: 'Stevie Staff', desk: 'UK' })
    // An address longer than most (300 characters before the @), as the hostile-input test sends.
    const longStaff = await makeStaff(db, { name: 'Long Address', email: `${'a'.repeat(300)}@example.test` })
    const cookie = await app.signIn(asker.email)

    const answers = []
    for (const [n, email] of [staff.email, stranger.email, colleague.email, longStaff.email, 'nobody@nowhere.example'].entries()) {
      clock.advance(1000)
      answers.push((await app.gql(REQUEST, { email }, { cookie, ip: `10.77.0.${n + 1}` })).data.requestPasswordReset)
    }
    for (const answer of answers) expect(answer).toEqual({ __typename: 'MutationRequestPasswordResetSuccess', requested: true })

    const [staffMail, ...moreStaff] = await mailsTo(app, staff.email)
    expect(moreStaff).toEqual([])
    expect(staffMail).toMatchObject({ kind: 'PASSWORD_RESET', to_name: 'Stevie Staff', customer_id: null })
    expect(linkIn(staffMail!.text_body).url).toMatch(/\/admin\/set-password\?token=/)
    expect(await mailsTo(app, stranger.email)).toMatchObject([{ kind: 'PASSWORD_RESET', to_name: 'Sam Stranger', customer_id: other.id }])
    expect(await mailsTo(app, colleague.email)).toMatchObject([{ kind: 'PASSWORD_RESET', to_name: 'Cole Colleague', customer_id: mine.id }])
    expect(await mailsTo(app, longStaff.email)).toMatchObject([{ kind: 'PASSWORD_RESET', customer_id: null }])
    expect(await mailsTo(app, asker.email)).toEqual([])
  })

  it('a link for another organisation’s contact, opened in a browser signed in as a contact, is shown and sets that account’s password', async () => {
    const db = app.database.dataSource
    const asker = await makeContact(db, await makeCustomer(db, { name: 'Browser Org' }), { name: 'Bea Browser' })
    const other = await makeCustomer(db, { name: 'Link Org' })
    const owner = await makeContact(db, other, { name: 'Lee Linkowner' })
    clock.advance(1000)
    expect((await app.gql(REQUEST, { email: owner.email }, { ip: '10.77.1.1' })).data.requestPasswordReset.requested).toBe(true)
    const { token } = linkIn((await mailsTo(app, owner.email))[0]!.text_body)
    const cookie = await app.signIn(asker.email)

    const shown = await app.gql(PASSWORD_LINK, { token }, { cookie })
    expect(shown.data.passwordLink).toMatchObject({ __typename: 'QueryPasswordLinkSuccess', link: { purpose: 'RESET', accountKind: 'CONTACT', name: 'Lee Linkowner', email: owner.email } })
    const set = await app.gql(SET_PASSWORD, { token, password: 'a brand new portal password' }, { cookie })
    expect(set.data.setPasswordWithLink).toMatchObject({ __typename: 'MutationSetPasswordWithLinkSuccess', link: { name: 'Lee Linkowner' } })
    const login = await app.gql(LOGIN, { email: owner.email, password: 'a brand new portal password' }, { ip: '10.77.1.2' })
    expect(login.data.login.__typename).toBe('MutationLoginSuccess')
  })
})
