import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/harness.js'

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on MutationLoginSuccess { viewer { __typename ... on StaffUser { name role } ... on Contact { name customer { name } } } }
    ... on Error { code message }
    ... on TooManyAttemptsError { retryAfterSeconds }
    ... on ValidationError { fieldErrors { field message } }
  }
}`
const VIEWER = `{ viewer { __typename ... on StaffUser { email role } ... on Contact { email } ... on ApiToken { name } } }`

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

describe('sign-in', () => {
  it('signs a staff user in with an HttpOnly, SameSite=Lax session cookie and knows them afterwards', async () => {
    const admin = await makeStaff(app.database.dataSource, { role: 'ADMIN', name: 'Ada Admin' })
    const response = await app.gql(LOGIN, { email: admin.email.toUpperCase(), password: TEST_PASSWORD })
    expect(response.errors).toBeUndefined()
    expect(response.data.login).toEqual({ __typename: 'MutationLoginSuccess', viewer: { __typename: 'StaffUser', name: 'Ada Admin', role: 'ADMIN' } })
    const setCookie = response.headers.get('set-cookie')!
    expect(setCookie).toMatch(/^covered_session=[\w-]{40,};/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).not.toMatch(/Secure/i) // Secure only in production, where the product is served over HTTPS

    const me = await app.gql(VIEWER, {}, { cookie: setCookie.split(';')[0] })
    expect(me.data.viewer).toEqual({ __typename: 'StaffUser', email: admin.email, role: 'ADMIN' })
  })

  it('signs a contact with portal access in, and refuses one without it', async () => {
    const customer = await makeCustomer(app.database.dataSource, { name: 'Portal Org' })
    const withAccess = await makeContact(app.database.dataSource, customer)
    const without = await makeContact(app.database.dataSource, customer, { portalAccess: false })
    const ok = await app.gql(LOGIN, { email: withAccess.email, password: TEST_PASSWORD })
    expect(ok.data.login.viewer).toEqual({ __typename: 'Contact', name: withAccess.name, customer: { name: 'Portal Org' } })
    const refused = await app.gql(LOGIN, { email: without.email, password: TEST_PASSWORD })
    expect(refused.data.login.__typename).toBe('InvalidCredentialsError')
  })

  it('answers a wrong password and an unknown email with the same clear message, and sets no cookie', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const wrong = await app.gql(LOGIN, { email: staff.email, password: 'not it' }, { ip: '10.0.0.1' })
    const unknown = await app.gql(LOGIN, { email: 'nobody@covered.test', password: 'not it' }, { ip: '10.0.0.1' })
    expect(wrong.data.login).toEqual({
      __typename: 'InvalidCredentialsError',
      code: 'INVALID_CREDENTIALS',
      message: 'That email and password do not match an account with access. Check both and try again.',
    })
    expect(unknown.data.login).toEqual(wrong.data.login)
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('says which field is missing', async () => {
    const response = await app.gql(LOGIN, { email: '  ', password: '' })
    expect(response.data.login.__typename).toBe('ValidationError')
    expect(response.data.login.fieldErrors).toEqual([
      { field: 'email', message: 'Enter your email address.' },
      { field: 'password', message: 'Enter your password.' },
    ])
  })

  it('locks an account after 5 failures in 15 minutes, even with the right password, then lets it in again', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const results: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = await app.gql(LOGIN, { email: staff.email, password: `guess ${i}` }, { ip: `10.1.0.${i}` })
      results.push(r.data.login.__typename)
    }
    expect(results).toEqual([...Array(4).fill('InvalidCredentialsError'), 'TooManyAttemptsError'])
    const locked = await app.gql(LOGIN, { email: staff.email, password: TEST_PASSWORD }, { ip: '10.1.1.1' })
    expect(locked.data.login.__typename).toBe('TooManyAttemptsError')
    expect(locked.data.login.retryAfterSeconds).toBe(15 * 60)
    expect(locked.data.login.message).toBe('Too many failed sign-in attempts. Try again in 15 minutes.')

    app.clock.advance(15 * 60_000 + 1000)
    const after = await app.gql(LOGIN, { email: staff.email, password: TEST_PASSWORD }, { ip: '10.1.1.1' })
    expect(after.data.login.__typename).toBe('MutationLoginSuccess')
  })

  it('throttles one address guessing across many accounts', async () => {
    const ip = '10.9.9.9'
    let last = ''
    for (let i = 0; i < 30; i++) {
      const r = await app.gql(LOGIN, { email: `someone${i}@covered.test`, password: 'x' }, { ip })
      last = r.data.login.__typename
    }
    expect(last).toBe('TooManyAttemptsError')
    const staff = await makeStaff(app.database.dataSource)
    const blocked = await app.gql(LOGIN, { email: staff.email, password: TEST_PASSWORD }, { ip })
    expect(blocked.data.login.__typename).toBe('TooManyAttemptsError')
    const elsewhere = await app.gql(LOGIN, { email: staff.email, password: TEST_PASSWORD }, { ip: '10.9.9.10' })
    expect(elsewhere.data.login.__typename).toBe('MutationLoginSuccess')
  })

  it('stores passwords only as salted scrypt hashes', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const [row] = await app.database.dataSource.query('SELECT password_hash FROM staff_users WHERE id = $1', [staff.id])
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(row.password_hash).not.toContain(TEST_PASSWORD)
  })
})

describe('sessions', () => {
  it('logout ends the session on the server, so the old cookie no longer works', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const cookie = await app.signIn(staff.email)
    const out = await app.gql('mutation { logout }', {}, { cookie })
    expect(out.data.logout).toBe(true)
    expect(out.headers.get('set-cookie')).toMatch(/covered_session=;.*Max-Age=0/i)
    const me = await app.gql(VIEWER, {}, { cookie })
    expect(me.data.viewer).toBeNull()
  })

  it('expires a session after its lifetime', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const cookie = await app.signIn(staff.email)
    app.clock.advance(app.config.sessionTtlMs + 1000)
    expect((await app.gql(VIEWER, {}, { cookie })).data.viewer).toBeNull()
  })

  it('stores only a hash of the session token', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const cookie = await app.signIn(staff.email)
    const token = cookie.split('=')[1]!
    const rows = await app.database.dataSource.query('SELECT token_hash FROM sessions WHERE token_hash = $1', [token])
    expect(rows).toHaveLength(0)
  })

  it('a deactivated staff user is signed out at once', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const cookie = await app.signIn(staff.email)
    await app.database.dataSource.query('UPDATE staff_users SET active = false WHERE id = $1', [staff.id])
    expect((await app.gql(VIEWER, {}, { cookie })).data.viewer).toBeNull()
  })
})

describe('the team', () => {
  it('staff list the active team by desk; contacts may not', async () => {
    const db = app.database.dataSource
    await makeStaff(db, { name: 'Zed UK', desk: 'UK' })
    await makeStaff(db, { name: 'Gone UK', desk: 'UK', active: false })
    const staff = await makeStaff(db, { desk: 'PACIFIC' })
    const cookie = await app.signIn(staff.email)
    const uk = await app.gql('{ staffUsers(desk: UK) { name desk } }', {}, { cookie })
    expect(uk.data.staffUsers).toContainEqual({ name: 'Zed UK', desk: 'UK' })
    expect(uk.data.staffUsers.map((u: any) => u.name)).not.toContain('Gone UK')
    expect(uk.data.staffUsers.every((u: any) => u.desk === 'UK')).toBe(true)
    const customer = await makeCustomer(db)
    const contact = await makeContact(db, customer)
    const refused = await app.gql('{ staffUsers { name } }', {}, { cookie: await app.signIn(contact.email) })
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})
