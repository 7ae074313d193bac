import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeContact, makeContract, makeCoveredCustomer, makeCustomer, makeLicense, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'

// Issue 6's bad input, each answered with a typed error that writes nothing; and what the printed quote reads.
const QUOTE = `id number status version total { amountMinor } lines { kind quantity trainingModule { name } }`
const RESULT = (name: string, data = `quote { ${QUOTE} }`) =>
  `__typename ... on ${name} { ${data} } ... on Error { code message } ... on PolicyError { rule } ... on ValidationError { fieldErrors { field message } }`
const CREATE = `mutation($c: ID!, $lines: [QuoteLineInput!]!, $t: ID, $r: ID) { createQuote(customerId: $c, lines: $lines, ticketId: $t, consultingRequestId: $r) { ${RESULT('MutationCreateQuoteSuccess')} } }`
const SEND = `mutation($q: ID!) { sendQuote(quoteId: $q) { ${RESULT('MutationSendQuoteSuccess')} } }`
const WITHDRAW = `mutation($q: ID!) { withdrawQuote(quoteId: $q) { ${RESULT('MutationWithdrawQuoteSuccess')} } }`
const REVISE = `mutation($q: ID!) { reviseQuote(quoteId: $q) { ${RESULT('MutationReviseQuoteSuccess')} } }`
const ACCEPT = `mutation($q: ID!) { acceptQuote(quoteId: $q) { ${RESULT('MutationAcceptQuoteSuccess')} } }`
const EDIT = `mutation($q: ID!) { updateDraftQuote(quoteId: $q, lines: [{ kind: HOURS, quantity: "9" }], validUntil: "2026-12-20") { ${RESULT('MutationUpdateDraftQuoteSuccess')} } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let staff: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  staff = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
})
afterAll(() => app.close())

const db = () => app.database.dataSource

/** What a failed change must leave as it was: every quote, its lines, the number counter, time and audit. */
async function snapshot() {
  const [row] = await db().query(`
    SELECT (SELECT json_agg(json_build_object('id', id, 'status', status, 'version', version, 'total', total_minor, 'valid', valid_until::text,
                                              'decidedBy', decided_by_contact_id) ORDER BY id) FROM quotes) AS quotes,
           (SELECT count(*)::int FROM quote_lines) AS lines,
           (SELECT json_agg(json_build_object('year', year, 'last', last)) FROM quote_counters) AS counters,
           (SELECT count(*)::int FROM time_entries) AS time,
           (SELECT count(*)::int FROM audit_log) AS audit`)
  return row
}

async function sentQuote(customerId: string, lines: unknown[] = [{ kind: 'HOURS', quantity: '2' }]) {
  const created = await app.gql(CREATE, { c: globalId('Customer', customerId), lines }, { cookie: staff })
  const quote = created.data.createQuote.quote
  expect((await app.gql(SEND, { q: quote.id }, { cookie: staff })).data.sendQuote.quote.status).toBe('SENT')
  return quote
}

describe('bad input writes nothing', () => {
  it('editing a sent quote is refused and leaves its lines, total and validity as they were', async () => {
    const { customer } = await makeCoveredCustomer(db())
    const quote = await sentQuote(customer.id)
    const before = await snapshot()
    const edit = await app.gql(EDIT, { q: quote.id }, { cookie: staff })
    expect(edit.data.updateDraftQuote).toMatchObject({ __typename: 'PolicyError', code: 'POLICY' })
    expect(edit.data.updateDraftQuote.message).toMatch(/sent quote/i)
    expect(await snapshot()).toEqual(before)
  })

  it('a withdrawn quote cannot be accepted, and the refusal records no decision', async () => {
    const { customer, keyContact } = await makeCoveredCustomer(db())
    const quote = await sentQuote(customer.id)
    expect((await app.gql(WITHDRAW, { q: quote.id }, { cookie: staff })).data.withdrawQuote.quote.status).toBe('WITHDRAWN')
    const cookie = await app.signIn(keyContact.email) // signing in is audited too: before the snapshot
    const before = await snapshot()
    const accept = await app.gql(ACCEPT, { q: quote.id }, { cookie })
    expect(accept.data.acceptQuote).toMatchObject({ __typename: 'PolicyError', code: 'POLICY' })
    expect(await snapshot()).toEqual(before)
  })

  it('a superseded quote cannot be accepted; another customer’s quote does not exist for a contact; neither changes anything', async () => {
    const mine = await makeCoveredCustomer(db())
    const theirs = await makeCoveredCustomer(db())
    const superseded = await sentQuote(mine.customer.id)
    await app.gql(REVISE, { q: superseded.id }, { cookie: staff })
    const foreign = await sentQuote(theirs.customer.id)
    const cookie = await app.signIn(mine.keyContact.email)
    const before = await snapshot()
    expect((await app.gql(ACCEPT, { q: superseded.id }, { cookie })).data.acceptQuote.__typename).toBe('PolicyError')
    expect((await app.gql(ACCEPT, { q: foreign.id }, { cookie })).data.acceptQuote).toMatchObject({ __typename: 'NotFoundError', message: 'That quote was not found.' })
    expect(await snapshot()).toEqual(before)
  })

  it('negative and zero quantities are named per line and take no quote number', async () => {
    const { customer } = await makeCoveredCustomer(db())
    const before = await snapshot()
    const c = globalId('Customer', customer.id)
    const negative = await app.gql(CREATE, { c, lines: [{ kind: 'HOURS', quantity: '1' }, { kind: 'HOURS', quantity: '-2' }] }, { cookie: staff })
    expect(negative.data.createQuote).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'lines.1.quantity', message: 'Enter a quantity like 2 or 1.25 (at most 2 decimals).' }],
    })
    const zero = await app.gql(CREATE, { c, lines: [{ kind: 'DAILY_DEMO', quantity: '0.00' }] }, { cookie: staff })
    expect(zero.data.createQuote.fieldErrors).toEqual([{ field: 'lines.0.quantity', message: 'The quantity must be more than zero.' }])
    const escalate = await app.gql(
      `mutation($t: ID!) { escalateTicket(ticketId: $t, estimatedHours: "-1") { ${RESULT('MutationEscalateTicketSuccess')} } }`,
      { t: globalId('Ticket', '00000000-0000-4000-8000-000000000009') },
      { cookie: staff },
    )
    expect(escalate.data.escalateTicket.fieldErrors).toEqual([{ field: 'estimatedHours', message: 'Estimate the hours, like 3 or 2.5.' }])
    expect(await snapshot()).toEqual(before)
  })

  it('mixed currencies: a renewal of a license priced in another currency than the customer’s is refused and takes no number', async () => {
    const customer = await makeCustomer(db(), { currency: 'USD' })
    const license = await makeLicense(db(), customer, { currency: 'GBP', priceMinor: 80_000 })
    const contract = await makeContract(db(), customer, license, 'MAINTENANCE', { start: '2026-01-01', end: '2026-12-31' })
    const before = await snapshot()
    const renewal = await app.gql(`mutation($c: ID!) { createRenewalQuote(contractId: $c) { ${RESULT('MutationCreateRenewalQuoteSuccess')} } }`, { c: globalId('Contract', contract.id) }, { cookie: staff })
    expect(renewal.data.createRenewalQuote).toEqual({
      __typename: 'PolicyError',
      code: 'POLICY',
      rule: 'MIXED_CURRENCY',
      message: 'The license is priced in GBP but the customer is billed in USD; quote it by hand.',
    })
    expect(await snapshot()).toEqual(before)
  })

  it('time without an accepted quote is refused and logs nothing', async () => {
    const { customer, keyContact } = await makeCoveredCustomer(db())
    const opened = await app.gql(`mutation { openTicket(input: { subject: "Import our logs", body: "Six months of logs", category: SERVER_LOG_FILES }) { ... on MutationOpenTicketSuccess { ticket { id } } } }`, {}, { cookie: await app.signIn(keyContact.email) })
    const ticketId = opened.data.openTicket.ticket.id
    await app.gql(`mutation($t: ID!) { escalateTicket(ticketId: $t, estimatedHours: "2") { __typename } }`, { t: ticketId }, { cookie: staff })
    await sentQuote(customer.id) // A sent, unaccepted quote of the same customer (not of this ticket) opens nothing.
    const before = await snapshot()
    const logged = await app.gql(`mutation($t: ID!) { logTime(ticketId: $t, minutes: 30, note: "Started") { __typename ... on PolicyError { rule message } } }`, { t: ticketId }, { cookie: staff })
    expect(logged.data.logTime).toEqual({ __typename: 'PolicyError', rule: 'RULE_VIOLATION', message: 'No Professional Services time can be logged until the customer has accepted a quote for this ticket.' })
    expect(await snapshot()).toEqual(before)
  })
})

describe('what the printed quote reads', () => {
  const PRINT = `query($id: ID!) { quote(id: $id) { number addressedTo { name email } customer { name } lines { trainingModule { name } } } }`

  it('a quote is addressed to its ticket’s requester, or to whoever sent the consulting request; a revision keeps its training modules', async () => {
    const { customer, keyContact } = await makeCoveredCustomer(db())
    const requester = await makeContact(db(), customer, { name: 'Rowan Reed', email: 'rowan@reed.test' })
    const opened = await app.gql(
      `mutation($r: ID!) { openTicket(input: { requesterId: $r, subject: "Help", body: "Please", category: SERVER_LOG_FILES }) { ... on MutationOpenTicketSuccess { ticket { id } } } }`,
      { r: globalId('Contact', requester.id) },
      { cookie: staff },
    )
    const modules = (await app.gql('{ trainingModules { id name } }')).data.trainingModules
    const fraud = modules.find((m: any) => m.name === 'Spotting click fraud')
    const created = await app.gql(
      CREATE,
      { c: globalId('Customer', customer.id), t: opened.data.openTicket.ticket.id, lines: [{ kind: 'TRAINING_MODULE', quantity: '1', trainingModuleId: fraud.id }] },
      { cookie: staff },
    )
    const quote = created.data.createQuote.quote
    await app.gql(SEND, { q: quote.id }, { cookie: staff })
    const asCustomer = await app.gql(PRINT, { id: quote.id }, { cookie: await app.signIn(keyContact.email) })
    expect(asCustomer.data.quote).toEqual({
      number: quote.number,
      addressedTo: { name: 'Rowan Reed', email: 'rowan@reed.test' },
      customer: { name: customer.name },
      lines: [{ trainingModule: { name: 'Spotting click fraud' } }],
    })
    const revision = (await app.gql(REVISE, { q: quote.id }, { cookie: staff })).data.reviseQuote.quote
    expect(revision.lines).toEqual([{ kind: 'TRAINING_MODULE', quantity: '1.00', trainingModule: { name: 'Spotting click fraud' } }])

    await app.gql(
      `mutation { submitConsultingRequest(organisation: "Pier Nine", name: "Pat Pier", email: "pat@pier.example", message: "Training for six analysts.") { __typename } }`,
      {},
      { ip: '198.51.100.7' },
    )
    const request = (await app.gql('{ consultingRequests(first: 1) { edges { node { id customer { id } } } } }', {}, { cookie: staff })).data.consultingRequests.edges[0].node
    const answer = await app.gql(CREATE, { c: request.customer.id, r: request.id, lines: [{ kind: 'HOURS', quantity: '1' }] }, { cookie: staff })
    const printed = await app.gql(PRINT, { id: answer.data.createQuote.quote.id }, { cookie: staff })
    expect(printed.data.quote.addressedTo).toEqual({ name: 'Pat Pier', email: 'pat@pier.example' })
  })

  it('another customer’s quote is not found for a contact, and a list reads lines, modules and recipients in a fixed number of statements', async () => {
    const mine = await makeCoveredCustomer(db())
    const theirs = await makeCoveredCustomer(db())
    const foreign = await sentQuote(theirs.customer.id)
    const cookie = await app.signIn(mine.keyContact.email)
    expect((await app.gql(PRINT, { id: foreign.id }, { cookie })).data.quote).toBeNull()

    const modules = (await app.gql('{ trainingModules { id } }')).data.trainingModules
    // Only this customer's quotes, which all have a module line: the clock stands still, so order among
    // quotes created at one instant is by id, and a quote without modules (the other customer's) could come first.
    const LIST = `query($n: Int!, $c: ID!) { quotes(first: $n, customerId: $c) { edges { node { number addressedTo { name } lines { trainingModule { name } } } } } }`
    for (let i = 0; i < 4; i++) await sentQuote(mine.customer.id, [{ kind: 'TRAINING_MODULE', quantity: '1', trainingModuleId: modules[i % modules.length].id }])
    const few = await app.countStatements(() => app.gql(LIST, { n: 1, c: globalId('Customer', mine.customer.id) }, { cookie: staff }))
    const many = await app.countStatements(() => app.gql(LIST, { n: 20, c: globalId('Customer', mine.customer.id) }, { cookie: staff }))
    expect(many.length).toBe(few.length)
  })
})
