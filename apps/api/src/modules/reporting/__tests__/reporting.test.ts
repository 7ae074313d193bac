import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContract, makeCoveredCustomer, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { runDueJobs } from '../../tickets/scheduler.js'

/*
 * A small dataset whose every figure is worked out by hand below (times are Los Angeles, the Pacific desk,
 * open 07:00–18:00; the premium calendar adds the UK desk, closed at these hours):
 *
 *   oct    STANDARD  received Tue 20 Oct 10:00 (SERVER_LOG_FILES: needs Professional Services), answered 13:00:
 *                    first response 3 business hours (met, same day); never resolved: resolution breached.
 *   fast   PREMIUM   received Tue 24 Nov 09:00, answered 10:00: guarantee met in 1 business hour.
 *   late   PREMIUM   received 09:00, never answered: guarantee breached at 13:00.
 *   risky  PREMIUM   received 09:30, never answered: at 13:00 past 75% of its 4 hours (warning), not breached.
 *   paused STANDARD  received 09:00, waits on the customer 10:00–12:00, answered and resolved 12:30:
 *                    3.5 hours since receipt less 2 paused = 1.5 business hours for both targets.
 *   ignored NOT_ENTITLED  received 09:00, answered 12:30: counts in no SLA figure (it is open work in the backlog).
 */
const clock = createClock('2026-10-20T17:00:00Z') // Tuesday 10:00 Los Angeles (PDT)
let app: TestApp
let staff: string
let staffId: string
let premium: Awaited<ReturnType<typeof makeCoveredCustomer>>
let standard: Awaited<ReturnType<typeof makeCoveredCustomer>>
let risky: { id: string; number: string }

const RANGE = { from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }
const NOVEMBER = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }

const ATTAINMENT = `query($f: ReportFilter!) { slaAttainment(filter: $f) { __typename
  ... on QuerySlaAttainmentSuccess { rows { month desk plan target kind met breached open rate } }
  ... on ValidationError { fieldErrors { field message } } } }`
const SUMMARY = `query($f: ReportFilter!) { slaSummary(filter: $f) { __typename
  ... on QuerySlaSummarySuccess { summary {
    byMonth { month target kind met breached open rate measured medianHours p90Hours }
    overall { month target kind met breached open rate measured medianHours p90Hours } } }
  ... on ValidationError { fieldErrors { field message } } } }`
const TIMES = `query($f: ReportFilter!) { responseTimes(filter: $f) { ... on QueryResponseTimesSuccess { buckets { target fromHours toHours count } } } }`
const MIX = `query($f: ReportFilter!) { scopeMix(filter: $f) { ... on QueryScopeMixSuccess { mix {
  rows { category inScope needsProfessionalServices needsReview total } total { category inScope needsProfessionalServices needsReview total } } } } }`
const BACKLOG = `query($f: ReportNowFilter) { backlog(filter: $f) { ... on QueryBacklogSuccess { rows { status desk age count } } ... on ValidationError { fieldErrors { field message } } } }`
const AT_RISK = `query($f: ReportNowFilter) { ticketsAtRisk(filter: $f) { ... on QueryTicketsAtRiskSuccess { atRisk { count breached tickets { ticket { number } target kind dueAt } } } } }`
const PIPELINE = `query($f: ReportFilter!) { quotePipeline(filter: $f) { ... on QueryQuotePipelineSuccess { rows { status currency count totalMinor quotedMinutes loggedMinutes } } } }`
const RENEWALS = `query($f: ReportNowFilter) { renewalsOutlook(filter: $f) { ... on QueryRenewalsOutlookSuccess { rows { withinDays currency count valueMinor } } } }`
const TICKETS = `query($f: ReportFilter!, $after: String) { reportTickets(filter: $f, first: 2, after: $after) { __typename
  ... on QueryReportTicketsSuccess { data { edges { node { ticket { number plan } firstResponseHours resolutionHours } } pageInfo { hasNextPage endCursor } } }
  ... on ValidationError { fieldErrors { field message } } } }`

beforeAll(async () => {
  app = await createTestApp({ clock })
  const db = app.database.dataSource
  const engineer = await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC' })
  staffId = engineer.id
  staff = await app.signIn(engineer.email)
  premium = await makeCoveredCustomer(db, { premium: true })
  standard = await makeCoveredCustomer(db)

  const open = async (contact: { id: string }, category = 'BUG') => {
    const opened = await app.gql(
      `mutation($r: ID!, $c: TicketCategory!) { openTicket(input: { subject: "S", body: "B", category: $c, requesterId: $r }) { ... on MutationOpenTicketSuccess { ticket { id number plan } } } }`,
      { r: globalId('Contact', contact.id), c: category },
      { cookie: staff },
    )
    if (!opened.data?.openTicket?.ticket) throw new Error(JSON.stringify(opened.errors ?? opened.data))
    return opened.data.openTicket.ticket
  }
  const reply = (id: string) => app.gql(`mutation($id: ID!) { replyToTicket(ticketId: $id, body: "Answer") { __typename } }`, { id }, { cookie: staff })
  const status = (id: string, s: string) => app.gql(`mutation($id: ID!, $s: TicketStatus!) { changeTicketStatus(ticketId: $id, status: $s) { __typename } }`, { id, s }, { cookie: staff })

  const oct = await open(standard.keyContact, 'SERVER_LOG_FILES')
  clock.set('2026-10-20T20:00:00Z') // 13:00
  await reply(oct.id)

  clock.set('2026-11-24T17:00:00Z') // Tuesday 09:00 Los Angeles (PST)
  staff = await app.signIn(engineer.email) // the October session has expired
  const fast = await open(premium.keyContact)
  await open(premium.keyContact) // late
  const paused = await open(standard.keyContact)
  const ignored = await open(standard.otherContact)
  expect(ignored.plan).toBe('NOT_ENTITLED')
  clock.set('2026-11-24T17:30:00Z')
  risky = await open(premium.keyContact)

  clock.set('2026-11-24T18:00:00Z') // 10:00
  await reply(fast.id)
  await status(paused.id, 'WAITING_ON_CUSTOMER')
  clock.set('2026-11-24T20:00:00Z') // 12:00: 2 business hours paused
  await status(paused.id, 'OPEN')
  clock.set('2026-11-24T20:30:00Z') // 12:30
  await reply(paused.id)
  await status(paused.id, 'RESOLVED')
  await reply(ignored.id)
  clock.set('2026-11-24T21:00:00Z') // 13:00
  await runDueJobs(db, clock.now()) // late's guarantee breaches, risky's warns, oct's resolution breached long ago
})
afterAll(() => app.close())

const summaryRow = (month: string | null, target: string, kind: string, met: number, breached: number, open: number, measured: number, medianHours: number | null, p90Hours: number | null) => ({
  month,
  target,
  kind,
  met,
  breached,
  open,
  rate: met + breached ? met / (met + breached) : null,
  measured,
  medianHours,
  p90Hours,
})

describe('SLA figures', () => {
  it('counts met and breached targets per month, desk and plan, the premium guarantee apart, without the not-entitled ticket', async () => {
    const rows = (await app.gql(ATTAINMENT, { f: RANGE }, { cookie: staff })).data.slaAttainment.rows
    expect(rows).toEqual([
      { month: '2026-10', desk: 'PACIFIC', plan: 'STANDARD', target: 'FIRST_RESPONSE', kind: 'GOAL', met: 1, breached: 0, open: 0, rate: 1 },
      { month: '2026-10', desk: 'PACIFIC', plan: 'STANDARD', target: 'RESOLUTION', kind: 'GOAL', met: 0, breached: 1, open: 0, rate: 0 },
      { month: '2026-11', desk: 'PACIFIC', plan: 'PREMIUM', target: 'FIRST_RESPONSE', kind: 'GUARANTEE', met: 1, breached: 1, open: 1, rate: 0.5 },
      { month: '2026-11', desk: 'PACIFIC', plan: 'PREMIUM', target: 'RESOLUTION', kind: 'GOAL', met: 0, breached: 0, open: 3, rate: null },
      { month: '2026-11', desk: 'PACIFIC', plan: 'STANDARD', target: 'FIRST_RESPONSE', kind: 'GOAL', met: 1, breached: 0, open: 0, rate: 1 },
      { month: '2026-11', desk: 'PACIFIC', plan: 'STANDARD', target: 'RESOLUTION', kind: 'GOAL', met: 1, breached: 0, open: 0, rate: 1 },
    ])
    const november = (await app.gql(ATTAINMENT, { f: { ...NOVEMBER, plan: 'STANDARD' } }, { cookie: staff })).data.slaAttainment.rows
    expect(november.map((r: any) => [r.month, r.plan, r.target])).toEqual([
      ['2026-11', 'STANDARD', 'FIRST_RESPONSE'],
      ['2026-11', 'STANDARD', 'RESOLUTION'],
    ])
    expect((await app.gql(ATTAINMENT, { f: { ...RANGE, desk: 'UK' } }, { cookie: staff })).data.slaAttainment.rows).toEqual([])
  })

  it('summarises attainment per month and for the whole range, with the business time taken (median, 90th percentile) over the range', async () => {
    const summary = (await app.gql(SUMMARY, { f: RANGE }, { cookie: staff })).data.slaSummary.summary
    // Percentiles are for the whole range only.
    expect(summary.byMonth).toEqual([
      summaryRow('2026-10', 'FIRST_RESPONSE', 'GOAL', 1, 0, 0, 1, null, null),
      summaryRow('2026-10', 'RESOLUTION', 'GOAL', 0, 1, 0, 0, null, null),
      summaryRow('2026-11', 'FIRST_RESPONSE', 'GOAL', 1, 0, 0, 1, null, null),
      summaryRow('2026-11', 'FIRST_RESPONSE', 'GUARANTEE', 1, 1, 1, 1, null, null),
      summaryRow('2026-11', 'RESOLUTION', 'GOAL', 1, 0, 3, 1, null, null),
    ])
    // First response goals took 3 and 1.5 hours: median 2.25, 90th percentile 1.5 + 0.9 × 1.5 = 2.85.
    expect(summary.overall).toEqual([
      summaryRow(null, 'FIRST_RESPONSE', 'GOAL', 2, 0, 0, 2, 2.25, 2.85),
      summaryRow(null, 'FIRST_RESPONSE', 'GUARANTEE', 1, 1, 1, 1, 1, 1),
      summaryRow(null, 'RESOLUTION', 'GOAL', 1, 1, 3, 1, 1.5, 1.5),
    ])
    const none = (await app.gql(SUMMARY, { f: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } }, { cookie: staff })).data.slaSummary.summary
    expect(none).toEqual({ byMonth: [], overall: [] })
  })

  it('buckets response times in business hours, pauses excluded, with every bucket present', async () => {
    const buckets = (await app.gql(TIMES, { f: RANGE }, { cookie: staff })).data.responseTimes.buckets
    expect(buckets).toHaveLength(14)
    expect(buckets.slice(0, 7).map((b: any) => [b.fromHours, b.toHours])).toEqual([[0, 1], [1, 2], [2, 4], [4, 8], [8, 24], [24, 48], [48, null]])
    // fast 1 h and paused 1.5 h in 1–2 h, oct 3 h in 2–4 h; only paused was resolved (1.5 h).
    expect(buckets.filter((b: any) => b.count > 0)).toEqual([
      { target: 'FIRST_RESPONSE', fromHours: 1, toHours: 2, count: 2 },
      { target: 'FIRST_RESPONSE', fromHours: 2, toHours: 4, count: 1 },
      { target: 'RESOLUTION', fromHours: 1, toHours: 2, count: 1 },
    ])
  })

  it('lists the tickets counted with the business time each target took, a page at a time', async () => {
    const first = (await app.gql(TICKETS, { f: RANGE }, { cookie: staff })).data.reportTickets.data
    expect(first.edges).toHaveLength(2)
    expect(first.pageInfo.hasNextPage).toBe(true)
    let after = first.pageInfo.endCursor
    const all = [...first.edges]
    while (after) {
      const page = (await app.gql(TICKETS, { f: RANGE, after }, { cookie: staff })).data.reportTickets.data
      all.push(...page.edges)
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null
    }
    // Five entitled tickets (the not-entitled one is not counted), newest received first.
    expect(all.map((e: any) => e.node.ticket.plan)).toEqual(['PREMIUM', 'STANDARD', 'PREMIUM', 'PREMIUM', 'STANDARD'])
    expect(all[0].node.ticket.number).toBe(risky.number)
    expect(all.map((e: any) => [e.node.firstResponseHours, e.node.resolutionHours])).toEqual(
      expect.arrayContaining([[1.5, 1.5], [1, null], [null, null], [3, null]]),
    )
  })
})

describe('work now', () => {
  it('counts the backlog by status, desk and age', async () => {
    const rows = (await app.gql(BACKLOG, {}, { cookie: staff })).data.backlog.rows
    // NEW: late and risky; OPEN: fast and ignored (open work although not entitled), and oct (35 days old).
    expect(rows).toEqual([
      { status: 'NEW', desk: 'PACIFIC', age: '<1d', count: 2 },
      { status: 'NEW', desk: null, age: '<1d', count: 2 },
      { status: 'OPEN', desk: 'PACIFIC', age: '<1d', count: 2 },
      { status: 'OPEN', desk: 'PACIFIC', age: '>7d', count: 1 },
      { status: 'OPEN', desk: null, age: '<1d', count: 2 },
      { status: 'OPEN', desk: null, age: '>7d', count: 1 },
    ])
    const premiumOnly = (await app.gql(BACKLOG, { f: { plan: 'PREMIUM', customerId: globalId('Customer', premium.customer.id) } }, { cookie: staff })).data.backlog.rows
    expect(premiumOnly.filter((r: any) => r.desk)).toEqual([
      { status: 'NEW', desk: 'PACIFIC', age: '<1d', count: 2 },
      { status: 'OPEN', desk: 'PACIFIC', age: '<1d', count: 1 },
    ])
  })

  it('lists the tickets at risk of a breach now, and counts those already breached', async () => {
    const atRisk = (await app.gql(AT_RISK, {}, { cookie: staff })).data.ticketsAtRisk.atRisk
    // risky: guarantee due 13:30, warned at 12:30. late and oct are breached already.
    expect(atRisk).toEqual({
      count: 1,
      breached: 2,
      tickets: [{ ticket: { number: risky.number }, target: 'FIRST_RESPONSE', kind: 'GUARANTEE', dueAt: '2026-11-24T21:30:00.000Z' }],
    })
    const standardOnly = (await app.gql(AT_RISK, { f: { plan: 'STANDARD' } }, { cookie: staff })).data.ticketsAtRisk.atRisk
    expect(standardOnly).toEqual({ count: 0, breached: 1, tickets: [] })
  })
})

describe('scope mix, services and renewals', () => {
  it('counts tickets by category and scope decision, with a total row', async () => {
    const mix = (await app.gql(MIX, { f: RANGE }, { cookie: staff })).data.scopeMix.mix
    expect(mix.rows).toEqual([
      { category: 'BUG', inScope: 4, needsProfessionalServices: 0, needsReview: 0, total: 4 },
      { category: 'SERVER_LOG_FILES', inScope: 0, needsProfessionalServices: 1, needsReview: 0, total: 1 },
    ])
    expect(mix.total).toEqual({ category: null, inScope: 4, needsProfessionalServices: 1, needsReview: 0, total: 5 })
  })

  it('sums quotes by status and currency, with quoted against delivered time', async () => {
    const db = app.database.dataSource
    const uk = await makeCustomer(db, { homeDesk: 'UK', currency: 'GBP' })
    const quote = async (customerId: string, currency: string, status: string, total: number, minutes: number, createdAt: string) =>
      (
        await db.query(
          `INSERT INTO quotes (customer_id, purpose, currency, status, valid_until, total_minor, quoted_minutes, created_by, created_at)
           VALUES ($1, 'SERVICES', $2, $3, '2026-12-31', $4, $5, $6, $7) RETURNING id`,
          [customerId, currency, status, total, minutes, staffId, createdAt],
        )
      )[0].id as string
    const log = (quoteId: string, minutes: number) =>
      db.query(`INSERT INTO time_entries (quote_id, staff_id, minutes, note, worked_on, created_at) VALUES ($1, $2, $3, 'Work', '2026-11-20', now())`, [quoteId, staffId, minutes])
    const accepted = await quote(premium.customer.id, 'USD', 'ACCEPTED', 60_000, 300, '2026-11-10T12:00:00Z')
    await log(accepted, 120)
    await log(accepted, 60)
    await quote(premium.customer.id, 'USD', 'SENT', 30_000, 120, '2026-11-12T12:00:00Z')
    await log(await quote(uk.id, 'GBP', 'ACCEPTED', 48_000, 240, '2026-11-15T12:00:00Z'), 30)
    await quote(premium.customer.id, 'USD', 'DRAFT', 15_000, 60, '2026-09-01T12:00:00Z') // before the range

    const rows = (await app.gql(PIPELINE, { f: RANGE }, { cookie: staff })).data.quotePipeline.rows
    expect(rows).toEqual([
      { status: 'SENT', currency: 'USD', count: 1, totalMinor: 30_000, quotedMinutes: 120, loggedMinutes: 0 },
      { status: 'ACCEPTED', currency: 'GBP', count: 1, totalMinor: 48_000, quotedMinutes: 240, loggedMinutes: 30 },
      { status: 'ACCEPTED', currency: 'USD', count: 1, totalMinor: 60_000, quotedMinutes: 300, loggedMinutes: 180 },
    ])
    const ukOnly = (await app.gql(PIPELINE, { f: { ...RANGE, desk: 'UK' } }, { cookie: staff })).data.quotePipeline.rows
    expect(ukOnly.map((r: any) => r.currency)).toEqual(['GBP'])
  })

  it('counts renewals due within 30, 60 and 90 days with their value at the current license price', async () => {
    const db = app.database.dataSource
    const customer = await makeCustomer(db)
    const license = await makeLicense(db, customer, { priceMinor: 100_000 })
    const term = (end: string) => ({ start: '2026-01-01', end })
    // Today is 2026-11-24 at both desks.
    await makeContract(db, customer, license, 'MAINTENANCE', term('2026-12-14')) // 20 days: 20% of 1,000.00
    await makeContract(db, customer, license, 'PREMIUM_SUPPORT', term('2027-01-12')) // 49 days: 30% of 1,000.00
    await makeContract(db, customer, await makeLicense(db, customer, { priceMinor: 250_000 }), 'MAINTENANCE', term('2027-02-10')) // 78 days
    await makeContract(db, customer, license, 'MAINTENANCE', term('2027-03-15')) // 111 days: not due
    const cancelled = await makeContract(db, customer, license, 'MAINTENANCE', term('2026-12-01'))
    await db.query(`UPDATE contract_terms SET cancelled_on = '2026-11-01', cancel_reason = 'Closing' WHERE contract_id = $1`, [cancelled.id])
    const renewed = await makeContract(db, customer, license, 'MAINTENANCE', term('2026-12-05'))
    await db.query(`INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency) VALUES ($1, '2026-12-06', '2027-12-05', 1000, 'USD')`, [renewed.id])
    // An upgraded license: the renewal follows the replacement's price, 20% of 4,000.00.
    const upgrade = await makeLicense(db, customer, { priceMinor: 400_000 })
    const old = await makeLicense(db, customer, { priceMinor: 100_000 })
    await db.query(`UPDATE licenses SET replaced_by_id = $2, replaced_at = now() WHERE id = $1`, [old.id, upgrade.id])
    await makeContract(db, customer, old, 'MAINTENANCE', term('2026-12-20')) // 26 days
    const uk = await makeCustomer(db, { homeDesk: 'UK', currency: 'GBP' })
    await makeContract(db, uk, await makeLicense(db, uk, { priceMinor: 100_000 }), 'MAINTENANCE', term('2026-12-04')) // 10 days

    const rows = (await app.gql(RENEWALS, {}, { cookie: staff })).data.renewalsOutlook.rows
    expect(rows).toEqual([
      { withinDays: 30, currency: 'GBP', count: 1, valueMinor: 20_000 },
      { withinDays: 30, currency: 'USD', count: 2, valueMinor: 100_000 },
      { withinDays: 60, currency: 'GBP', count: 1, valueMinor: 20_000 },
      { withinDays: 60, currency: 'USD', count: 3, valueMinor: 130_000 },
      { withinDays: 90, currency: 'GBP', count: 1, valueMinor: 20_000 },
      { withinDays: 90, currency: 'USD', count: 4, valueMinor: 180_000 },
    ])
    const premiumOnly = (await app.gql(RENEWALS, { f: { plan: 'PREMIUM' } }, { cookie: staff })).data.renewalsOutlook.rows
    expect(premiumOnly).toEqual([
      { withinDays: 60, currency: 'USD', count: 1, valueMinor: 30_000 },
      { withinDays: 90, currency: 'USD', count: 1, valueMinor: 30_000 },
    ])
  })
})

describe('who sees what, and bad input', () => {
  it('gives a contact their own organisation only; another customer is answered as one that does not exist', async () => {
    const cookie = await app.signIn(standard.keyContact.email)
    const own = (await app.gql(SUMMARY, { f: RANGE }, { cookie })).data.slaSummary.summary
    expect(own.overall.map((r: any) => [r.target, r.kind, r.met, r.breached])).toEqual([
      ['FIRST_RESPONSE', 'GOAL', 2, 0],
      ['RESOLUTION', 'GOAL', 1, 1],
    ])
    const peek = await app.gql(SUMMARY, { f: { ...RANGE, customerId: globalId('Customer', premium.customer.id) } }, { cookie })
    const unknown = await app.gql(SUMMARY, { f: { ...RANGE, customerId: globalId('Customer', '00000000-0000-4000-8000-000000000000') } }, { cookie })
    expect(peek.data.slaSummary).toEqual({ __typename: 'ValidationError', fieldErrors: [{ field: 'customerId', message: 'That customer does not exist.' }] })
    expect(unknown.data).toEqual(peek.data)
    const peekRows = await app.gql(ATTAINMENT, { f: { ...RANGE, customerId: globalId('Customer', premium.customer.id) } }, { cookie })
    expect(peekRows.data.slaAttainment.rows).toBeUndefined()

    const tickets = (await app.gql(TICKETS, { f: RANGE }, { cookie })).data.reportTickets.data.edges
    expect(tickets.map((e: any) => e.node.ticket.plan)).toEqual(['STANDARD', 'STANDARD'])

    // The staff-only reports are not there for a contact at all.
    for (const query of [BACKLOG, AT_RISK, RENEWALS]) {
      const refused = await app.gql(query, {}, { cookie })
      expect(refused.errors?.[0]?.message).toBe('You do not have permission to see or do this.')
    }
    const mix = await app.gql(MIX, { f: RANGE }, { cookie })
    expect(mix.errors?.[0]?.message).toBe('You do not have permission to see or do this.')
  })

  it('gives a contact who is not a key contact the figures of their own tickets only', async () => {
    // otherContact opened only the not-entitled ticket, which counts nowhere: nothing to report.
    const cookie = await app.signIn(standard.otherContact.email)
    expect((await app.gql(SUMMARY, { f: RANGE }, { cookie })).data.slaSummary.summary).toEqual({ byMonth: [], overall: [] })
    expect((await app.gql(TICKETS, { f: RANGE }, { cookie })).data.reportTickets.data.edges).toEqual([])
  })

  it('tells staff that an unknown customer does not exist', async () => {
    const unknown = await app.gql(BACKLOG, { f: { customerId: globalId('Customer', '00000000-0000-4000-8000-000000000000') } }, { cookie: staff })
    expect(unknown.data.backlog.fieldErrors).toEqual([{ field: 'customerId', message: 'That customer does not exist.' }])
  })

  it('refuses an inverted, unbounded or overlong range, an unknown desk or plan', async () => {
    const inverted = await app.gql(ATTAINMENT, { f: { from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' } }, { cookie: staff })
    expect(inverted.data.slaAttainment.fieldErrors).toEqual([{ field: 'to', message: 'The end of the range must come after its start.' }])
    const empty = await app.gql(ATTAINMENT, { f: { from: '2026-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z' } }, { cookie: staff })
    expect(empty.data.slaAttainment.fieldErrors).toEqual([{ field: 'to', message: 'The end of the range must come after its start.' }])
    const long = await app.gql(ATTAINMENT, { f: { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, { cookie: staff })
    expect(long.data.slaAttainment.fieldErrors).toEqual([{ field: 'to', message: 'Choose a range of at most 731 days.' }])
    // A range without an end is refused by the schema: both ends are required.
    const open = await app.gql(ATTAINMENT, { f: { from: '2026-11-01T00:00:00Z' } }, { cookie: staff })
    expect(open.errors?.[0]?.message).toMatch(/Field "to" of required type "DateTime!" was not provided/)
    const unknownDesk = await app.gql(ATTAINMENT, { f: { ...RANGE, desk: 'MARS' } }, { cookie: staff })
    expect(unknownDesk.errors?.[0]?.message).toMatch(/Value "MARS" does not exist in "Desk" enum/)
    const unknownPlan = await app.gql(ATTAINMENT, { f: { ...RANGE, plan: 'NOT_ENTITLED' } }, { cookie: staff })
    expect(unknownPlan.errors?.[0]?.message).toMatch(/Value "NOT_ENTITLED" does not exist in "SupportPlan" enum/)
    const atRiskLimit = await app.gql(`{ ticketsAtRisk(limit: 500) { ... on ValidationError { fieldErrors { field message } } } }`, {}, { cookie: staff })
    expect(atRiskLimit.data.ticketsAtRisk.fieldErrors).toEqual([{ field: 'limit', message: 'Ask for between 1 and 50 tickets.' }])
  })
})
