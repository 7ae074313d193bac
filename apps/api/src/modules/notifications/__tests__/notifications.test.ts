import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeContract, makeCoveredCustomer, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { createLogger } from '../../../logger.js'
import { createServer, type CoveredServer } from '../../../server.js'
import { embeddedTransport, smtpTransport, type MailTransport } from '../../mail/transport.js'
import { deliverQueuedEmails } from '../../mail/worker.js'
import { runScheduledWork } from '../../tickets/scheduler.js'
import { startSmtpSink, type ReceivedMail } from './smtp-sink.js'

const clock = createClock('2026-11-24T17:00:00Z') // Tuesday 09:00 in Los Angeles, 17:00 in London
let app: TestApp
let smtp: Awaited<ReturnType<typeof startSmtpSink>>
let transport: MailTransport
let server: CoveredServer
let serverUrl: string
let engineer: { id: string; email: string; cookie: string }

beforeAll(async () => {
  app = await createTestApp({ clock })
  smtp = await startSmtpSink()
  transport = smtpTransport(smtp.url)
  server = createServer({ config: app.config, logger: createLogger('silent'), database: app.database, now: clock.now })
  await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve))
  serverUrl = `http://127.0.0.1:${(server.http.address() as AddressInfo).port}`
  const staff = await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Sam Engineer' })
  engineer = { id: staff.id, email: staff.email, cookie: await app.signIn(staff.email) }
})
afterAll(async () => {
  transport?.close()
  await new Promise<void>((resolve) => server?.http.close(() => resolve()))
  await smtp?.close()
  await app?.close()
})
beforeEach(async () => {
  // Each test starts with an empty outbox and inbox: what arrives is what the test caused.
  await deliver()
  smtp.received.length = 0
})

const FROM = 'Covered Support <support@covered.test>'
const deliver = () => deliverQueuedEmails(app.database.dataSource, transport, { from: FROM, now: clock.now })

const OPEN = `mutation($s: String!) { openTicket(input: { subject: $s, body: "Totals differ", category: DATA_DISCREPANCY }) {
  ... on MutationOpenTicketSuccess { ticket { id number } } ... on Error { message } } }`
const REPLY = `mutation($t: ID!, $b: String!, $i: Boolean) { replyToTicket(ticketId: $t, body: $b, internal: $i) { __typename ... on Error { message } } }`
const STATUS = `mutation($t: ID!, $s: TicketStatus!) { changeTicketStatus(ticketId: $t, status: $s) { __typename ... on Error { message } } }`
const SET_PREF = `mutation($k: NotificationKind!, $e: Boolean!) { setNotificationPreference(kind: $k, enabled: $e) {
  __typename ... on MutationSetNotificationPreferenceSuccess { preferences { kind enabled } } ... on ValidationError { message fieldErrors { field message } } } }`

async function open(cookie: string, subject: string) {
  const result = await app.gql(OPEN, { s: subject }, { cookie })
  const ticket = result.data?.openTicket?.ticket
  if (!ticket) throw new Error(`openTicket failed: ${JSON.stringify(result.data ?? result.errors)}`)
  return ticket as { id: string; number: string }
}

async function ok(query: string, variables: Record<string, unknown>, cookie: string) {
  const result = await app.gql(query, variables, { cookie })
  const payload = Object.values(result.data ?? {})[0] as { __typename?: string; message?: string } | undefined
  if (!payload || payload.message || result.errors) throw new Error(`failed: ${JSON.stringify(result.data ?? result.errors)}`)
  return payload
}

const linksIn = (text: string) => [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0])
const summary = (mails: ReceivedMail[]) => mails.map((m) => [m.to, m.subject.replace(/^\[CT-\d+\] /, '')]).sort()

async function setTimeZone(contactId: string, zone: string | null) {
  await app.database.dataSource.query('UPDATE contacts SET time_zone = $2 WHERE id = $1', [contactId, zone])
}

async function makeKeyContact(customerId: string, overrides: Record<string, unknown> = {}) {
  const db = app.database.dataSource
  const contact = await makeContact(db, { id: customerId } as never, overrides)
  const [contract] = await db.query('SELECT id FROM contracts WHERE customer_id = $1 LIMIT 1', [customerId])
  await db.query('INSERT INTO contract_key_contacts (contract_id, contact_id) VALUES ($1, $2)', [contract.id, contact.id])
  return contact
}

describe('a ticket’s life in email', () => {
  it('opened → internal note → staff reply → waiting → resolved: exactly the expected emails, in each reader’s time zone, with working links', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const db = app.database.dataSource
    const { customer, keyContact } = await makeCoveredCustomer(db, { name: 'Acme & <Sons>' })
    await setTimeZone(keyContact.id, 'Europe/Berlin')
    const colleague = await makeKeyContact(customer.id, { name: 'Casey Colleague' })
    const quiet = await makeKeyContact(customer.id, { name: 'Quinn Quiet' }) // a key contact who did not opt in to copies
    const requester = await app.signIn(keyContact.email)
    await ok(SET_PREF, { k: 'ORGANISATION_TICKETS', e: true }, await app.signIn(colleague.email))

    const ticket = await open(requester, 'Totals <b>differ</b> & "quotes" break')
    clock.advance(10 * 60_000)
    await ok(REPLY, { t: ticket.id, b: 'SECRET internal: customer is on an old build', i: true }, engineer.cookie)
    clock.advance(10 * 60_000)
    await ok(REPLY, { t: ticket.id, b: 'Please send the export.\n<script>alert(1)</script>', i: false }, engineer.cookie)
    clock.advance(10 * 60_000)
    await ok(STATUS, { t: ticket.id, s: 'WAITING_ON_CUSTOMER' }, engineer.cookie)
    clock.advance(10 * 60_000)
    await ok(REPLY, { t: ticket.id, b: 'Here it is.', i: false }, requester)
    clock.advance(10 * 60_000)
    await ok(STATUS, { t: ticket.id, s: 'RESOLVED' }, engineer.cookie)

    expect(await deliver()).toMatchObject({ sent: 8, failed: 0, retrying: 0 })
    const mine = smtp.received.filter((m) => m.to === keyContact.email.toLowerCase())
    const copies = smtp.received.filter((m) => m.to === colleague.email.toLowerCase())
    expect(smtp.received.every((m) => m.rcptTo.length === 1 && m.rcptTo[0] === m.to)).toBe(true)
    expect(smtp.received.some((m) => m.to === quiet.email.toLowerCase())).toBe(false)
    const subjects = ['We received', 'New answer', 'Waiting for you', 'Resolved'].map((word) => `${word}: Totals <b>differ</b> & "quotes" break`)
    expect(mine.map((m) => m.subject.replace(/^\[CT-\d+\] /, ''))).toEqual(subjects)
    expect(copies.map((m) => m.subject.replace(/^\[CT-\d+\] /, ''))).toEqual([
      `${keyContact.name} opened: Totals <b>differ</b> & "quotes" break`,
      ...subjects.slice(1),
    ])
    expect(mine[0]!.subject).toBe(`[${ticket.number}] We received: Totals <b>differ</b> & "quotes" break`)

    // Times in each reader's zone: standard first response by the end of the Pacific support day, 18:00 in Los Angeles.
    expect(mine[0]!.text).toContain('You can expect a first response by Wed 25 Nov 2026, 03:00 Central European Standard Time.')
    expect(copies[0]!.text).toContain('Tue 24 Nov 2026, 18:00 Pacific Standard Time')
    expect(mine[1]!.text).toContain('Sam Engineer wrote:\n> Please send the export.\n> <script>alert(1)</script>')
    expect(mine[3]!.text).toContain('reply on the ticket before Tue 1 Dec 2026, 18:50 Central European Standard Time')
    expect(mine[0]!.text).toContain(`Hello ${keyContact.name},`)
    expect(mine[0]!.text).toContain('for Acme & <Sons>')

    // HTML: everything typed by a person is escaped.
    expect(mine[1]!.html).toContain('Totals &lt;b&gt;differ&lt;/b&gt; &amp; &quot;quotes&quot; break')
    expect(mine[1]!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(mine[1]!.html).not.toContain('<script>')
    expect(mine[0]!.html).toContain('Acme &amp; &lt;Sons&gt;')

    // The internal note reached no one.
    for (const mail of smtp.received) expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain('SECRET internal')

    // Links: the ticket page in the portal, which the requester can open (200) and which is this ticket.
    const ticketLink = linksIn(mine[0]!.text).find((link) => link.includes('/portal/tickets/'))!
    expect(ticketLink.startsWith('http://localhost:4000/portal/tickets/')).toBe(true)
    const path = new URL(ticketLink).pathname
    const page = await fetch(`${serverUrl}${path}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app">')
    const id = decodeURIComponent(path.split('/').at(-1)!)
    const seen = await app.gql(`query($id: ID!) { ticket(id: $id) { number } }`, { id }, { cookie: requester })
    expect(seen.data.ticket.number).toBe(ticket.number)
    const preferences = linksIn(mine[0]!.text).find((link) => link.endsWith('/portal/account/notifications'))!
    expect((await fetch(`${serverUrl}${new URL(preferences).pathname}`)).status).toBe(200)
    // Each email names its unsubscribe link in the List-Unsubscribe header too (one-click, RFC 8058).
    const header = (name: string) => mine[0]!.mail.headerLines.find((h) => h.key === name)?.line ?? ''
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(header('list-unsubscribe')).toContain('/email/unsubscribe?token=')
  })

  it('internal notes alone send nothing to anyone', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const ticket = await open(await app.signIn(keyContact.email), 'Quiet ticket')
    await deliver()
    smtp.received.length = 0
    const [before] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM email_messages')
    await ok(REPLY, { t: ticket.id, b: 'Only for us: their licence server is down', i: true }, engineer.cookie)
    await ok(REPLY, { t: ticket.id, b: 'Second note', i: true }, engineer.cookie)
    const [after] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM email_messages')
    expect(after.n).toBe(before.n)
    await deliver()
    expect(smtp.received).toEqual([])
  })

  it('a line break in a ticket subject never reaches a header: one recipient, one-line subject', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    await open(await app.signIn(keyContact.email), 'Totals\r\nBcc: victim@evil.example')
    await deliver()
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]!.rcptTo).toEqual([keyContact.email.toLowerCase()])
    expect(smtp.received[0]!.subject).toMatch(/^\[CT-\d+\] We received: Totals Bcc: victim@evil\.example$/)
    expect(smtp.received[0]!.mail.headers.has('bcc')).toBe(false)
  })
})

describe('statements', () => {
  it('an event mails all its recipients in one statement, each with an unsubscribe link, however many there are', async () => {
    const db = app.database.dataSource
    const emailStatements = async (copies: number) => {
      const { customer, keyContact } = await makeCoveredCustomer(db)
      for (let i = 0; i < copies; i++) {
        const colleague = await makeKeyContact(customer.id, { name: `Colleague ${i}` })
        await ok(SET_PREF, { k: 'ORGANISATION_TICKETS', e: true }, await app.signIn(colleague.email))
      }
      const cookie = await app.signIn(keyContact.email)
      let ticketId = ''
      const statements = await app.countStatements(async () => {
        ticketId = (await open(cookie, `Totals for ${copies} colleagues`)).id
      })
      const queued: { to_address: string; unsubscribe_url: string | null }[] = await db.query(
        `SELECT to_address, unsubscribe_url FROM email_messages WHERE ticket_id = $1`,
        [Buffer.from(ticketId, 'base64').toString('utf8').split(':')[1]],
      )
      expect(queued).toHaveLength(1 + copies)
      for (const email of queued) expect(email.unsubscribe_url).toMatch(/^http.*unsubscribe/)
      return { inserts: statements.filter((sql) => /INSERT INTO email_messages/.test(sql)).length, total: statements.length }
    }
    const one = await emailStatements(0)
    const four = await emailStatements(3)
    expect(one.inserts).toBe(1)
    expect(four.inserts).toBe(1)
    expect(four.total).toBe(one.total)
  })
})

describe('delivery', () => {
  it('a send the server refuses twice is delivered on the third try, with backoff and three attempts logged', async () => {
    clock.set('2026-11-24T18:00:00Z')
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const ticket = await open(await app.signIn(keyContact.email), 'Third time lucky')
    const [email] = await app.database.dataSource.query(`SELECT id FROM email_messages WHERE ticket_id = (SELECT id FROM tickets WHERE subject = 'Third time lucky')`)
    smtp.refuseNext(2, 451)
    const start = clock.now().getTime()

    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 })
    const row = async () => (await app.database.dataSource.query('SELECT status, attempts, next_attempt_at, last_error FROM email_messages WHERE id = $1', [email.id]))[0]
    expect(await row()).toMatchObject({ status: 'QUEUED', attempts: 1, next_attempt_at: new Date(start + 60_000) })
    expect((await row()).last_error).toContain('Try again later')

    clock.set(new Date(start + 30_000)) // not due yet
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 0 })
    clock.set(new Date(start + 60_000))
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 })
    expect(await row()).toMatchObject({ status: 'QUEUED', attempts: 2, next_attempt_at: new Date(start + 6 * 60_000) })
    clock.set(new Date(start + 6 * 60_000))
    expect(await deliver()).toMatchObject({ sent: 1 })
    expect(await row()).toMatchObject({ status: 'SENT', attempts: 3 })

    expect(smtp.received.map((m) => m.to)).toEqual([keyContact.email.toLowerCase()])
    expect(smtp.received[0]!.subject).toContain(ticket.number)
    const log = await app.database.dataSource.query('SELECT outcome, attempted_at FROM email_delivery_attempts WHERE email_id = $1 ORDER BY attempted_at', [email.id])
    expect(log.map((a: { outcome: string }) => a.outcome)).toEqual(['FAILED', 'FAILED', 'SENT'])

    // The admin's Sent mail page sees the same log.
    const admin = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN', desk: null })).email)
    const detail = await app.gql(
      `query($id: ID!) { emailMessage(id: $id) { status attempts toAddress kind textBody htmlBody deliveryAttempts { outcome detail } } }`,
      { id: globalId('EmailMessage', email.id) },
      { cookie: admin },
    )
    expect(detail.data.emailMessage).toMatchObject({ status: 'SENT', attempts: 3, toAddress: keyContact.email.toLowerCase(), kind: 'TICKET_RECEIVED' })
    expect(detail.data.emailMessage.deliveryAttempts.map((a: { outcome: string }) => a.outcome)).toEqual(['FAILED', 'FAILED', 'SENT'])
    const list = await app.gql(`{ emailMessages(first: 5, search: "Third time") { edges { node { subject status attempts } } } }`, {}, { cookie: admin })
    expect(list.data.emailMessages.edges).toHaveLength(1)
    const forbidden = await app.gql(`{ emailMessages(first: 5) { edges { node { subject } } } }`, {}, { cookie: engineer.cookie })
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('a permanent refusal (550) is given up at once as FAILED; several workers never send a message twice', async () => {
    clock.set('2026-11-24T19:00:00Z')
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    await open(await app.signIn(keyContact.email), 'No such mailbox')
    smtp.refuseNext(1, 550)
    expect(await deliver()).toMatchObject({ failed: 1 })
    const [failed] = await app.database.dataSource.query(`SELECT status, attempts FROM email_messages WHERE subject LIKE '%No such mailbox'`)
    expect(failed).toEqual({ status: 'FAILED', attempts: 1 })

    const contacts = await Promise.all(Array.from({ length: 6 }, async () => (await makeCoveredCustomer(app.database.dataSource)).keyContact))
    for (const contact of contacts) await open(await app.signIn(contact.email), `Shared worker ${contact.email}`)
    const results = await Promise.all([deliver(), deliver(), deliver()])
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(6)
    expect(smtp.received.map((m) => m.to).sort()).toEqual(contacts.map((c) => c.email.toLowerCase()).sort())
  })
})

describe('without SMTP_URL', () => {
  it('the embedded default marks queued mail sent, keeps it with its parts, and logs the attempt', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    await open(await app.signIn(keyContact.email), 'Kept in the database')
    const kept = await deliverQueuedEmails(app.database.dataSource, embeddedTransport(), { from: FROM, now: clock.now })
    expect(kept).toMatchObject({ sent: 1, failed: 0 })
    const [row] = await app.database.dataSource.query(
      `SELECT m.status, m.text_body, a.outcome, a.detail FROM email_messages m JOIN email_delivery_attempts a ON a.email_id = m.id WHERE m.subject LIKE '%Kept in the database'`,
    )
    expect(row).toMatchObject({ status: 'SENT', outcome: 'SENT' })
    expect(row.detail).toContain('SMTP_URL is not set')
    expect(row.text_body).toContain(`Hello ${keyContact.name},`)
    expect(smtp.received).toEqual([])
  })
})

describe('engineers', () => {
  it('an SLA warning and breach on an unassigned ticket mail every active engineer of its desk, in the desk’s zone', async () => {
    clock.set('2026-11-24T09:00:00Z') // 09:00 in London
    const db = app.database.dataSource
    const uk = await Promise.all([
      makeStaff(db, { role: 'ENGINEER', desk: 'UK', name: 'Uma UK' }),
      makeStaff(db, { role: 'ENGINEER', desk: 'UK', name: 'Ulf UK' }),
    ])
    const gone = await makeStaff(db, { role: 'ENGINEER', desk: 'UK', name: 'Gone UK', active: false })
    const { keyContact } = await makeCoveredCustomer(db, { homeDesk: 'UK' })
    const ticket = await open(await app.signIn(keyContact.email), 'UK totals')
    await deliver()
    smtp.received.length = 0

    clock.set('2026-11-24T17:30:00Z') // after the end of the UK support day
    await runScheduledWork(db, clock.now())
    await deliver()
    const toUk = smtp.received.filter((m) => m.subject.includes(ticket.number))
    expect(summary(toUk)).toEqual(
      uk
        .flatMap((s) => [
          [s.email, 'Goal missed: first response was due Tue 24 Nov 2026, 17:00 Greenwich Mean Time'],
          [s.email, 'SLA warning: first response due Tue 24 Nov 2026, 17:00 Greenwich Mean Time'],
        ])
        .sort(),
    )
    expect(toUk.some((m) => m.to === gone.email)).toBe(false)
    expect(toUk[0]!.text).toContain('not assigned to anyone')
    const link = linksIn(toUk[0]!.text).find((l) => l.includes('/admin/tickets/'))!
    expect(decodeURIComponent(link.split('/').at(-1)!)).toBe(ticket.id)
    expect((await fetch(`${serverUrl}${new URL(link).pathname}`)).status).toBe(200)
  })

  it('a premium ticket routed to an engineer mails that engineer; preferences stop an optional kind', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const db = app.database.dataSource
    await db.query(`UPDATE staff_users SET active = false WHERE desk = 'PACIFIC' AND role = 'ENGINEER' AND id <> $1`, [engineer.id])
    const { keyContact } = await makeCoveredCustomer(db, { premium: true })
    const premium = await open(await app.signIn(keyContact.email), 'Premium outage')
    await deliver()
    const assigned = smtp.received.filter((m) => m.to === engineer.email)
    expect(assigned.map((m) => m.subject)).toEqual([`[${premium.number}] Premium ticket assigned to you: Premium outage`])
    expect(assigned[0]!.text).toContain('First response guaranteed by: Tue 24 Nov 2026, 13:00 Pacific Standard Time')

    // The engineer turns premium assignments off: the next one is not mailed to them.
    const off = await app.gql(SET_PREF, { k: 'TICKET_ASSIGNED', e: false }, { cookie: engineer.cookie })
    expect(off.data.setNotificationPreference.preferences).toContainEqual({ kind: 'TICKET_ASSIGNED', enabled: false })
    smtp.received.length = 0
    await open(await app.signIn(keyContact.email), 'Premium outage two')
    await deliver()
    expect(smtp.received.filter((m) => m.to === engineer.email)).toEqual([])
    // ... and the customer, who turned nothing off, still hears of it.
    expect(smtp.received.map((m) => m.to)).toEqual([keyContact.email.toLowerCase()])
    await ok(SET_PREF, { k: 'TICKET_ASSIGNED', e: true }, engineer.cookie)

    // A contact cannot choose engineers' kinds, nor copies unless a key contact.
    const { otherContact } = await makeCoveredCustomer(db)
    const refused = await app.gql(SET_PREF, { k: 'SLA_BREACHED', e: false }, { cookie: await app.signIn(otherContact.email) })
    expect(refused.data.setNotificationPreference).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'kind' }] })
    const copies = await app.gql(SET_PREF, { k: 'ORGANISATION_TICKETS', e: true }, { cookie: await app.signIn(otherContact.email) })
    expect(copies.data.setNotificationPreference.message).toContain('key contacts')
  })
})

describe('preferences and unsubscribing', () => {
  it('a contact who turns “ticket received” off gets no confirmation, but still gets answers', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    const list = await app.gql(`{ notificationPreferences { kind enabled defaultEnabled label } }`, {}, { cookie })
    expect(list.data.notificationPreferences.map((p: { kind: string }) => p.kind)).toEqual([
      'TICKET_RECEIVED',
      'TICKET_ANSWERED',
      'TICKET_WAITING',
      'TICKET_RESOLVED',
      'ORGANISATION_TICKETS',
      'QUOTE_SENT',
      'QUOTE_EXPIRING',
      'CONTRACT_EXPIRING',
    ])
    expect(list.data.notificationPreferences.find((p: { kind: string }) => p.kind === 'ORGANISATION_TICKETS')).toMatchObject({ enabled: false, defaultEnabled: false })
    await ok(SET_PREF, { k: 'TICKET_RECEIVED', e: false }, cookie)
    const ticket = await open(cookie, 'No confirmation please')
    await ok(REPLY, { t: ticket.id, b: 'Here is the answer.', i: false }, engineer.cookie)
    await deliver()
    expect(summary(smtp.received)).toEqual([[keyContact.email.toLowerCase(), 'New answer: No confirmation please']])
  })

  it('the unsubscribe link works without signing in when signed, and is refused when tampered with', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    const ticket = await open(cookie, 'Unsubscribe me')
    await ok(REPLY, { t: ticket.id, b: 'First answer', i: false }, engineer.cookie)
    await deliver()
    const answered = smtp.received.find((m) => m.subject.includes('New answer'))!
    const link = linksIn(answered.text).find((l) => l.includes('/email/unsubscribe?token='))!
    const path = `${new URL(link).pathname}${new URL(link).search}`
    const token = new URL(link).searchParams.get('token')!

    const page = await fetch(`${serverUrl}${path}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Stop “New answer” emails?')
    expect(html).toContain(keyContact.email)

    const [, payload, signature] = token.split('.') as [string, string, string]
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const forged = `u1.${Buffer.from(JSON.stringify([claim[0], claim[1], 'TICKET_RECEIVED'])).toString('base64url')}.${signature}`
    const flipped = `u1.${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`
    for (const bad of [forged, flipped, 'u1.garbage', '']) {
      const refused = await fetch(`${serverUrl}/email/unsubscribe?token=${encodeURIComponent(bad)}`, { method: 'POST' })
      expect(refused.status).toBe(400)
      expect(await refused.text()).toContain('This unsubscribe link does not work')
    }
    expect(await app.database.dataSource.query('SELECT * FROM notification_preferences WHERE recipient_id = $1', [keyContact.id])).toEqual([])

    // One-click, as a mail client sends it (RFC 8058).
    const done = await fetch(`${serverUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('You are unsubscribed')
    const prefs = await app.gql(`{ notificationPreferences { kind enabled } }`, {}, { cookie })
    expect(prefs.data.notificationPreferences).toContainEqual({ kind: 'TICKET_ANSWERED', enabled: false })
    expect((await fetch(`${serverUrl}${path}`).then((r) => r.text()))).toContain('Already unsubscribed')

    smtp.received.length = 0
    await ok(REPLY, { t: ticket.id, b: 'Second answer', i: false }, engineer.cookie)
    await ok(STATUS, { t: ticket.id, s: 'RESOLVED' }, engineer.cookie)
    await deliver()
    expect(summary(smtp.received)).toEqual([[keyContact.email.toLowerCase(), 'Resolved: Unsubscribe me']])
  })
})

describe('quotes and contracts', () => {
  it('a sent quote mails those who can accept it and the requester; a contract 60 days from its end mails key contacts and customer admins', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const db = app.database.dataSource
    const { customer, keyContact, otherContact } = await makeCoveredCustomer(db, { name: 'Quote Co' })
    const admin = await makeContact(db, customer, { isCustomerAdmin: true, name: 'Ada Admin' })
    const ticket = await open(await app.signIn(otherContact.email), 'Need server log analysis')
    await deliver()
    smtp.received.length = 0
    const created = await app.gql(
      `mutation($c: ID!, $t: ID!) { createQuote(customerId: $c, ticketId: $t, lines: [{ kind: HOURS, description: "Log analysis", quantity: "2" }]) {
         ... on MutationCreateQuoteSuccess { quote { id number } } ... on Error { message } } }`,
      { c: globalId('Customer', customer.id), t: ticket.id },
      { cookie: engineer.cookie },
    )
    const quote = created.data.createQuote.quote
    await ok(`mutation($q: ID!) { sendQuote(quoteId: $q) { __typename } }`, { q: quote.id }, engineer.cookie)
    await deliver()
    expect(smtp.received.map((m) => m.to).sort()).toEqual([admin.email, keyContact.email, otherContact.email].map((e) => e.toLowerCase()).sort())
    expect(smtp.received[0]!.subject).toMatch(new RegExp(`^Quote ${quote.number} for Quote Co: \\$`))
    const link = linksIn(smtp.received[0]!.text).find((l) => l.includes('/portal/quotes/'))!
    expect(decodeURIComponent(link.split('/').at(-1)!)).toBe(quote.id)

    smtp.received.length = 0
    const other = await makeCustomer(db, { homeDesk: 'UK', currency: 'GBP', name: 'Renew Ltd' })
    const license = await makeLicense(db, other)
    const named = await makeContact(db, other, { name: 'Nia Named' })
    const otherAdmin = await makeContact(db, other, { name: 'Owen Admin', isCustomerAdmin: true })
    await makeContact(db, other, { name: 'Not Told' })
    await makeContract(db, other, license, 'MAINTENANCE', { start: '2026-01-01', end: '2027-01-20' }, [named])
    await runScheduledWork(db, new Date('2026-11-21T12:00:00Z'))
    await deliver()
    expect(summary(smtp.received.filter((m) => m.subject.startsWith('Renew Ltd')))).toEqual(
      [named.email, otherAdmin.email].map((e) => [e.toLowerCase(), 'Renew Ltd: Maintenance ends in 60 days']).sort(),
    )
  })
})

describe('typed errors', () => {
  it('a malformed address or a line break in it is refused with a field error, and nothing is queued', async () => {
    const admin = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN', desk: null })).email)
    const [before] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM email_messages')
    const SEND = `mutation($k: EmailKind!, $to: String!) { sendEmailPreview(kind: $k, to: $to) {
      __typename ... on ValidationError { message fieldErrors { field message } } ... on MutationSendEmailPreviewSuccess { email { subject toAddress } } } }`
    for (const to of ['not-an-address', 'a@b.example\r\nBcc: victim@evil.example', 'Alex <alex@acme.example>']) {
      const refused = await app.gql(SEND, { k: 'SLA_BREACHED', to }, { cookie: admin })
      expect(refused.data.sendEmailPreview).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'to' }] })
    }
    const [after] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM email_messages')
    expect(after.n).toBe(before.n)
    await deliver()
    expect(smtp.received).toEqual([])

    const sent = await app.gql(SEND, { k: 'SLA_BREACHED', to: 'me@covered.test' }, { cookie: admin })
    expect(sent.data.sendEmailPreview.email.subject).toMatch(/^\[Preview\] \[CT-000123\] Goal missed|^\[Preview\] \[CT-000123\] Guarantee missed/)
    await deliver()
    expect(smtp.received.map((m) => m.to)).toEqual(['me@covered.test'])
  })

  it('every kind previews with sample data for staff, escaped', async () => {
    const kinds = ['TICKET_RECEIVED', 'TICKET_ANSWERED', 'TICKET_WAITING', 'TICKET_RESOLVED', 'QUOTE_SENT', 'QUOTE_EXPIRING', 'CONTRACT_EXPIRING', 'TICKET_ASSIGNED', 'SLA_WARNING', 'SLA_BREACHED']
    for (const kind of kinds) {
      const result = await app.gql(`query($k: EmailKind!) { emailPreview(kind: $k) { subject text html timeZone audience } }`, { k: kind }, { cookie: engineer.cookie })
      const preview = result.data.emailPreview
      expect(preview.subject.length).toBeGreaterThan(5)
      expect(preview.text).toContain('Hello ')
      expect(preview.html).toContain('<!doctype html>')
      expect(preview.html).not.toMatch(/<raw>/)
    }
  })
})
