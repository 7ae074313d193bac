import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContract, makeCoveredCustomer, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { runScheduledWork } from '../../tickets/scheduler.js'
import { onDomainEvent } from '../domain-events.js'

const clock = createClock('2026-11-24T17:00:00Z') // Tuesday 09:00 Los Angeles
let app: TestApp
let staff: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  staff = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
})
afterAll(() => app.close())

const OPEN = `mutation($s: String!) { openTicket(input: { subject: $s, body: "Totals differ", category: DATA_DISCREPANCY }) { ... on MutationOpenTicketSuccess { ticket { id number } } ... on Error { message } } }`
const REPLY = `mutation($t: ID!, $b: String!, $i: Boolean) { replyToTicket(ticketId: $t, body: $b, internal: $i) { __typename ... on Error { message } } }`

async function eventsOf(ticketNumber: string) {
  return app.database.dataSource.query(
    `SELECT e.type, e.actor_kind, e.data FROM domain_events e WHERE e.data->>'number' = $1 ORDER BY e.seq`,
    [ticketNumber],
  )
}

describe('domain events', () => {
  it('a ticket’s life is recorded as events with its facts; internal notes never become events', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const customer = await app.signIn(keyContact.email)
    const ticket = (await app.gql(OPEN, { s: 'Report totals differ' }, { cookie: customer })).data.openTicket.ticket
    clock.advance(60_000)
    await app.gql(REPLY, { t: ticket.id, b: 'Checked the logs: internal only', i: true }, { cookie: staff })
    clock.advance(60_000)
    await app.gql(REPLY, { t: ticket.id, b: 'Please send the export.', i: false }, { cookie: staff })
    clock.advance(60_000)
    await app.gql(`mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: WAITING_ON_CUSTOMER) { __typename } }`, { t: ticket.id }, { cookie: staff })

    const events = await eventsOf(ticket.number)
    expect(events.map((e: any) => e.type)).toEqual(['ticket.created', 'ticket.status_changed', 'ticket.reply_added', 'ticket.status_changed'])
    expect(events[0]).toMatchObject({ actor_kind: 'CONTACT', data: { number: ticket.number, subject: 'Report totals differ', plan: 'STANDARD', status: 'NEW' } })
    expect(events[0].data.firstResponseDueAt).toMatch(/^2026-11-2\dT/)
    expect(events[2]).toMatchObject({ actor_kind: 'STAFF', data: { from: 'SUPPORT', body: 'Please send the export.' } })
    expect(events[3].data).toMatchObject({ from: 'OPEN', to: 'WAITING_ON_CUSTOMER' })
    expect(JSON.stringify(events)).not.toContain('internal only')
  })

  it('a consumer writes in the change’s transaction: when it fails, the change and its events are not stored', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const customer = await app.signIn(keyContact.email)
    const stop = onDomainEvent(async (_manager, event) => {
      if (event.type === 'ticket.created') throw new Error('outbox is down')
    })
    try {
      const failed = await app.gql(OPEN, { s: 'Never stored' }, { cookie: customer })
      expect(failed.errors?.[0]?.message ?? failed.data?.openTicket?.message).toBeTruthy()
    } finally {
      stop()
    }
    const [tickets] = await app.database.dataSource.query(`SELECT count(*)::int AS n FROM tickets WHERE subject = 'Never stored'`)
    expect(tickets.n).toBe(0)
    const [events] = await app.database.dataSource.query(`SELECT count(*)::int AS n FROM domain_events WHERE data->>'subject' = 'Never stored'`)
    expect(events.n).toBe(0)
  })

  it('the scheduler raises SLA warnings and breaches, and premium routing is an assignment', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource, { premium: true })
    await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })
    clock.set('2026-11-24T17:00:00Z')
    const ticket = (await app.gql(OPEN, { s: 'Premium outage' }, { cookie: await app.signIn(keyContact.email) })).data.openTicket.ticket
    await runScheduledWork(app.database.dataSource, new Date('2026-11-24T21:30:00Z')) // 4.5 business hours later
    const events = await eventsOf(ticket.number)
    const types = events.map((e: any) => e.type)
    expect(types).toContain('ticket.assigned')
    const breach = events.find((e: any) => e.type === 'ticket.sla_breached' && e.data.target === 'firstResponse')
    expect(breach).toMatchObject({ actor_kind: 'SYSTEM', data: { kind: 'GUARANTEE', plan: 'PREMIUM', dueAt: '2026-11-24T21:00:00.000Z' } })
    expect(types.filter((t: string) => t === 'ticket.sla_warning').length).toBeGreaterThanOrEqual(1)
  })
})

describe('reminders', () => {
  it('a contract ending in 60 and then 30 days is announced once at each, whatever the number of passes', async () => {
    const db = app.database.dataSource
    const customer = await makeCustomer(db, { homeDesk: 'UK', currency: 'GBP' })
    const license = await makeLicense(db, customer)
    const contract = await makeContract(db, customer, license, 'MAINTENANCE', { start: '2026-01-01', end: '2027-01-20' })
    const announced = async () =>
      (await db.query(`SELECT data FROM domain_events WHERE type = 'contract.expiring' AND contract_id = $1 ORDER BY seq`, [contract.id])).map((r: any) => r.data.milestone)

    await runScheduledWork(db, new Date('2026-11-20T12:00:00Z')) // 61 days left: nothing yet
    expect(await announced()).toEqual([])
    await runScheduledWork(db, new Date('2026-11-21T12:00:00Z')) // 60 days left
    await runScheduledWork(db, new Date('2026-11-22T12:00:00Z'))
    expect(await announced()).toEqual([60])
    await runScheduledWork(db, new Date('2026-12-21T12:00:00Z')) // 30 days left
    await runScheduledWork(db, new Date('2026-12-25T12:00:00Z'))
    expect(await announced()).toEqual([60, 30])
    const [event] = await db.query(`SELECT data FROM domain_events WHERE type = 'contract.expiring' AND contract_id = $1 ORDER BY seq DESC LIMIT 1`, [contract.id])
    expect(event.data).toMatchObject({ kind: 'MAINTENANCE', endDate: '2027-01-20', daysLeft: 30, currency: 'GBP' })
  })

  it('a renewed contract is not announced, and a sent quote is announced once three days before it expires', async () => {
    const db = app.database.dataSource
    const customer = await makeCustomer(db)
    const license = await makeLicense(db, customer)
    const renewed = await makeContract(db, customer, license, 'MAINTENANCE', { start: '2026-01-01', end: '2027-01-20' })
    await db.query(`INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency) VALUES ($1, '2027-01-21', '2028-01-20', 1000, 'USD')`, [renewed.id])
    clock.set('2026-11-24T17:00:00Z')
    const created = await app.gql(
      `mutation($c: ID!) { createQuote(customerId: $c, lines: [{ kind: HOURS, description: "Migration", quantity: "2" }]) { ... on MutationCreateQuoteSuccess { quote { id number validUntil } } ... on Error { message } } }`,
      { c: Buffer.from(`Customer:${customer.id}`).toString('base64') },
      { cookie: staff },
    )
    const quote = created.data.createQuote.quote
    expect(quote.validUntil).toBe('2026-12-24')
    await app.gql(`mutation($q: ID!) { sendQuote(quoteId: $q) { __typename } }`, { q: quote.id }, { cookie: staff })

    await runScheduledWork(db, new Date('2026-12-20T20:00:00Z')) // 4 days left at the Pacific desk
    await runScheduledWork(db, new Date('2026-12-21T20:00:00Z')) // 3 days left
    await runScheduledWork(db, new Date('2026-12-22T20:00:00Z'))
    const events = await db.query(`SELECT type, data FROM domain_events WHERE type IN ('quote.sent', 'quote.expiring', 'contract.expiring') AND customer_id = $1 ORDER BY seq`, [customer.id])
    expect(events.map((e: any) => [e.type, e.data.number])).toEqual([
      ['quote.sent', quote.number],
      ['quote.expiring', quote.number],
    ])
    expect(events[1].data).toMatchObject({ daysLeft: 3, validUntil: '2026-12-24', currency: 'USD' })
  })
})
