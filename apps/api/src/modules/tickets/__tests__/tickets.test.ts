import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeCoveredCustomer, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { runDueJobs } from '../scheduler.js'

const TICKET = `id number subject status plan lane desk version
  entitlement { plan reasons remedies }
  scope { decision rule explanation labelsCounted }
  firstResponse { kind dueAt warningAt state metAt businessMinutesLeft }
  resolution { kind dueAt state metAt }
  paused
  messages { body internal authorKind }
  timeline { kind summary }`
const OPEN = `mutation($input: OpenTicketInput!) { openTicket(input: $input) {
  __typename ... on MutationOpenTicketSuccess { ticket { ${TICKET} } }
  ... on Error { code message } ... on ValidationError { fieldErrors { field message } } ... on PolicyError { rule } } }`
const REPLY = `mutation($id: ID!, $body: String!, $internal: Boolean) { replyToTicket(ticketId: $id, body: $body, internal: $internal) {
  __typename ... on MutationReplyToTicketSuccess { ticket { ${TICKET} } } ... on Error { code message } ... on PolicyError { rule } } }`
const STATUS = `mutation($id: ID!, $status: TicketStatus!) { changeTicketStatus(ticketId: $id, status: $status) {
  __typename ... on MutationChangeTicketStatusSuccess { ticket { ${TICKET} } } ... on Error { code message } ... on PolicyError { rule } } }`
const GET = `query($id: ID!) { ticket(id: $id) { ${TICKET} } }`

// Tuesday 2026-11-24, 09:00 in Los Angeles (17:00 UTC); the UK desk has just closed.
const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let engineerCookie: string
let adminCookie: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  const engineer = await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Pat Pacific' })
  engineerCookie = await app.signIn(engineer.email)
  adminCookie = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN', desk: null })).email)
})
afterAll(() => app.close())

const question = (extra: Record<string, unknown> = {}) => ({
  subject: 'Visits dropped after the redesign',
  body: 'Since Monday the visits report shows half the traffic.',
  category: 'DATA_DISCREPANCY',
  ...extra,
})

async function open(cookie: string, input: Record<string, unknown>) {
  const response = await app.gql(OPEN, { input }, { cookie })
  expect(response.errors).toBeUndefined()
  return response.data.openTicket
}

describe('intake', () => {
  it('a key contact opens a standard ticket: plan, scope and due times decided at once, with reasons', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    const result = await open(cookie, question())
    const ticket = result.ticket
    expect(ticket.number).toMatch(/^CT-\d{6}$/)
    expect(ticket).toMatchObject({ status: 'NEW', plan: 'STANDARD', lane: 'CUSTOMER', desk: 'PACIFIC', paused: false })
    expect(ticket.entitlement.reasons[0]).toMatch(/named key contact on the active Maintenance contract/)
    expect(ticket.scope).toMatchObject({ decision: 'IN_SCOPE' })
    // Same day: the end of the Pacific support day, 18:00 Los Angeles.
    expect(ticket.firstResponse).toMatchObject({ kind: 'GOAL', dueAt: '2026-11-25T02:00:00.000Z', state: 'RUNNING', businessMinutesLeft: 540 })
    // 24 business hours: Tue 9h + Wed 11h, Thanksgiving Thursday is a Pacific holiday, then 4h on Friday -> 11:00 LA.
    expect(ticket.resolution).toMatchObject({ kind: 'GOAL', dueAt: '2026-11-27T19:00:00.000Z', state: 'RUNNING' })
    expect(ticket.messages).toEqual([{ body: 'Since Monday the visits report shows half the traffic.', internal: false, authorKind: 'CONTACT' }])
    expect(ticket.timeline.map((e: any) => e.kind)).toEqual(['CREATED', 'ENTITLEMENT', 'SCOPE_DECIDED'])
  })

  it('a premium ticket gets the 4-hour guarantee and goes at once to the least-loaded engineer of an open desk', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const db = app.database.dataSource
    const busy = await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Busy Bee' })
    const ukEngineer = await makeStaff(db, { role: 'ENGINEER', desk: 'UK', name: 'Una UK' })
    const { keyContact } = await makeCoveredCustomer(db, { premium: true })
    const cookie = await app.signIn(keyContact.email)
    // Load the busy engineer with an open ticket.
    const first = await open(cookie, question({ subject: 'First' }))
    await app.gql('mutation($t: ID!, $a: ID) { assignTicket(ticketId: $t, assigneeId: $a) { __typename } }', { t: first.ticket.id, a: globalId('StaffUser', busy.id) }, { cookie: adminCookie })
    const second = await open(cookie, question({ subject: 'Second' }))
    const detail = await app.gql(`query($id: ID!) { ticket(id: $id) { plan desk assignee { name desk } firstResponse { kind dueAt } } }`, { id: second.ticket.id }, { cookie: adminCookie })
    expect(detail.data.ticket.plan).toBe('PREMIUM')
    expect(detail.data.ticket.firstResponse).toEqual({ kind: 'GUARANTEE', dueAt: '2026-11-24T21:00:00.000Z' })
    // The Pacific desk is open (the UK desk closed at 17:00 London): a Pacific engineer with the fewest open tickets.
    expect(detail.data.ticket.desk).toBe('PACIFIC')
    expect(detail.data.ticket.assignee.desk).toBe('PACIFIC')
    expect(detail.data.ticket.assignee.name).not.toBe('Busy Bee')
    void ukEngineer
  })

  it('a contact who is not a key contact is recorded as NOT_ENTITLED, runs no clock, and is told why and what would fix it', async () => {
    const { otherContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(otherContact.email)
    const { ticket } = await open(cookie, question())
    expect(ticket.plan).toBe('NOT_ENTITLED')
    expect(ticket.firstResponse).toBeNull()
    expect(ticket.resolution).toBeNull()
    expect(ticket.entitlement.remedies.join(' ')).toMatch(/key contact/)
  })

  it('a prospect gets standard support in the prospect lane', async () => {
    const prospect = await makeCustomer(app.database.dataSource, { homeDesk: 'UK', currency: 'GBP' })
    const evaluator = await makeContact(app.database.dataSource, prospect)
    const { ticket } = await open(await app.signIn(evaluator.email), question())
    expect(ticket).toMatchObject({ plan: 'STANDARD', lane: 'PROSPECT', desk: 'UK' })
  })

  it('staff open a ticket on a contact’s behalf; the requester is the contact', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const { ticket } = await open(engineerCookie, question({ requesterId: globalId('Contact', keyContact.id) }))
    expect(ticket.plan).toBe('STANDARD')
    const missing = await app.gql(OPEN, { input: question() }, { cookie: engineerCookie })
    expect(missing.data.openTicket.fieldErrors).toEqual([{ field: 'requesterId', message: 'Choose the contact the ticket is for.' }])
  })

  it('an idempotency key makes 100 parallel submits create one ticket; the same key with another question is refused', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    const results = await Promise.all(Array.from({ length: 100 }, () => app.gql(OPEN, { input: question({ idempotencyKey: 'form-42' }) }, { cookie })))
    const ids = new Set(results.map((r) => r.data.openTicket.ticket.id))
    expect(ids.size).toBe(1)
    const rows = await app.database.dataSource.query('SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1', [keyContact.id])
    expect(rows[0].n).toBe(1)
    const other = await app.gql(OPEN, { input: question({ idempotencyKey: 'form-42', subject: 'Something else' }) }, { cookie })
    expect(other.data.openTicket.fieldErrors[0]).toEqual({
      field: 'idempotencyKey',
      message: 'This idempotency key was already used for a different ticket; use a new key for a new question.',
    })
  })

  it('200 concurrent creates give 200 tickets with distinct numbers and no error', async () => {
    const db = app.database.dataSource
    const covered = await Promise.all(Array.from({ length: 5 }, () => makeCoveredCustomer(db)))
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => app.gql(OPEN, { input: question({ subject: `Load ${i}`, requesterId: globalId('Contact', covered[i % 5]!.keyContact.id) }) }, { cookie: engineerCookie })),
    )
    expect(results.filter((r) => r.errors || r.data.openTicket.__typename !== 'MutationOpenTicketSuccess')).toEqual([])
    const numbers = new Set(results.map((r) => r.data.openTicket.ticket.number))
    expect(numbers.size).toBe(200)
  })

  it('refuses bad input with typed errors and writes nothing', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    const errors = async (input: Record<string, unknown>) => (await app.gql(OPEN, { input }, { cookie })).data.openTicket.fieldErrors
    expect(await errors(question({ subject: '   ' }))).toEqual([{ field: 'subject', message: 'Enter a subject: one line saying what the question is about.' }])
    expect(await errors(question({ body: 'x'.repeat(20_001) }))).toEqual([
      { field: 'body', message: 'The description is over 20,000 characters; shorten it or split it into two tickets.' },
    ])
    const unknown = await app.gql(OPEN, { input: question({ category: 'ASTROLOGY' }) }, { cookie })
    expect(unknown.errors?.[0]?.message).toMatch(/Value "ASTROLOGY" does not exist in "TicketCategory" enum/)
    const rows = await app.database.dataSource.query('SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1', [keyContact.id])
    expect(rows[0].n).toBe(0)
  })
})

describe('triage at intake', () => {
  it('counts basic labels per contract term across the customer’s tickets: past the fifth needs Professional Services', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    const first = await open(cookie, question({ category: 'BASIC_LABELS', labelsRequested: 4 }))
    expect(first.ticket.scope).toMatchObject({ decision: 'IN_SCOPE', labelsCounted: 4 })
    const second = await open(cookie, question({ category: 'BASIC_LABELS', labelsRequested: 2 }))
    expect(second.ticket.scope).toMatchObject({ decision: 'NEEDS_PROFESSIONAL_SERVICES', labelsCounted: 1 })
  })

  it('basic-label tickets opened at the same time still count exactly five labels; other questions opened beside them go through', async () => {
    const { customer, keyContact, otherContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    const labels = Array.from({ length: 8 }, (_, i) => app.gql(OPEN, { input: question({ subject: `Label ${i}`, category: 'BASIC_LABELS', labelsRequested: 1 }) }, { cookie }))
    const others = Array.from({ length: 4 }, (_, i) =>
      app.gql(OPEN, { input: question({ subject: `Other ${i}`, requesterId: globalId('Contact', otherContact.id) }) }, { cookie: engineerCookie }),
    )
    const results = await Promise.all([...labels, ...others])
    expect(results.map((r) => r.errors ?? r.data.openTicket.__typename)).toEqual(Array(12).fill('MutationOpenTicketSuccess'))
    const decisions = results.slice(0, 8).map((r) => r.data.openTicket.ticket.scope)
    expect(decisions.filter((s) => s.decision === 'IN_SCOPE')).toHaveLength(5)
    expect(decisions.filter((s) => s.decision === 'NEEDS_PROFESSIONAL_SERVICES' && s.labelsCounted === 0)).toHaveLength(3)
    const [counted] = await app.database.dataSource.query(
      `SELECT sum(labels_counted)::int AS labels, count(*)::int AS tickets FROM tickets WHERE customer_id = $1 AND category = 'BASIC_LABELS'`,
      [customer.id],
    )
    expect(counted).toEqual({ labels: 5, tickets: 8 })
  })

  it('combination labels: up to 3 joined in scope, more need Professional Services', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const cookie = await app.signIn(keyContact.email)
    expect((await open(cookie, question({ category: 'COMBINATION_LABELS', joinedLabels: 3 }))).ticket.scope.decision).toBe('IN_SCOPE')
    expect((await open(cookie, question({ category: 'COMBINATION_LABELS', joinedLabels: 4 }))).ticket.scope.decision).toBe('NEEDS_PROFESSIONAL_SERVICES')
  })

  it('multi-site tracking needs a case-by-case review by an admin, recorded in the exception register; engineers override with a reason', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const { ticket } = await open(await app.signIn(keyContact.email), question({ category: 'MULTI_SITE_TRACKING' }))
    expect(ticket.scope.decision).toBe('NEEDS_REVIEW')
    const DECIDE = `mutation($id: ID!, $scope: ScopeDecision!, $reason: String!) { decideTicketScope(ticketId: $id, scope: $scope, reason: $reason) {
      __typename ... on MutationDecideTicketScopeSuccess { ticket { scope { decision rule explanation } } } ... on Error { message } } }`
    const byEngineer = await app.gql(DECIDE, { id: ticket.id, scope: 'IN_SCOPE', reason: 'Two sites only' }, { cookie: engineerCookie })
    expect(byEngineer.data.decideTicketScope).toEqual({ __typename: 'ForbiddenError', message: 'Case-by-case reviews are decided by an admin.' })
    const byAdmin = await app.gql(DECIDE, { id: ticket.id, scope: 'IN_SCOPE', reason: 'Two related domains, simple setup' }, { cookie: adminCookie })
    expect(byAdmin.data.decideTicketScope.ticket.scope).toEqual({ decision: 'IN_SCOPE', rule: 'case-review', explanation: 'Two related domains, simple setup' })
    const register = await app.database.dataSource.query(`SELECT kind, before_scope, after_scope, reason FROM scope_decisions WHERE ticket_id = (SELECT id FROM tickets WHERE subject = $1 AND category = 'MULTI_SITE_TRACKING' LIMIT 1)`, [ticket.subject])
    expect(register).toEqual([{ kind: 'CASE_REVIEW', before_scope: 'NEEDS_REVIEW', after_scope: 'IN_SCOPE', reason: 'Two related domains, simple setup' }])
  })
})

describe('conversation and status', () => {
  it('the first public staff reply meets the first response and opens the ticket; internal notes never reach the customer', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const customerCookie = await app.signIn(keyContact.email)
    const { ticket } = await open(customerCookie, question())
    clock.set('2026-11-24T18:30:00Z')
    const note = await app.gql(REPLY, { id: ticket.id, body: 'Looks like their tracking code moved', internal: true }, { cookie: engineerCookie })
    expect(note.data.replyToTicket.ticket).toMatchObject({ status: 'NEW', firstResponse: { state: 'RUNNING', metAt: null } })
    const reply = await app.gql(REPLY, { id: ticket.id, body: 'Please check the tracking code on the new templates.' }, { cookie: engineerCookie })
    expect(reply.data.replyToTicket.ticket).toMatchObject({ status: 'OPEN', firstResponse: { state: 'MET', metAt: '2026-11-24T18:30:00.000Z' } })

    const seen = await app.gql(GET, { id: ticket.id }, { cookie: customerCookie })
    expect(seen.data.ticket.messages.map((m: any) => m.body)).toEqual([
      'Since Monday the visits report shows half the traffic.',
      'Please check the tracking code on the new templates.',
    ])
    expect(JSON.stringify(seen.data)).not.toContain('tracking code moved')
    expect(seen.data.ticket.timeline.map((e: any) => e.kind)).not.toContain('NOTE_ADDED')
    const staffView = await app.gql(GET, { id: ticket.id }, { cookie: engineerCookie })
    expect(staffView.data.ticket.messages.filter((m: any) => m.internal)).toHaveLength(1)

    const customerNote = await app.gql(REPLY, { id: ticket.id, body: 'sneaky', internal: true }, { cookie: customerCookie })
    expect(customerNote.data.replyToTicket).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN', message: 'Only staff can write internal notes.' })
  })

  it('waiting on the customer pauses the clocks; their reply resumes them with due times moved by the business time paused', async () => {
    clock.set('2026-11-24T17:00:00Z') // 09:00 LA
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const customerCookie = await app.signIn(keyContact.email)
    const { ticket } = await open(customerCookie, question())
    const originalResolutionDue = ticket.resolution.dueAt
    clock.set('2026-11-24T18:00:00Z') // 10:00 LA
    await app.gql(REPLY, { id: ticket.id, body: 'Can you send a screenshot?' }, { cookie: engineerCookie })
    const waiting = await app.gql(STATUS, { id: ticket.id, status: 'WAITING_ON_CUSTOMER' }, { cookie: engineerCookie })
    expect(waiting.data.changeTicketStatus.ticket).toMatchObject({ status: 'WAITING_ON_CUSTOMER', paused: true, resolution: { state: 'PAUSED' } })
    clock.set('2026-11-24T21:00:00Z') // 13:00 LA: three business hours later
    const back = await app.gql(REPLY, { id: ticket.id, body: 'Here it is.' }, { cookie: customerCookie })
    const resumed = back.data.replyToTicket.ticket
    expect(resumed).toMatchObject({ status: 'OPEN', paused: false, resolution: { state: 'RUNNING' } })
    // Friday 11:00 LA + 3 business hours = Friday 14:00 LA.
    expect(originalResolutionDue).toBe('2026-11-27T19:00:00.000Z')
    expect(resumed.resolution.dueAt).toBe('2026-11-27T22:00:00.000Z')
    expect(resumed.timeline.map((e: any) => e.summary)).toContain('Response-time clocks resumed; due times moved 180 business minutes later')
  })

  it('refuses a move the status machine forbids, a reply to a closed ticket, and another organisation’s ticket as nonexistent', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const customerCookie = await app.signIn(keyContact.email)
    const { ticket } = await open(customerCookie, question())
    const resolve = await app.gql(STATUS, { id: ticket.id, status: 'RESOLVED' }, { cookie: engineerCookie })
    expect(resolve.data.changeTicketStatus).toMatchObject({
      __typename: 'PolicyError',
      rule: 'INVALID_TRANSITION',
      message: 'A ticket can be resolved only after staff have sent at least one public reply: answer the customer first.',
    })
    await app.gql(REPLY, { id: ticket.id, body: 'Fixed in 8.2.1.' }, { cookie: engineerCookie })
    expect((await app.gql(STATUS, { id: ticket.id, status: 'RESOLVED' }, { cookie: engineerCookie })).data.changeTicketStatus.ticket).toMatchObject({
      status: 'RESOLVED',
      resolution: { state: 'MET' },
    })
    expect((await app.gql(STATUS, { id: ticket.id, status: 'CLOSED' }, { cookie: engineerCookie })).data.changeTicketStatus.ticket.status).toBe('CLOSED')
    const late = await app.gql(REPLY, { id: ticket.id, body: 'One more thing' }, { cookie: customerCookie })
    expect(late.data.replyToTicket).toMatchObject({ __typename: 'PolicyError', message: 'This ticket is closed and takes no more replies; please open a new ticket.' })

    const stranger = await makeCoveredCustomer(app.database.dataSource)
    const strangerCookie = await app.signIn(stranger.keyContact.email)
    const peek = await app.gql(GET, { id: ticket.id }, { cookie: strangerCookie })
    const absent = await app.gql(GET, { id: globalId('Ticket', '00000000-0000-4000-8000-00000000abcd') }, { cookie: strangerCookie })
    expect(peek).toMatchObject({ data: { ticket: null } })
    expect(peek.errors).toEqual(absent.errors)
    const meddle = await app.gql(REPLY, { id: ticket.id, body: 'hi' }, { cookie: strangerCookie })
    expect(meddle.data.replyToTicket).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'That ticket was not found.' })
  })

  it('a key contact sees the organisation’s tickets; another contact only their own', async () => {
    const { keyContact, otherContact } = await makeCoveredCustomer(app.database.dataSource)
    const keyCookie = await app.signIn(keyContact.email)
    const otherCookie = await app.signIn(otherContact.email)
    await open(keyCookie, question({ subject: 'Key question' }))
    await open(otherCookie, question({ subject: 'Other question' }))
    const LIST = `{ tickets(order: RECENT_ACTIVITY) { edges { node { subject } } } }`
    const subjects = async (cookie: string) => (await app.gql(LIST, {}, { cookie })).data.tickets.edges.map((e: any) => e.node.subject).sort()
    expect(await subjects(keyCookie)).toEqual(['Key question', 'Other question'])
    expect(await subjects(otherCookie)).toEqual(['Other question'])
  })
})

describe('the scheduler', () => {
  it('raises the warning at 75% and the breach at the due time, without any request, and keeps the premium guarantee apart', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const db = app.database.dataSource
    const { keyContact } = await makeCoveredCustomer(db, { premium: true })
    const { ticket } = await open(await app.signIn(keyContact.email), question())
    expect(ticket.firstResponse).toMatchObject({ kind: 'GUARANTEE', dueAt: '2026-11-24T21:00:00.000Z', warningAt: '2026-11-24T20:00:00.000Z' })
    await runDueJobs(db, new Date('2026-11-24T19:59:59Z'))
    expect((await app.gql(GET, { id: ticket.id }, { cookie: engineerCookie })).data.ticket.firstResponse.state).toBe('RUNNING')
    await runDueJobs(db, new Date('2026-11-24T20:00:00Z'))
    expect((await app.gql(GET, { id: ticket.id }, { cookie: engineerCookie })).data.ticket.firstResponse.state).toBe('WARNING')
    await runDueJobs(db, new Date('2026-11-24T21:00:00Z'))
    const breached = (await app.gql(GET, { id: ticket.id }, { cookie: engineerCookie })).data.ticket
    expect(breached.firstResponse.state).toBe('BREACHED')
    expect(breached.timeline.filter((e: any) => e.kind.startsWith('SLA_')).map((e: any) => e.summary)).toEqual([
      '75% of the first response time used',
      'Premium guarantee missed: first response was due',
    ])
    const [event] = await db.query(`SELECT at FROM ticket_events WHERE kind = 'SLA_BREACHED' AND ticket_id = (SELECT id FROM tickets WHERE first_response_state = 'BREACHED' ORDER BY created_at DESC LIMIT 1)`)
    expect(new Date(event.at).toISOString()).toBe('2026-11-24T21:00:00.000Z')
  })

  it('two schedulers running at once do each job once', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const db = app.database.dataSource
    const { keyContact } = await makeCoveredCustomer(db)
    const cookie = await app.signIn(keyContact.email)
    for (let i = 0; i < 5; i++) await open(cookie, question({ subject: `Parallel ${i}` }))
    const later = new Date('2026-12-31T00:00:00Z')
    const [a, b] = await Promise.all([runDueJobs(db, later), runDueJobs(db, later)])
    const events = await db.query(
      `SELECT count(*)::int AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.requester_id = $1 AND e.kind = 'SLA_BREACHED'`,
      [keyContact.id],
    )
    expect(events[0].n).toBe(10) // first response and resolution, for each of 5 tickets
    expect(a + b).toBeGreaterThanOrEqual(20)
  })

  it('closes a resolved ticket 7 days later', async () => {
    clock.set('2026-11-24T17:00:00Z')
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const { ticket } = await open(await app.signIn(keyContact.email), question())
    await app.gql(REPLY, { id: ticket.id, body: 'Done.' }, { cookie: engineerCookie })
    await app.gql(STATUS, { id: ticket.id, status: 'RESOLVED' }, { cookie: engineerCookie })
    await runDueJobs(app.database.dataSource, new Date('2026-12-01T16:59:59Z'))
    expect((await app.gql(GET, { id: ticket.id }, { cookie: engineerCookie })).data.ticket.status).toBe('RESOLVED')
    await runDueJobs(app.database.dataSource, new Date('2026-12-01T17:00:00Z'))
    expect((await app.gql(GET, { id: ticket.id }, { cookie: engineerCookie })).data.ticket.status).toBe('CLOSED')
  })
})

describe('queues', () => {
  it('premium first, then the earliest due, a keyset page at a time', async () => {
    const fresh = await createTestApp({ clock: createClock('2026-11-24T17:00:00Z') })
    try {
      const db = fresh.database.dataSource
      const staff = await fresh.signIn((await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
      const standard = await makeCoveredCustomer(db, { name: 'Standard Co' })
      const premium = await makeCoveredCustomer(db, { premium: true, name: 'Premium Co' })
      const openAs = async (contact: { id: string }, subject: string) =>
        (await fresh.gql(OPEN, { input: question({ subject, requesterId: globalId('Contact', contact.id) }) }, { cookie: staff })).data.openTicket.ticket
      await openAs(standard.keyContact, 'standard early')
      fresh.clock.advance(60_000)
      await openAs(premium.keyContact, 'premium')
      fresh.clock.advance(60_000)
      await openAs(standard.keyContact, 'standard late')
      await openAs(standard.otherContact, 'not entitled')
      const page = async (after?: string) =>
        (await fresh.gql('query($after: String) { tickets(first: 2, after: $after) { edges { node { subject } } pageInfo { hasNextPage endCursor } } }', { after }, { cookie: staff })).data.tickets
      const first = await page()
      const second = await page(first.pageInfo.endCursor)
      expect([...first.edges, ...second.edges].map((e: any) => e.node.subject)).toEqual(['premium', 'standard early', 'standard late', 'not entitled'])
      expect(second.pageInfo.hasNextPage).toBe(false)
    } finally {
      await fresh.close()
    }
  })
})
