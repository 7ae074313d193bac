import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'

// The admin pipeline reads quotePipeline (reporting): counts, totals per currency and delivered time by status.
const PIPELINE = `query($from: DateTime!, $to: DateTime!) { quotePipeline(filter: { from: $from, to: $to }) { __typename
  ... on QueryQuotePipelineSuccess { rows { status currency count totalMinor quotedMinutes loggedMinutes } }
  ... on Error { message } ... on ValidationError { fieldErrors { field message } } } }`
const CREATE = `mutation($c: ID!, $t: ID, $h: String!) { createQuote(customerId: $c, ticketId: $t, lines: [{ kind: HOURS, quantity: $h }]) { ... on MutationCreateQuoteSuccess { quote { id } } } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let staff: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  staff = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
})
afterAll(() => app.close())

async function quoteFor(customerId: string, hours: string, ticketId?: string) {
  const created = await app.gql(CREATE, { c: globalId('Customer', customerId), t: ticketId ?? null, h: hours }, { cookie: staff })
  return created.data.createQuote.quote.id as string
}
const send = (id: string) => app.gql(`mutation($q: ID!) { sendQuote(quoteId: $q) { __typename } }`, { q: id }, { cookie: staff })

describe('the quote pipeline', () => {
  it('counts quotes created in the range by status and currency, with totals and delivered against quoted time', async () => {
    const us = await makeCoveredCustomer(app.database.dataSource)
    const uk = await makeCoveredCustomer(app.database.dataSource, { homeDesk: 'UK' })
    const contact = await app.signIn(us.keyContact.email)
    const opened = await app.gql(`mutation { openTicket(input: { subject: "Logs", body: "Import them", category: SERVER_LOG_FILES }) { ... on MutationOpenTicketSuccess { ticket { id } } } }`, {}, { cookie: contact })
    const ticketId = opened.data.openTicket.ticket.id

    const accepted = await quoteFor(us.customer.id, '2', ticketId)
    await send(accepted)
    await app.gql(`mutation($q: ID!) { acceptQuote(quoteId: $q) { __typename } }`, { q: accepted }, { cookie: contact })
    await app.gql(`mutation($t: ID!) { logTime(ticketId: $t, minutes: 45, note: "Import") { __typename } }`, { t: ticketId }, { cookie: staff })
    await send(await quoteFor(us.customer.id, '1.5'))
    await send(await quoteFor(uk.customer.id, '3'))
    await quoteFor(us.customer.id, '1')

    const older = await quoteFor(us.customer.id, '10')
    await app.database.dataSource.query(`UPDATE quotes SET created_at = '2026-10-31T23:59:59Z' WHERE id = $1`, [Buffer.from(older, 'base64').toString().split(':')[1]])

    const answer = await app.gql(PIPELINE, { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, { cookie: staff })
    expect(answer.data.quotePipeline.rows).toEqual([
      // In the order of a quote's life, then by currency.
      { status: 'DRAFT', currency: 'USD', count: 1, totalMinor: 15_000, quotedMinutes: 60, loggedMinutes: 0 },
      { status: 'SENT', currency: 'GBP', count: 1, totalMinor: 36_000, quotedMinutes: 180, loggedMinutes: 0 },
      { status: 'SENT', currency: 'USD', count: 1, totalMinor: 22_500, quotedMinutes: 90, loggedMinutes: 0 },
      { status: 'ACCEPTED', currency: 'USD', count: 1, totalMinor: 30_000, quotedMinutes: 120, loggedMinutes: 45 },
    ])
  })

  it('is for staff only, and refuses a range longer than two years', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const asContact = await app.gql(PIPELINE, { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, { cookie: await app.signIn(keyContact.email) })
    expect(asContact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const long = await app.gql(PIPELINE, { from: '2024-01-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, { cookie: staff })
    expect(long.data.quotePipeline.fieldErrors).toEqual([{ field: 'to', message: 'Choose a range of at most 731 days.' }])
  })
})
