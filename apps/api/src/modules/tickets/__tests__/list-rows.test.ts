import { afterAll, beforeAll, expect, it } from 'vitest'
import { globalId, makeContact, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { setDeskRecheckInterval } from '../../sla/sla.service.js'

// A list row reads only what a list shows; these fields need more of the ticket and of its relations.
const WHOLE = `id number subject status plan lane
  entitlement { plan lane rule reasons remedies }
  scope { decision rule explanation labelsCounted }
  firstResponse { kind state dueAt businessMinutesLeft }
  lastMessage { excerpt authorName }
  customer { id name currency homeDesk status createdAt version }
  requester { __typename id name email timeZone isCustomerAdmin customer { id name } }`
const STAFF_TICKET = `${WHOLE} allowedStatusChanges assignee { id name email role desk }`
// The names alone, asked for in the ways a client may: fragments, aliases, a condition (which counts as asking for more).
const NAMES = `id
  customer { ...CustomerName }
  requester { ... on Contact { id label: name } __typename }
  scope { decision }`
const NAME_FRAGMENTS = `fragment CustomerName on Customer { id name }`
const CONDITIONAL = `id customer { id name currency @include(if: $more) } requester { name email @skip(if: $more) }`

const more = (fields: string) => (fields.includes('$more') ? ', $more: Boolean = true' : '')
const list = (fields: string, fragments = '') =>
  `query($first: Int!${more(fields)}) { tickets(first: $first, order: RECENT_ACTIVITY) { edges { node { ${fields} } } } } ${fragments}`
const one = (fields: string, fragments = '') => `query($id: ID!${more(fields)}) { ticket(id: $id) { ${fields} } } ${fragments}`
const OPEN = `mutation($input: OpenTicketInput!) { openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id } } } }`

const clock = createClock('2026-11-24T17:00:00Z') // Tuesday 09:00 in Los Angeles: the Pacific desk is open
let app: TestApp
let engineerCookie: string
let contactCookie: string
let previousInterval: number

beforeAll(async () => {
  app = await createTestApp({ clock })
  const db = app.database.dataSource
  engineerCookie = await app.signIn((await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC', name: 'Pat Pacific' })).email)
  // The desk cache's freshness check (at most one statement every few seconds) is not part of a request's cost.
  previousInterval = setDeskRecheckInterval(3_600_000)

  // Tickets of two customers (one premium, routed to the engineer), from key contacts and a colleague, in
  // categories whose entitlement, scope rule and label counts differ.
  const premium = await makeCoveredCustomer(db, { premium: true, name: 'Premium Parts' })
  const standard = await makeCoveredCustomer(db, { homeDesk: 'UK', name: 'Standard Stores' })
  const colleague = await makeContact(db, premium.customer, { timeZone: 'America/Denver' })
  contactCookie = await app.signIn(premium.keyContact.email)
  const questions = [
    { category: 'BUG' },
    { category: 'BASIC_LABELS', labelsRequested: 2 },
    { category: 'COMBINATION_LABELS', joinedLabels: 5 },
    { category: 'MULTI_SITE_TRACKING' },
    { category: 'GENERAL_TRAINING' },
  ]
  const requesters = [premium.keyContact, standard.keyContact, colleague, standard.otherContact]
  for (let i = 0; i < 40; i++) {
    clock.advance(60_000)
    const input = { subject: `Question ${i}`, body: 'Details', requesterId: globalId('Contact', requesters[i % requesters.length]!.id), ...questions[i % questions.length] }
    const response = await app.gql(OPEN, { input }, { cookie: engineerCookie })
    expect(response.data.openTicket.__typename).toBe('MutationOpenTicketSuccess')
  }
})
afterAll(async () => {
  setDeskRecheckInterval(previousInterval)
  await app.close()
})

async function listed(cookie: string, fields: string, first: number, fragments = '') {
  const response = await app.gql(list(fields, fragments), { first }, { cookie })
  expect(response.errors).toBeUndefined()
  return response.data.tickets.edges.map((edge: { node: { id: string } }) => edge.node)
}

async function oneByOne(cookie: string, fields: string, ids: string[], fragments = '') {
  return Promise.all(
    ids.map(async (id) => {
      const response = await app.gql(one(fields, fragments), { id }, { cookie })
      expect(response.errors).toBeUndefined()
      return response.data.ticket
    }),
  )
}

it('a list asking for the entitlement, the scope rule and more of the customer and requester answers as the tickets read one by one', async () => {
  for (const [cookie, fields, count] of [
    [engineerCookie, STAFF_TICKET, 40],
    [contactCookie, WHOLE, 20], // the premium customer's tickets: its key contact's and the colleague's
  ] as const) {
    const rows = await listed(cookie, fields, 50)
    expect(rows).toHaveLength(count)
    expect(rows).toEqual(await oneByOne(cookie, fields, rows.map((row: { id: string }) => row.id)))
  }
  // The fields were really read: the rows differ in what a list row does not carry.
  const rows = await listed(engineerCookie, STAFF_TICKET, 50)
  expect(new Set(rows.map((row: any) => row.scope.rule)).size).toBeGreaterThan(2)
  expect(rows.some((row: any) => row.scope.labelsCounted === 2)).toBe(true)
  expect(new Set(rows.map((row: any) => row.requester.email)).size).toBe(4)
  expect(new Set(rows.map((row: any) => row.customer.currency))).toEqual(new Set(['USD', 'GBP']))
  expect(rows.some((row: any) => row.requester.timeZone === 'America/Denver')).toBe(true)
  expect(rows.some((row: any) => row.assignee?.email)).toBe(true)
})

it('names asked for through fragments and aliases, or under a condition, answer as the tickets read one by one', async () => {
  for (const cookie of [engineerCookie, contactCookie]) {
    for (const [fields, fragments] of [
      [NAMES, NAME_FRAGMENTS],
      [CONDITIONAL, ''],
    ] as const) {
      const rows = await listed(cookie, fields, 50, fragments)
      expect(rows.length).toBeGreaterThan(0)
      expect(rows).toEqual(await oneByOne(cookie, fields, rows.map((row: { id: string }) => row.id), fragments))
    }
  }
  const [row] = await listed(contactCookie, NAMES, 1, NAME_FRAGMENTS)
  expect(row.requester).toEqual({ __typename: 'Contact', id: expect.any(String), label: expect.any(String) })
})

it('a list asking for more than a list row holds costs the same number of statements for 5 tickets as for 20', async () => {
  await listed(engineerCookie, STAFF_TICKET, 1) // warms the process's desk cache, as any running server has
  for (const [cookie, fields] of [
    [engineerCookie, STAFF_TICKET],
    [contactCookie, WHOLE],
  ] as const) {
    const counts: number[] = []
    for (const first of [5, 20]) {
      const statements = await app.countStatements(async () => expect(await listed(cookie, fields, first)).toHaveLength(first))
      counts.push(statements.length)
    }
    expect(counts[1]).toBe(counts[0])
    // The session, the page, the whole tickets, then customers, requesters and assignees by id (staff only).
    expect(counts[0]).toBeLessThanOrEqual(6)
  }
})
