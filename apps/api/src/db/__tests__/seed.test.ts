import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClock, createTestApp, type TestApp } from '../../../test/harness.js'
import { DEMO_PASSWORD, seedDemoData } from '../seed.js'

// Who is assigned is staff-only: contacts ask for everything else.
const CUSTOMER_SEES = `id number subject status plan lane desk customer { name }
  scope { decision }
  firstResponse { kind state } resolution { kind state }
  messages { body internal authorKind }
  timeline { kind actorKind }`
const STAFF_SEES = `${CUSTOMER_SEES} assignee { email }`
const ticketsQuery = (fields: string) => `query($desk: Desk, $mine: Boolean, $statuses: [TicketStatus!], $order: TicketOrder, $customerId: ID) {
  tickets(first: 100, desk: $desk, mine: $mine, statuses: $statuses, order: $order, customerId: $customerId) {
    edges { node { ${fields} } } } }`
const QUOTES = `query { quotes(first: 20) { edges { node { number status customer { id name } ticket { subject status scope { decision } } } } } }`

interface Ticket {
  id: string
  number: string
  subject: string
  status: string
  plan: string
  lane: string
  desk: 'PACIFIC' | 'UK'
  assignee?: { email: string } | null
  customer: { name: string }
  scope: { decision: string }
  firstResponse: { kind: string; state: string } | null
  resolution: { kind: string; state: string } | null
  messages: { body: string; internal: boolean; authorKind: string }[]
  timeline: { kind: string; actorKind: string }[]
}

const states = (ticket: Ticket) => [ticket.firstResponse?.state, ticket.resolution?.state]

// The seed counts every time in business hours back from `now`, so what it shows must not depend on when it runs:
// a Tuesday morning in Los Angeles, and a Sunday night after the Thanksgiving holiday (both desks closed).
describe.each(['2026-11-24T17:00:00Z', '2026-11-30T03:00:00Z'])('the demo data seeded at %s', (now) => {
  let app: TestApp
  let engineer: string
  let contact: string
  const tickets = async (cookie: string, variables: Record<string, unknown> = {}): Promise<Ticket[]> => {
    const response = await app.gql(ticketsQuery(cookie === contact ? CUSTOMER_SEES : STAFF_SEES), variables, { cookie })
    expect(response.errors).toBeUndefined()
    return response.data.tickets.edges.map((edge: { node: Ticket }) => edge.node)
  }

  beforeAll(async () => {
    app = await createTestApp({ clock: createClock(now) })
    await seedDemoData(app.database.dataSource, app.config, app.clock.now())
    engineer = await app.signIn('engineer@covered.example', DEMO_PASSWORD)
    contact = await app.signIn('alex@acme.example', DEMO_PASSWORD)
  })
  afterAll(() => app?.close())

  it('fills both desks’ queues, with tickets assigned to the demo engineer and others waiting unassigned', async () => {
    for (const desk of ['PACIFIC', 'UK']) {
      const queue = await tickets(engineer, { desk })
      expect(queue.length, `${desk} queue`).toBeGreaterThanOrEqual(3)
      expect(queue.every((ticket) => ticket.desk === desk && !['RESOLVED', 'CLOSED'].includes(ticket.status))).toBe(true)
      expect(queue.some((ticket) => ticket.assignee === null), `an unassigned ticket in the ${desk} queue`).toBe(true)
    }
    const mine = await tickets(engineer, { mine: true })
    expect(mine.length).toBeGreaterThanOrEqual(2)
    expect(mine.every((ticket) => ticket.assignee?.email === 'engineer@covered.example')).toBe(true)
  })

  it('shows a running premium guarantee, a WARNING and a BREACHED target raised by the scheduler, and a ticket waiting on the customer', async () => {
    const open = await tickets(engineer)
    expect(open.some((ticket) => ticket.plan === 'PREMIUM' && ticket.firstResponse?.kind === 'GUARANTEE' && ticket.firstResponse.state === 'RUNNING')).toBe(true)

    const warned = open.filter((ticket) => states(ticket).includes('WARNING'))
    const breached = open.filter((ticket) => states(ticket).includes('BREACHED'))
    expect(warned.map((ticket) => ticket.subject)).toEqual(['Yesterday is missing from the visits report'])
    expect(breached.map((ticket) => ticket.subject)).toEqual(['Full-year CSV export times out'])
    // Raised by the scheduler's jobs, as in use: their events are on the timelines.
    expect(warned[0]!.timeline.map((event) => event.kind)).toContain('SLA_WARNING')
    expect(breached[0]!.timeline.map((event) => event.kind)).toContain('SLA_BREACHED')
    // The queue's "at risk" filter finds exactly these.
    const atRisk = (await app.gql(`query { tickets(first: 50, atRisk: true) { edges { node { subject } } } }`, {}, { cookie: engineer })).data.tickets.edges
    expect(atRisk.map((edge: { node: { subject: string } }) => edge.node.subject).sort()).toEqual([breached[0]!.subject, warned[0]!.subject].sort())

    const waiting = open.filter((ticket) => ticket.status === 'WAITING_ON_CUSTOMER')
    expect(waiting).toHaveLength(1)
    expect(waiting[0]).toMatchObject({ plan: 'STANDARD', firstResponse: { state: 'MET' }, resolution: { state: 'PAUSED' } })

    expect(open.some((ticket) => ticket.lane === 'PROSPECT')).toBe(true)
    expect(open.some((ticket) => ticket.plan === 'NOT_ENTITLED')).toBe(true)
  })

  it('has a resolved and a closed ticket (closed by the scheduler 7 days after it was resolved)', async () => {
    const finished = await tickets(engineer, { statuses: ['RESOLVED', 'CLOSED'], order: 'RECENT_ACTIVITY' })
    expect(finished.some((ticket) => ticket.status === 'RESOLVED')).toBe(true)
    const closed = finished.filter((ticket) => ticket.status === 'CLOSED')
    expect(closed).toHaveLength(1)
    expect(closed[0]!.timeline.at(-1)).toEqual({ kind: 'STATUS_CHANGED', actorKind: 'SYSTEM' })
  })

  it('has an out-of-scope question escalated to Professional Services with its quote sent, awaiting the customer', async () => {
    const quotes = (await app.gql(QUOTES, {}, { cookie: engineer })).data.quotes.edges.map((edge: { node: unknown }) => edge.node)
    expect(quotes).toEqual([
      expect.objectContaining({ status: 'SENT', customer: expect.objectContaining({ name: 'Acme Analytics' }), ticket: expect.objectContaining({ status: 'ESCALATED', scope: { decision: 'NEEDS_PROFESSIONAL_SERVICES' } }) }),
    ])
    // The customer sees it waiting for their decision.
    const theirs = (await app.gql(QUOTES, {}, { cookie: contact })).data.quotes.edges.map((edge: { node: { number: string; status: string } }) => edge.node)
    expect(theirs.map((quote: { number: string; status: string }) => [quote.number, quote.status])).toEqual([[quotes[0].number, 'SENT']])
  })

  it('has short conversations: replies from the contact and the engineer, and an internal note only staff see', async () => {
    const all = await tickets(engineer, { order: 'RECENT_ACTIVITY' })
    expect(all.length).toBeGreaterThanOrEqual(12)
    expect(all.length).toBeLessThanOrEqual(20)
    const conversations = all.filter((ticket) => new Set(ticket.messages.filter((m) => !m.internal).map((m) => m.authorKind)).size === 2)
    expect(conversations.some((ticket) => ticket.messages.filter((m) => !m.internal).length >= 3)).toBe(true)
    const noted = all.filter((ticket) => ticket.messages.some((m) => m.internal))
    expect(noted).toHaveLength(1)
    expect(noted[0]!.customer.name).toBe('Acme Analytics')

    // Alex (Acme's key contact) sees every Acme ticket and nothing else, and never the internal note.
    const acmeId = (await app.gql(`query { customers(first: 5, search: "Acme") { edges { node { id name } } } }`, {}, { cookie: engineer })).data.customers.edges[0].node.id
    const acme = await tickets(engineer, { customerId: acmeId, order: 'RECENT_ACTIVITY' })
    const seen = await tickets(contact, { order: 'RECENT_ACTIVITY' })
    expect(seen.length).toBeGreaterThanOrEqual(4)
    expect(seen.map((ticket) => ticket.number).sort()).toEqual(acme.map((ticket) => ticket.number).sort())
    expect(seen.every((ticket) => ticket.customer.name === 'Acme Analytics')).toBe(true)
    expect(seen.flatMap((ticket) => ticket.messages).some((message) => message.internal)).toBe(false)
    const notedAsSeen = seen.find((ticket) => ticket.number === noted[0]!.number)!
    expect(notedAsSeen.messages.map((message) => message.body)).toEqual(noted[0]!.messages.filter((m) => !m.internal).map((m) => m.body))
  })

  it('wrote every change as its mutation would: one audit row each, domain events, and the customers’ emails', async () => {
    const db = app.database.dataSource
    const [counts] = await db.query(`SELECT
      (SELECT count(*)::int FROM tickets) AS tickets,
      (SELECT count(*)::int FROM audit_log WHERE operation = 'openTicket') AS opened,
      (SELECT count(*)::int FROM domain_events WHERE type = 'ticket.created') AS created,
      (SELECT count(*)::int FROM email_messages WHERE kind = 'TICKET_RECEIVED') AS received`)
    expect(counts.opened).toBe(counts.tickets)
    expect(counts.created).toBe(counts.tickets)
    expect(counts.received).toBeGreaterThan(0)
    const [latest] = await db.query(`SELECT max(received_at) AS at FROM tickets`)
    expect(new Date(latest.at).getTime()).toBeLessThanOrEqual(app.clock.now().getTime())
  })
})
