import { afterAll, beforeAll, expect, it } from 'vitest'
import { globalId, makeContact, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { setDeskRecheckInterval } from '../../sla/sla.service.js'

// What the admin desk queue asks for each row (TicketQueueItem), and what the portal list asks.
const QUEUE = `query($first: Int!, $statuses: [TicketStatus!]) {
  tickets(desk: PACIFIC, first: $first, statuses: $statuses, order: QUEUE) { edges { node {
    id number subject status statusLabel plan lane desk categoryLabel scope { decision }
    assignee { id name } customer { id name } requester { id name }
    receivedAt lastMessageAt lastMessage { excerpt internal authorKind authorName }
    firstResponse { kind state dueAt businessMinutesLeft } resolution { kind state dueAt businessMinutesLeft } version
  } } } }`
const PORTAL = `query($statuses: [TicketStatus!]) { tickets(order: RECENT_ACTIVITY, statuses: $statuses, first: 20) {
  edges { node { subject lastMessage { excerpt internal authorName } customer { name status } requester { name } } } } }`
const OPEN = `mutation($input: OpenTicketInput!) { openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id } } } }`
const REPLY = `mutation($id: ID!, $body: String!, $internal: Boolean) { replyToTicket(ticketId: $id, body: $body, internal: $internal) { __typename } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let engineerCookie: string
let previousInterval: number
beforeAll(async () => {
  app = await createTestApp({ clock })
  const engineer = await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Pat Pacific' })
  engineerCookie = await app.signIn(engineer.email)
  // The desk cache's freshness check (at most one statement every few seconds) is not part of a request's cost.
  previousInterval = setDeskRecheckInterval(3_600_000)
})
afterAll(async () => {
  setDeskRecheckInterval(previousInterval)
  await app.close()
})

it('each queue row shows the latest message, shortened; customers never see an internal note there', async () => {
  const db = app.database.dataSource
  const { customer, keyContact } = await makeCoveredCustomer(db, { name: 'Preview Labs' })
  const contactCookie = await app.signIn(keyContact.email)
  const opened = await app.gql(OPEN, { input: { subject: 'Preview check', body: 'First question', category: 'BUG' } }, { cookie: contactCookie })
  const id = opened.data.openTicket.ticket.id
  const long = `Please look at the report settings.\n\nThen ${'check the labels again '.repeat(10)}and tell us what you see.`
  expect((await app.gql(REPLY, { id, body: long }, { cookie: engineerCookie })).data.replyToTicket.__typename).toBe('MutationReplyToTicketSuccess')
  expect((await app.gql(REPLY, { id, body: 'Internal: customer is on an old version', internal: true }, { cookie: engineerCookie })).data.replyToTicket.__typename).toBe(
    'MutationReplyToTicketSuccess',
  )

  const queue = await app.gql(QUEUE, { first: 50 }, { cookie: engineerCookie })
  expect(queue.errors).toBeUndefined()
  const row = queue.data.tickets.edges.map((e: any) => e.node).find((n: any) => n.id === id)
  expect(row.lastMessage).toEqual({ excerpt: 'Internal: customer is on an old version', internal: true, authorKind: 'STAFF', authorName: 'Pat Pacific' })
  expect(row.customer.name).toBe('Preview Labs')
  expect(row.requester.name).toBe(keyContact.name)

  const portal = await app.gql(PORTAL, {}, { cookie: contactCookie })
  expect(portal.errors).toBeUndefined()
  const mine = portal.data.tickets.edges.map((e: any) => e.node).find((n: any) => n.subject === 'Preview check')
  // The internal note is skipped: the customer sees the engineer's reply, on one line and cut at 140 characters.
  expect(mine.lastMessage.internal).toBe(false)
  expect(mine.lastMessage.excerpt.length).toBeGreaterThan(130)
  expect(mine.lastMessage.excerpt.length).toBeLessThanOrEqual(140)
  expect(mine.lastMessage.excerpt.startsWith('Please look at the report settings. Then check the labels again')).toBe(true)
  expect(mine.lastMessage.excerpt.endsWith('…')).toBe(true)
  // A customer read alongside a ticket still has its derived status.
  expect(mine.customer).toEqual({ name: customer.name, status: 'CUSTOMER' })
})

it('a contact who is not a key contact sees only their own tickets in the list, the key contact all of them', async () => {
  const db = app.database.dataSource
  const { customer, keyContact } = await makeCoveredCustomer(db)
  const colleague = await makeContact(db, customer, { portalAccess: true })
  const keyCookie = await app.signIn(keyContact.email)
  const colleagueCookie = await app.signIn(colleague.email)
  await app.gql(OPEN, { input: { subject: 'Key contact asks', body: 'Q', category: 'BUG' } }, { cookie: keyCookie })
  await app.gql(OPEN, { input: { subject: 'Colleague asks', body: 'Q', category: 'BUG', requesterId: globalId('Contact', colleague.id) } }, { cookie: engineerCookie })
  const subjects = async (cookie: string) => (await app.gql(PORTAL, {}, { cookie })).data.tickets.edges.map((e: any) => e.node.subject).sort()
  expect(await subjects(keyCookie)).toEqual(['Colleague asks', 'Key contact asks'])
  expect(await subjects(colleagueCookie)).toEqual(['Colleague asks'])
})

it('the desk queue as the admin app asks for it costs at most 4 statements, the same for 10 rows as for 100', async () => {
  const db = app.database.dataSource
  const customers = await Promise.all(Array.from({ length: 6 }, () => makeCoveredCustomer(db, { premium: true })))
  for (let i = 0; i < 110; i++) {
    const requester = customers[i % customers.length]!.keyContact
    await app.gql(OPEN, { input: { subject: `Q${i}`, body: 'B', category: 'BUG', requesterId: globalId('Contact', requester.id) } }, { cookie: engineerCookie })
  }
  await app.gql(QUEUE, { first: 1 }, { cookie: engineerCookie }) // warms the process's desk cache, as any running server has
  const counts: Record<number, number> = {}
  for (const first of [10, 100]) {
    let rows = 0
    const statements = await app.countStatements(async () => {
      const response = await app.gql(QUEUE, { first, statuses: ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED'] }, { cookie: engineerCookie })
      expect(response.errors).toBeUndefined()
      rows = response.data.tickets.edges.length
    })
    expect(rows).toBe(first)
    counts[first] = statements.length
  }
  expect(counts[100]).toBe(counts[10])
  expect(counts[10]).toBeLessThanOrEqual(4)
})
