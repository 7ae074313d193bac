import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { expireQuotes } from '../quotes.service.js'

const QUOTE = `id number status currency validUntil total { amountMinor formatted } quotedMinutes loggedMinutes
  lines { kind description quantity unitPrice { amountMinor } total { amountMinor } } decidedBy { name } supersedes { number }`
const RESULT = (name: string, data = `quote { ${QUOTE} }`) => `__typename ... on ${name} { ${data} } ... on Error { code message } ... on PolicyError { rule } ... on ValidationError { fieldErrors { field message } }`
const ESCALATE = `mutation($t: ID!, $h: String!) { escalateTicket(ticketId: $t, estimatedHours: $h) { ${RESULT('MutationEscalateTicketSuccess')} } }`
const SEND = `mutation($q: ID!) { sendQuote(quoteId: $q) { ${RESULT('MutationSendQuoteSuccess')} } }`
const ACCEPT = `mutation($q: ID!) { acceptQuote(quoteId: $q) { ${RESULT('MutationAcceptQuoteSuccess')} } }`
const LOG = `mutation($t: ID!, $m: Int!) { logTime(ticketId: $t, minutes: $m, note: "Worked on it") { ${RESULT('MutationLogTimeSuccess', 'logged { minutes warning remainingMinutes quote { loggedMinutes } }')} } }`
const CREATE = `mutation($c: ID!, $lines: [QuoteLineInput!]!, $t: ID) { createQuote(customerId: $c, lines: $lines, ticketId: $t) { ${RESULT('MutationCreateQuoteSuccess')} } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let staff: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  staff = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
})
afterAll(() => app.close())

async function escalatedTicket() {
  const covered = await makeCoveredCustomer(app.database.dataSource)
  const customerCookie = await app.signIn(covered.keyContact.email)
  const opened = await app.gql(`mutation { openTicket(input: { subject: "Log files are garbled", body: "Our server log format changed", category: SERVER_LOG_FILES }) { ... on MutationOpenTicketSuccess { ticket { id scope { decision } } } } }`, {}, { cookie: customerCookie })
  return { ...covered, customerCookie, ticket: opened.data.openTicket.ticket }
}

describe('escalation, acceptance and delivered time', () => {
  it('escalating pauses the ticket and starts a draft; the customer accepts the sent quote; time is logged against it with a warning at 80% and a refusal past 100%', async () => {
    const { ticket, customerCookie, keyContact } = await escalatedTicket()
    expect(ticket.scope.decision).toBe('NEEDS_PROFESSIONAL_SERVICES')
    const escalated = await app.gql(ESCALATE, { t: ticket.id, h: '2.5' }, { cookie: staff })
    const draft = escalated.data.escalateTicket.quote
    expect(draft).toMatchObject({ status: 'DRAFT', currency: 'USD', quotedMinutes: 150, total: { amountMinor: 37_500, formatted: '$375.00' } })
    expect(draft.number).toMatch(/^Q-2026-\d{4}$/)
    const ticketNow = await app.gql(`query($id: ID!) { ticket(id: $id) { status paused quotes { number } } }`, { id: ticket.id }, { cookie: staff })
    expect(ticketNow.data.ticket).toEqual({ status: 'ESCALATED', paused: true, quotes: [{ number: draft.number }] })

    // A draft is invisible to the customer, and time cannot be logged before acceptance.
    expect((await app.gql(`query($id: ID!) { quote(id: $id) { number } }`, { id: draft.id }, { cookie: customerCookie })).data.quote).toBeNull()
    const early = await app.gql(LOG, { t: ticket.id, m: 30 }, { cookie: staff })
    expect(early.data.logTime).toMatchObject({ __typename: 'PolicyError', message: 'No Professional Services time can be logged until the customer has accepted a quote for this ticket.' })

    await app.gql(SEND, { q: draft.id }, { cookie: staff })
    const accepted = await app.gql(ACCEPT, { q: draft.id }, { cookie: customerCookie })
    expect(accepted.data.acceptQuote.quote).toMatchObject({ status: 'ACCEPTED', decidedBy: { name: keyContact.name } })
    const reopened = await app.gql(`query($id: ID!) { ticket(id: $id) { status paused } }`, { id: ticket.id }, { cookie: staff })
    expect(reopened.data.ticket).toEqual({ status: 'OPEN', paused: false })

    const first = await app.gql(LOG, { t: ticket.id, m: 100 }, { cookie: staff })
    expect(first.data.logTime.logged).toMatchObject({ minutes: 100, warning: null, remainingMinutes: 50 })
    const second = await app.gql(LOG, { t: ticket.id, m: 20 }, { cookie: staff })
    expect(second.data.logTime.logged.warning).toMatch(/80%/)
    const over = await app.gql(LOG, { t: ticket.id, m: 31 }, { cookie: staff })
    expect(over.data.logTime).toMatchObject({ __typename: 'PolicyError', rule: 'LIMIT_EXCEEDED' })
    const rows = await app.database.dataSource.query('SELECT sum(minutes)::int AS m FROM time_entries')
    expect(rows[0].m).toBe(120)
  })

  it('a further accepted quote (a change order) makes room for more time', async () => {
    const { ticket, customerCookie, customer } = await escalatedTicket()
    const draft = (await app.gql(ESCALATE, { t: ticket.id, h: '1' }, { cookie: staff })).data.escalateTicket.quote
    await app.gql(SEND, { q: draft.id }, { cookie: staff })
    await app.gql(ACCEPT, { q: draft.id }, { cookie: customerCookie })
    await app.gql(LOG, { t: ticket.id, m: 60 }, { cookie: staff })
    expect((await app.gql(LOG, { t: ticket.id, m: 30 }, { cookie: staff })).data.logTime.__typename).toBe('PolicyError')
    const change = await app.gql(CREATE, { c: globalId('Customer', customer.id), t: ticket.id, lines: [{ kind: 'HOURS', quantity: '1' }] }, { cookie: staff })
    await app.gql(SEND, { q: change.data.createQuote.quote.id }, { cookie: staff })
    await app.gql(ACCEPT, { q: change.data.createQuote.quote.id }, { cookie: customerCookie })
    expect((await app.gql(LOG, { t: ticket.id, m: 30 }, { cookie: staff })).data.logTime.__typename).toBe('MutationLogTimeSuccess')
  })
})

describe('quotes: bad input and rules', () => {
  it('a sent quote is never edited; a revision supersedes it; the superseded one cannot be accepted', async () => {
    const { customer, customerCookie } = await escalatedTicket()
    const created = (await app.gql(CREATE, { c: globalId('Customer', customer.id), lines: [{ kind: 'HOURS', quantity: '3' }] }, { cookie: staff })).data.createQuote.quote
    await app.gql(SEND, { q: created.id }, { cookie: staff })
    const edit = await app.gql(`mutation($q: ID!) { updateDraftQuote(quoteId: $q, lines: [{ kind: HOURS, quantity: "4" }]) { ${RESULT('MutationUpdateDraftQuoteSuccess')} } }`, { q: created.id }, { cookie: staff })
    expect(edit.data.updateDraftQuote.__typename).toBe('PolicyError')
    const revision = (await app.gql(`mutation($q: ID!) { reviseQuote(quoteId: $q) { ${RESULT('MutationReviseQuoteSuccess')} } }`, { q: created.id }, { cookie: staff })).data.reviseQuote.quote
    expect(revision).toMatchObject({ status: 'DRAFT', supersedes: { number: created.number } })
    expect(revision.number).not.toBe(created.number)
    const stale = await app.gql(ACCEPT, { q: created.id }, { cookie: customerCookie })
    expect(stale.data.acceptQuote.__typename).toBe('PolicyError')
  })

  it('an expired quote cannot be accepted; the scheduler marks it EXPIRED', async () => {
    const { customer, customerCookie } = await escalatedTicket()
    const created = (await app.gql(`mutation($c: ID!) { createQuote(customerId: $c, lines: [{ kind: HOURS, quantity: "1" }], validUntil: "2026-11-30") { ${RESULT('MutationCreateQuoteSuccess')} } }`, { c: globalId('Customer', customer.id) }, { cookie: staff })).data.createQuote.quote
    await app.gql(SEND, { q: created.id }, { cookie: staff })
    clock.set('2026-12-01T17:00:00Z')
    try {
      const late = await app.gql(ACCEPT, { q: created.id }, { cookie: customerCookie })
      expect(late.data.acceptQuote.__typename).toBe('PolicyError')
      await expireQuotes(app.database.dataSource, clock.now())
      const [row] = await app.database.dataSource.query('SELECT status FROM quotes WHERE number = $1', [created.number])
      expect(row.status).toBe('EXPIRED')
    } finally {
      clock.set('2026-11-24T17:00:00Z')
    }
  })

  it('another customer’s quote does not exist for a contact; zero quantities and missing prices are named', async () => {
    const mine = await escalatedTicket()
    const theirs = await escalatedTicket()
    const created = (await app.gql(CREATE, { c: globalId('Customer', theirs.customer.id), lines: [{ kind: 'HOURS', quantity: '1' }] }, { cookie: staff })).data.createQuote.quote
    await app.gql(SEND, { q: created.id }, { cookie: staff })
    const foreign = await app.gql(ACCEPT, { q: created.id }, { cookie: mine.customerCookie })
    expect(foreign.data.acceptQuote).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'That quote was not found.' })
    const zero = await app.gql(CREATE, { c: globalId('Customer', mine.customer.id), lines: [{ kind: 'HOURS', quantity: '0' }] }, { cookie: staff })
    expect(zero.data.createQuote.fieldErrors).toEqual([{ field: 'lines.0.quantity', message: 'The quantity must be more than zero.' }])
    const noPrice = await app.gql(CREATE, { c: globalId('Customer', mine.customer.id), lines: [{ kind: 'OTHER', quantity: '1', description: 'Site audit' }] }, { cookie: staff })
    expect(noPrice.data.createQuote.fieldErrors).toEqual([{ field: 'lines.0.unitPrice', message: 'Enter the unit price, e.g. 250.00.' }])
  })

  it('an ordinary contact (not key contact, not customer admin) cannot accept', async () => {
    const { customer, otherContact } = await escalatedTicket()
    const created = (await app.gql(CREATE, { c: globalId('Customer', customer.id), lines: [{ kind: 'HOURS', quantity: '1' }] }, { cookie: staff })).data.createQuote.quote
    await app.gql(SEND, { q: created.id }, { cookie: staff })
    const refused = await app.gql(ACCEPT, { q: created.id }, { cookie: await app.signIn(otherContact.email) })
    expect(refused.data.acceptQuote.__typename).toBe('ForbiddenError')
  })
})

describe('quote numbers', () => {
  it('100 concurrent creations give exactly Q-2026-0001 to Q-2026-0100; a failed create leaves no gap', async () => {
    const fresh = await createTestApp({ clock: createClock('2026-11-24T17:00:00Z') })
    try {
      const db = fresh.database.dataSource
      const cookie = await fresh.signIn((await makeStaff(db)).email)
      const { customer } = await makeCoveredCustomer(db)
      const id = globalId('Customer', customer.id)
      const results = await Promise.all(Array.from({ length: 100 }, () => fresh.gql(CREATE, { c: id, lines: [{ kind: 'HOURS', quantity: '1' }] }, { cookie })))
      const numbers = results.map((r) => r.data.createQuote.quote.number).sort()
      expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => `Q-2026-${String(i + 1).padStart(4, '0')}`))
      // This create fails after taking its number (the ticket does not exist): the number is rolled back with it.
      const failed = await fresh.gql(CREATE, { c: id, t: globalId('Ticket', '00000000-0000-4000-8000-000000000042'), lines: [{ kind: 'HOURS', quantity: '1' }] }, { cookie })
      expect(failed.data?.createQuote?.__typename ?? failed.errors?.[0]?.message).not.toBe('MutationCreateQuoteSuccess')
      const next = await fresh.gql(CREATE, { c: id, lines: [{ kind: 'HOURS', quantity: '1' }] }, { cookie })
      expect(next.data.createQuote.quote.number).toBe('Q-2026-0101')
    } finally {
      await fresh.close()
    }
  })
})

describe('renewals, training and the consulting form', () => {
  it('a renewal quote is priced by the contract rules', async () => {
    const { customer } = await makeCoveredCustomer(app.database.dataSource)
    const contracts = await app.gql(`query($id: ID!) { customer(id: $id) { contracts { id kind } } }`, { id: globalId('Customer', customer.id) }, { cookie: staff })
    const maintenance = contracts.data.customer.contracts.find((c: any) => c.kind === 'MAINTENANCE')
    const quote = await app.gql(`mutation($c: ID!) { createRenewalQuote(contractId: $c) { ${RESULT('MutationCreateRenewalQuoteSuccess')} } }`, { c: maintenance.id }, { cookie: staff })
    // The test license costs $1,000.00: maintenance is 20%.
    expect(quote.data.createRenewalQuote.quote).toMatchObject({ total: { amountMinor: 20_000 }, lines: [{ kind: 'RENEWAL', description: 'Maintenance renewal, 2028-01-01 to 2028-12-31' }] })
  })

  it('training modules can be quoted in the customer’s currency, and the free Daily Demo is scheduled on business days', async () => {
    const { customer } = await makeCoveredCustomer(app.database.dataSource, { homeDesk: 'UK' })
    const modules = await app.gql('{ trainingModules { id name prices { amountMinor currency } } }')
    const labels = modules.data.trainingModules.find((m: any) => m.name === 'Labels in depth')
    const quote = await app.gql(CREATE, { c: globalId('Customer', customer.id), lines: [{ kind: 'TRAINING_MODULE', quantity: '2', trainingModuleId: labels.id }, { kind: 'DAILY_DEMO', quantity: '1' }] }, { cookie: staff })
    expect(quote.data.createQuote.quote).toMatchObject({ currency: 'GBP', total: { amountMinor: 72_000 } })
    const demos = await app.gql('{ dailyDemoSessions(days: 3) { desk startsAt } }')
    // Tue 24 Nov 09:00 LA now: Pacific demos Wed 25 (08:00 LA), Fri 27 (Thanksgiving Thursday skipped); UK Wed 25, Thu 26, Fri 27 at 09:00 London.
    expect(demos.data.dailyDemoSessions.map((d: any) => `${d.desk} ${d.startsAt}`)).toEqual([
      'UK 2026-11-25T09:00:00.000Z',
      'PACIFIC 2026-11-25T16:00:00.000Z',
      'UK 2026-11-26T09:00:00.000Z',
      'UK 2026-11-27T09:00:00.000Z',
      'PACIFIC 2026-11-27T16:00:00.000Z',
    ])
  })

  it('the public form makes an unknown organisation a prospect, ignores the honeypot, and limits each address', async () => {
    const SUBMIT = `mutation($website: String) { submitConsultingRequest(organisation: "Fresh Fields", name: "Fay Field", email: "fay@freshfields.example", message: "We need help with campaign tracking.", website: $website) { __typename ... on Error { message } } }`
    const ok = await app.gql(SUBMIT, {}, { ip: '203.0.113.9' })
    expect(ok.data.submitConsultingRequest.__typename).toBe('MutationSubmitConsultingRequestSuccess')
    const list = await app.gql('{ consultingRequests { edges { node { organisation customer { name status } } } } }', {}, { cookie: staff })
    expect(list.data.consultingRequests.edges[0].node).toEqual({ organisation: 'Fresh Fields', customer: { name: 'Fresh Fields', status: 'PROSPECT' } })
    const bot = await app.gql(SUBMIT, { website: 'http://spam.example' }, { ip: '203.0.113.10' })
    expect(bot.data.submitConsultingRequest.__typename).toBe('MutationSubmitConsultingRequestSuccess')
    expect((await app.gql('{ consultingRequests { edges { node { id } } } }', {}, { cookie: staff })).data.consultingRequests.edges).toHaveLength(1)
    for (let i = 0; i < 4; i++) await app.gql(SUBMIT, {}, { ip: '203.0.113.9' })
    const limited = await app.gql(SUBMIT, {}, { ip: '203.0.113.9' })
    expect(limited.data.submitConsultingRequest.__typename).toBe('TooManyAttemptsError')
  })
})

void makeContact
