import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeCoveredCustomer, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/harness.js'
import { countMails, linkIn, LOGIN, mailsTo, PASSWORD_LINK, SET_PASSWORD, VIEWER } from './mailbox.js'

const MEMBER = 'id name email role desk active away awaySince invitationPending lastSignInAt deactivatedAt version'
const TEAM = `{ team { ${MEMBER} } }`
const INVITE = `mutation($input: InviteStaffUserInput!) { inviteStaffUser(input: $input) {
  __typename ... on MutationInviteStaffUserSuccess { staffUser { ${MEMBER} } }
  ... on Error { code message } ... on ValidationError { fieldErrors { field message } } } }`
const UPDATE = `mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) {
  __typename ... on MutationUpdateStaffUserSuccess { staffUser { ${MEMBER} } }
  ... on Error { code message } ... on ValidationError { fieldErrors { field message } } } }`
const AWAY = `mutation($id: ID, $away: Boolean!) { setStaffAway(staffUserId: $id, away: $away) {
  __typename ... on MutationSetStaffAwaySuccess { staffUser { name away awaySince } } ... on Error { code message } } }`
const DEACTIVATE = `mutation($id: ID!) { deactivateStaffUser(id: $id) {
  __typename ... on MutationDeactivateStaffUserSuccess { result { ticketsReturned staffUser { active deactivatedAt } } }
  ... on Error { code message } } }`
const RESEND = `mutation($id: ID!) { resendStaffInvitation(id: $id) { __typename ... on Error { code message } } }`
const OPEN = `mutation($input: OpenTicketInput!) { openTicket(input: $input) {
  __typename ... on MutationOpenTicketSuccess { ticket { id plan desk assignee { name } } } ... on Error { code message } } }`
const TICKET = `query($id: ID!) { ticket(id: $id) { status desk assignee { name } timeline { kind summary } } }`

// Tuesday 2026-11-24, 09:00 in Los Angeles (17:00 UTC): the Pacific desk is open, the UK desk has closed.
const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let adminCookie: string
let adminId: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  const admin = await makeStaff(app.database.dataSource, { role: 'ADMIN', desk: null, name: 'Avery Admin' })
  adminId = admin.id
  adminCookie = await app.signIn(admin.email)
})
afterAll(() => app.close())

const staffId = (id: string) => globalId('StaffUser', id)

/** The changes audited on a staff user (their sign-ins are audited too, but are not what these tests check). */
async function audit(entityId: string): Promise<string[]> {
  const rows: { action: string }[] = await app.database.dataSource.query(
    `SELECT action FROM audit_log WHERE entity_id = $1 AND action <> 'mutation.login' ORDER BY id`,
    [entityId],
  )
  return rows.map((row) => row.action)
}

describe('inviting staff', () => {
  it('an admin invites an engineer, who sets a password from the emailed one-time link and signs in', async () => {
    clock.advance(1000)
    const email = 'Zoe.Ohara@Covered.test'
    const invited = await app.gql(INVITE, { input: { name: `Zoë <b>O'Hara</b>`, email, role: 'ENGINEER', desk: 'UK' } }, { cookie: adminCookie })
    expect(invited.errors).toBeUndefined()
    const member = invited.data.inviteStaffUser.staffUser
    expect(member).toMatchObject({ email: 'zoe.ohara@covered.test', role: 'ENGINEER', desk: 'UK', active: true, away: false, invitationPending: true, lastSignInAt: null })

    const team = await app.gql(TEAM, {}, { cookie: adminCookie })
    expect(team.data.team.map((m: any) => m.email)).toContain('zoe.ohara@covered.test')

    const [mail, ...more] = await mailsTo(app, 'zoe.ohara@covered.test')
    expect(more).toEqual([])
    expect(mail).toMatchObject({ kind: 'STAFF_INVITE', to_name: `Zoë <b>O'Hara</b>`, subject: 'You are invited to the Covered support team' })
    expect(mail!.text_body).toContain('Avery Admin has invited you to join the Covered support team as an engineer on the UK desk.')
    // The link expires in 7 days, written in the UK desk's zone.
    expect(mail!.text_body).toContain('The link works once, until Tuesday, 1 December 2026 at 17:00 GMT.')
    // Typed text is escaped in the HTML part.
    expect(mail!.html_body).toContain('Hello Zoë &lt;b&gt;O&#39;Hara&lt;/b&gt;,')
    expect(mail!.html_body).not.toContain('<b>O')
    const { url, token } = linkIn(mail!.text_body)
    expect(url).toBe(`http://localhost:4000/admin/set-password?token=${token}`)
    expect(mail!.html_body).toContain(`href="${url}"`)

    // Until the password is set, nobody can sign in as them.
    expect((await app.gql(LOGIN, { email, password: '' })).data.login.__typename).toBe('ValidationError')
    const link = await app.gql(PASSWORD_LINK, { token })
    expect(link.data.passwordLink.link).toMatchObject({ purpose: 'INVITE', accountKind: 'STAFF', email: 'zoe.ohara@covered.test' })

    const set = await app.gql(SET_PASSWORD, { token, password: 'a brand new password' })
    expect(set.data.setPasswordWithLink).toMatchObject({ __typename: 'MutationSetPasswordWithLinkSuccess', link: { purpose: 'INVITE', accountKind: 'STAFF' } })
    const cookie = await app.signIn(email, 'a brand new password')
    expect((await app.gql(VIEWER, {}, { cookie })).data.viewer).toEqual({ __typename: 'StaffUser', email: 'zoe.ohara@covered.test' })

    const after = (await app.gql(TEAM, {}, { cookie: adminCookie })).data.team.find((m: any) => m.id === member.id)
    expect(after).toMatchObject({ invitationPending: false, lastSignInAt: clock.now().toISOString() })
    const rawId = Buffer.from(member.id, 'base64').toString().split(':')[1]!
    expect(await audit(rawId)).toEqual(['staff_user.invited', 'staff_user.password_set'])
  })

  it('refuses malformed addresses, line breaks in names, an engineer without a desk and a taken address: typed errors, nothing written or queued', async () => {
    const db = app.database.dataSource
    const customer = await makeCustomer(db)
    const contact = await makeContact(db, customer)
    const before = await countMails(app)
    const [{ n: staffBefore }] = await db.query('SELECT count(*)::int AS n FROM staff_users')
    const cases: [Record<string, unknown>, { field: string; message: string }[]][] = [
      [{ name: 'Mal Formed', email: 'not-an-address', role: 'ENGINEER', desk: 'UK' }, [{ field: 'email', message: 'Enter an email address like name@example.com.' }]],
      [{ name: 'Mal Formed', email: 'a@b.example\r\nBcc: victim@example.com', role: 'ADMIN' }, [{ field: 'email', message: 'Enter an email address like name@example.com.' }]],
      [{ name: 'Eve\r\nBcc: victim@example.com', email: 'eve@covered.test', role: 'ADMIN' }, [{ field: 'name', message: 'A name is one line: remove the line breaks.' }]],
      [{ name: 'Deskless', email: 'deskless@covered.test', role: 'ENGINEER' }, [{ field: 'desk', message: 'Choose the desk this engineer works on: every engineer belongs to one desk.' }]],
      [{ name: 'Twin', email: contact.email.toUpperCase(), role: 'ADMIN' }, [{ field: 'email', message: 'Another contact already uses this email address.' }]],
    ]
    for (const [input, fieldErrors] of cases) {
      const response = await app.gql(INVITE, { input }, { cookie: adminCookie })
      expect(response.data.inviteStaffUser).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', fieldErrors })
    }
    expect(await countMails(app)).toBe(before)
    const [{ n: staffAfter }] = await db.query('SELECT count(*)::int AS n FROM staff_users')
    expect(staffAfter).toBe(staffBefore)
  })

  it('only admins see and manage the team', async () => {
    const engineer = await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })
    const cookie = await app.signIn(engineer.email)
    const before = await countMails(app)
    const invite = await app.gql(INVITE, { input: { name: 'Sneaky', email: 'sneaky@covered.test', role: 'ADMIN' } }, { cookie })
    expect(invite.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await app.gql(TEAM, {}, { cookie })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await countMails(app)).toBe(before)
  })

  it('sending an invitation again cancels the earlier link', async () => {
    clock.advance(1000)
    const invited = await app.gql(INVITE, { input: { name: 'Rae Resent', email: 'rae@covered.test', role: 'ADMIN' } }, { cookie: adminCookie })
    const id = invited.data.inviteStaffUser.staffUser.id
    const first = linkIn((await mailsTo(app, 'rae@covered.test'))[0]!.text_body).token
    clock.advance(1000)
    expect((await app.gql(RESEND, { id }, { cookie: adminCookie })).data.resendStaffInvitation.__typename).toBe('MutationResendStaffInvitationSuccess')
    const mails = await mailsTo(app, 'rae@covered.test')
    expect(mails.map((m) => m.kind)).toEqual(['STAFF_INVITE', 'STAFF_INVITE'])
    const second = linkIn(mails[1]!.text_body).token
    expect(second).not.toBe(first)
    const old = await app.gql(SET_PASSWORD, { token: first, password: 'another fine password' })
    expect(old.data.setPasswordWithLink).toMatchObject({ __typename: 'InvalidLinkError', code: 'INVALID_LINK', reason: 'CANCELLED' })
    expect((await app.gql(SET_PASSWORD, { token: second, password: 'another fine password' })).data.setPasswordWithLink.__typename).toBe(
      'MutationSetPasswordWithLinkSuccess',
    )
    const again = await app.gql(RESEND, { id }, { cookie: adminCookie })
    expect(again.data.resendStaffInvitation).toMatchObject({ __typename: 'PolicyError', message: 'Rae Resent has set a password already; they can reset it from the sign-in page.' })
  })
})

describe('role and desk', () => {
  it('changes role and desk with the version read, refuses a stale version, a deskless engineer and losing the last admin', async () => {
    const db = app.database.dataSource
    const member = await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Rory Role' })
    const id = staffId(member.id)
    const moved = await app.gql(UPDATE, { input: { id, expectedVersion: member.version, desk: 'UK' } }, { cookie: adminCookie })
    expect(moved.data.updateStaffUser.staffUser).toMatchObject({ desk: 'UK', role: 'ENGINEER', version: member.version + 1 })

    const stale = await app.gql(UPDATE, { input: { id, expectedVersion: member.version, role: 'ADMIN' } }, { cookie: adminCookie })
    expect(stale.data.updateStaffUser.__typename).toBe('ConflictError')

    const deskless = await app.gql(UPDATE, { input: { id, expectedVersion: member.version + 1, desk: null } }, { cookie: adminCookie })
    expect(deskless.data.updateStaffUser).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'desk' }] })

    const promoted = await app.gql(UPDATE, { input: { id, expectedVersion: member.version + 1, role: 'ADMIN', desk: null } }, { cookie: adminCookie })
    expect(promoted.data.updateStaffUser.staffUser).toMatchObject({ role: 'ADMIN', desk: null })
    expect(await audit(member.id)).toEqual(['staff_user.updated', 'staff_user.updated'])

    // Two admins now (and others from earlier tests); demote all but one, then the last one is refused.
    const admins: { id: string; version: number }[] = await db.query(`SELECT id, version FROM staff_users WHERE role = 'ADMIN' AND active AND id <> $1`, [adminId])
    for (const other of admins) {
      const r = await app.gql(UPDATE, { input: { id: staffId(other.id), expectedVersion: other.version, role: 'ENGINEER', desk: 'PACIFIC' } }, { cookie: adminCookie })
      expect(r.data.updateStaffUser.__typename).toBe('MutationUpdateStaffUserSuccess')
    }
    const [self] = await db.query('SELECT version FROM staff_users WHERE id = $1', [adminId])
    const last = await app.gql(UPDATE, { input: { id: staffId(adminId), expectedVersion: self.version, role: 'ENGINEER', desk: 'UK' } }, { cookie: adminCookie })
    expect(last.data.updateStaffUser).toMatchObject({
      __typename: 'PolicyError',
      message: 'Covered needs at least one active admin: make someone else an admin first.',
    })
  })
})

describe('away and back', () => {
  it('an away engineer gets no premium tickets; back again, they do', async () => {
    const db = app.database.dataSource
    clock.set('2026-11-24T17:00:00Z')
    // Everyone else on the Pacific desk moves to the UK desk for this test, so Pacific routing picks from these two.
    await db.query(`UPDATE staff_users SET desk = 'UK' WHERE role = 'ENGINEER' AND desk = 'PACIFIC'`)
    const ari = await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Ari Away' })
    const bo = await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Bo Back' })
    const { keyContact } = await makeCoveredCustomer(db, { premium: true })
    const contactCookie = await app.signIn(keyContact.email)
    const open = async (subject: string) => {
      const response = await app.gql(OPEN, { input: { subject, body: 'The export stopped.', category: 'BUG' } }, { cookie: contactCookie })
      expect(response.data.openTicket.__typename).toBe('MutationOpenTicketSuccess')
      // The contact does not see who works on it; staff do.
      return (await app.gql(`query($id: ID!) { ticket(id: $id) { plan desk assignee { name } } }`, { id: response.data.openTicket.ticket.id }, { cookie: adminCookie })).data.ticket
    }

    // Ari marks themselves away (no id: themselves); they may not mark Bo.
    const ariCookie = await app.signIn(ari.email)
    const away = await app.gql(AWAY, { away: true }, { cookie: ariCookie })
    expect(away.data.setStaffAway.staffUser).toEqual({ name: 'Ari Away', away: true, awaySince: '2026-11-24T17:00:00.000Z' })
    const notTheirs = await app.gql(AWAY, { id: staffId(bo.id), away: true }, { cookie: ariCookie })
    expect(notTheirs.data.setStaffAway).toMatchObject({ __typename: 'ForbiddenError' })

    const first = await open('While Ari is away')
    expect(first).toMatchObject({ plan: 'PREMIUM', desk: 'PACIFIC', assignee: { name: 'Bo Back' } })
    const second = await open('Still away')
    expect(second.assignee).toEqual({ name: 'Bo Back' })

    // An admin marks Ari back: the least-loaded engineer (Ari, with none) gets the next one.
    const back = await app.gql(AWAY, { id: staffId(ari.id), away: false }, { cookie: adminCookie })
    expect(back.data.setStaffAway.staffUser).toEqual({ name: 'Ari Away', away: false, awaySince: null })
    expect((await open('Ari is back')).assignee).toEqual({ name: 'Ari Away' })
    expect(await audit(ari.id)).toEqual(['staff_user.away', 'staff_user.back'])

    // Both away: nobody on the open Pacific desk can take it, so it goes to an engineer of the desk that opens next.
    await app.gql(AWAY, { id: staffId(ari.id), away: true }, { cookie: adminCookie })
    await app.gql(AWAY, { id: staffId(bo.id), away: true }, { cookie: adminCookie })
    const third = await open('Everyone on Pacific is away')
    expect(third.desk).toBe('UK')
    expect(third.assignee).not.toBeNull()
    expect(['Ari Away', 'Bo Back']).not.toContain(third.assignee.name)
  })
})

describe('deactivating', () => {
  it('ends their sessions, refuses sign-in, and returns their open tickets to the desk queue, noted on each timeline', async () => {
    const db = app.database.dataSource
    clock.set('2026-11-24T18:00:00Z')
    const leaver = await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Lee Leaver' })
    const leaverCookie = await app.signIn(leaver.email)
    const { keyContact } = await makeCoveredCustomer(db)
    const contactCookie = await app.signIn(keyContact.email)
    const ids: string[] = []
    for (const subject of ['One', 'Two', 'Three']) {
      const response = await app.gql(OPEN, { input: { subject, body: 'Help.', category: 'BUG' } }, { cookie: contactCookie })
      const id = response.data.openTicket.ticket.id
      ids.push(id)
      await app.gql('mutation($t: ID!, $a: ID) { assignTicket(ticketId: $t, assigneeId: $a) { __typename } }', { t: id, a: staffId(leaver.id) }, { cookie: adminCookie })
    }
    // The third is resolved: it stays as it is.
    await app.gql('mutation($t: ID!, $b: String!) { replyToTicket(ticketId: $t, body: $b) { __typename } }', { t: ids[2], b: 'Fixed.' }, { cookie: adminCookie })
    const resolved = await app.gql('mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: RESOLVED) { __typename } }', { t: ids[2] }, { cookie: adminCookie })
    expect(resolved.data.changeTicketStatus.__typename).toBe('MutationChangeTicketStatusSuccess')
    const [{ n: eventsBefore }] = await db.query(`SELECT count(*)::int AS n FROM domain_events WHERE type = 'ticket.assigned'`)

    clock.advance(60_000)
    const response = await app.gql(DEACTIVATE, { id: staffId(leaver.id) }, { cookie: adminCookie })
    expect(response.data.deactivateStaffUser.result).toEqual({ ticketsReturned: 2, staffUser: { active: false, deactivatedAt: '2026-11-24T18:01:00.000Z' } })

    expect((await app.gql(VIEWER, {}, { cookie: leaverCookie })).data.viewer).toBeNull()
    expect((await app.gql(LOGIN, { email: leaver.email, password: TEST_PASSWORD })).data.login.__typename).toBe('InvalidCredentialsError')

    for (const id of ids.slice(0, 2)) {
      const ticket = (await app.gql(TICKET, { id }, { cookie: adminCookie })).data.ticket
      expect(ticket.assignee).toBeNull()
      expect(ticket.desk).toBe('PACIFIC')
      expect(ticket.timeline.at(-1)).toEqual({ kind: 'ASSIGNED', summary: 'Returned to the desk queue: Lee Leaver was deactivated' })
    }
    expect((await app.gql(TICKET, { id: ids[2] }, { cookie: adminCookie })).data.ticket.assignee).toEqual({ name: 'Lee Leaver' })
    const events: { data: any }[] = await db.query(`SELECT data FROM domain_events WHERE type = 'ticket.assigned' ORDER BY occurred_at DESC LIMIT 2`)
    const [{ n: eventsAfter }] = await db.query(`SELECT count(*)::int AS n FROM domain_events WHERE type = 'ticket.assigned'`)
    expect(eventsAfter - eventsBefore).toBe(2)
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ assigneeId: null, previousAssigneeId: leaver.id, reason: 'DEACTIVATED' }),
      expect.objectContaining({ assigneeId: null, previousAssigneeId: leaver.id, reason: 'DEACTIVATED' }),
    ])
    expect(await audit(leaver.id)).toEqual(['staff_user.deactivated'])

    // The queue of unassigned tickets on the desk has them again.
    const queue = await app.gql(`{ tickets(first: 50, desk: PACIFIC, unassigned: true) { edges { node { subject } } } }`, {}, { cookie: adminCookie })
    expect(queue.errors).toBeUndefined()
    expect(queue.data.tickets.edges.map((e: any) => e.node.subject)).toEqual(expect.arrayContaining(['One', 'Two']))
  })

  it('an admin cannot deactivate themselves', async () => {
    const response = await app.gql(DEACTIVATE, { id: staffId(adminId) }, { cookie: adminCookie })
    expect(response.data.deactivateStaffUser).toMatchObject({ __typename: 'PolicyError', message: 'You cannot deactivate your own account; ask another admin.' })
  })
})
