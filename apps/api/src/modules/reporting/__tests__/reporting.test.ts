import { afterAll, beforeAll, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { runDueJobs } from '../../tickets/scheduler.js'

const clock = createClock('2026-11-24T17:00:00Z') // Tuesday 09:00 Los Angeles
let app: TestApp
let staff: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  staff = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
})
afterAll(() => app.close())

const FILTER = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }
const ATTAINMENT = `query($f: ReportFilter!) { slaAttainment(filter: $f) { __typename
  ... on QuerySlaAttainmentSuccess { rows { month desk plan target kind met breached open rate } }
  ... on ValidationError { fieldErrors { field message } } } }`

it('counts met and breached targets by plan, keeps the premium guarantee apart, measures paused tickets without their pause, and ignores not-entitled tickets', async () => {
  const db = app.database.dataSource
  const premium = await makeCoveredCustomer(db, { premium: true })
  const standard = await makeCoveredCustomer(db)
  const open = async (contact: { id: string }) =>
    (await app.gql(`mutation($r: ID!) { openTicket(input: { subject: "S", body: "B", category: BUG, requesterId: $r }) { ... on MutationOpenTicketSuccess { ticket { id plan } } } }`, { r: globalId('Contact', contact.id) }, { cookie: staff })).data.openTicket.ticket
  const reply = (id: string) => app.gql(`mutation($id: ID!) { replyToTicket(ticketId: $id, body: "Answer") { __typename } }`, { id }, { cookie: staff })
  const status = (id: string, s: string) => app.gql(`mutation($id: ID!, $s: TicketStatus!) { changeTicketStatus(ticketId: $id, status: $s) { __typename } }`, { id, s }, { cookie: staff })

  // 1. Premium, answered within 1 business hour: guarantee met.
  const fast = await open(premium.keyContact)
  // 2. Premium, never answered: the guarantee breaches at 13:00 LA.
  await open(premium.keyContact)
  // 3. Standard: waits on the customer for 2 hours, then is answered and resolved.
  const paused = await open(standard.keyContact)
  // 4. Not entitled: must not count anywhere.
  const ignored = await open(standard.otherContact)
  expect(ignored.plan).toBe('NOT_ENTITLED')

  clock.set('2026-11-24T18:00:00Z') // 10:00 LA
  await reply(fast.id)
  await status(paused.id, 'WAITING_ON_CUSTOMER')
  clock.set('2026-11-24T20:00:00Z') // 12:00 LA: 2 business hours paused
  await status(paused.id, 'OPEN')
  clock.set('2026-11-24T20:30:00Z') // 12:30 LA
  await reply(paused.id)
  await status(paused.id, 'RESOLVED')
  await reply(ignored.id)
  await runDueJobs(db, new Date('2026-11-24T21:00:00Z')) // the premium guarantee of `late` breaches

  const rows = (await app.gql(ATTAINMENT, { f: FILTER }, { cookie: staff })).data.slaAttainment.rows
  expect(rows).toEqual([
    { month: '2026-11', desk: 'PACIFIC', plan: 'PREMIUM', target: 'FIRST_RESPONSE', kind: 'GUARANTEE', met: 1, breached: 1, open: 0, rate: 0.5 },
    { month: '2026-11', desk: 'PACIFIC', plan: 'PREMIUM', target: 'RESOLUTION', kind: 'GOAL', met: 0, breached: 0, open: 2, rate: null },
    { month: '2026-11', desk: 'PACIFIC', plan: 'STANDARD', target: 'FIRST_RESPONSE', kind: 'GOAL', met: 1, breached: 0, open: 0, rate: 1 },
    { month: '2026-11', desk: 'PACIFIC', plan: 'STANDARD', target: 'RESOLUTION', kind: 'GOAL', met: 1, breached: 0, open: 0, rate: 1 },
  ])

  const times = await app.gql(`query($f: ReportFilter!) { responseTimes(filter: $f) { ... on QueryResponseTimesSuccess { buckets { target fromHours count } } } }`, { f: FILTER }, { cookie: staff })
  const buckets = times.data.responseTimes.buckets.filter((b: any) => b.count > 0)
  // fast: 1 business hour (bucket 1-2h); paused: 3.5h since receipt less 2h paused = 1.5h (bucket 1-2h) for both targets.
  expect(buckets).toEqual([
    { target: 'FIRST_RESPONSE', fromHours: 1, count: 2 },
    { target: 'RESOLUTION', fromHours: 1, count: 1 },
  ])

  const mix = await app.gql(`query($f: ReportFilter!) { scopeMix(filter: $f) { ... on QueryScopeMixSuccess { rows { category scope count } } } }`, { f: FILTER }, { cookie: staff })
  expect(mix.data.scopeMix.rows).toEqual([{ category: 'BUG', scope: 'IN_SCOPE', count: 3 }])

  const queue = await app.gql(`{ backlog { status desk age count } }`, {}, { cookie: staff })
  expect(queue.data.backlog).toEqual([
    { status: 'NEW', desk: 'PACIFIC', age: '<1d', count: 1 },
    { status: 'OPEN', desk: 'PACIFIC', age: '<1d', count: 2 },
  ])

  // A contact sees only their own organisation's figures.
  const own = await app.gql(ATTAINMENT, { f: FILTER }, { cookie: await app.signIn(standard.keyContact.email) })
  expect(own.data.slaAttainment.rows.map((r: any) => r.plan)).toEqual(['STANDARD', 'STANDARD'])
  const peek = await app.gql(ATTAINMENT, { f: { ...FILTER, customerId: globalId('Customer', premium.customer.id) } }, { cookie: await app.signIn(standard.keyContact.email) })
  expect(peek.data.slaAttainment.rows).toEqual([])
})

it('refuses an inverted or overlong range with a typed error', async () => {
  const inverted = await app.gql(ATTAINMENT, { f: { from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' } }, { cookie: staff })
  expect(inverted.data.slaAttainment.fieldErrors).toEqual([{ field: 'to', message: 'The end of the range must come after its start.' }])
  const long = await app.gql(ATTAINMENT, { f: { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, { cookie: staff })
  expect(long.data.slaAttainment.fieldErrors).toEqual([{ field: 'to', message: 'Choose a range of at most 731 days.' }])
  const unknownDesk = await app.gql(ATTAINMENT, { f: { ...FILTER, desk: 'MARS' } }, { cookie: staff })
  expect(unknownDesk.errors?.[0]?.message).toMatch(/Value "MARS" does not exist in "Desk" enum/)
})
