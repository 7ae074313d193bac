import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { spaOperations, type SpaOperations } from '../../../../scripts/bench/operations.js'
import { makeContact, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { installStatementCounter, statementTotals } from '../../../db/statement-counter.js'
import { currentDesks, setDeskRecheckInterval } from '../../sla/sla.service.js'

/**
 * The benchmark's two write paths, (e) a key contact opening a premium ticket in the portal (routed to an
 * engineer: two domain events, each mailed and offered to webhooks) and (f) an engineer's public reply, sent as
 * the SPAs send them and counted at the `pg` driver as the benchmark counts them (fence statements included).
 * They cost 44 and 26 statements before the write paths were reworked.
 */
const OPEN_AT_MOST = 24
const REPLY_AT_MOST = 18

const clock = createClock('2026-11-24T17:00:00Z') // Tuesday 09:00 in Los Angeles: the Pacific desk is open
let app: TestApp
let ops: SpaOperations
let engineerCookie: string
let previousInterval: number
let keys = 0

beforeAll(async () => {
  app = await createTestApp({ clock })
  ops = await spaOperations(path.resolve(import.meta.dirname, '../../../../../..'))
  installStatementCounter()
  const db = app.database.dataSource
  engineerCookie = await app.signIn((await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
  // The desk cache's freshness check (at most one statement every few seconds) is not part of a request's cost.
  previousInterval = setDeskRecheckInterval(3_600_000)
  await currentDesks(db)
})
afterAll(async () => {
  setDeskRecheckInterval(previousInterval)
  await app.close()
})

async function statementsOf(work: () => Promise<void>): Promise<number> {
  const before = statementTotals().statements
  await work()
  return statementTotals().statements - before
}

/** A premium customer whose requester has `colleagues` fellow key contacts who all chose copies of their tickets. */
async function customerWithKeyContacts(colleagues: number) {
  const db = app.database.dataSource
  const { customer, keyContact } = await makeCoveredCustomer(db, { premium: true })
  const [contract] = await db.query(`SELECT id FROM contracts WHERE customer_id = $1 AND kind = 'MAINTENANCE'`, [customer.id])
  for (let i = 0; i < colleagues; i++) {
    const colleague = await makeContact(db, customer)
    await db.query('INSERT INTO contract_key_contacts (contract_id, contact_id) VALUES ($1, $2)', [contract.id, colleague.id])
    await db.query(
      `INSERT INTO notification_preferences (recipient_kind, recipient_id, kind, enabled, updated_at) VALUES ('CONTACT', $1, 'ORGANISATION_TICKETS', true, $2)`,
      [colleague.id, clock.now()],
    )
  }
  return { customer, cookie: await app.signIn(keyContact.email) }
}

async function openTicket(cookie: string): Promise<{ id: string; statements: number }> {
  let id = ''
  const statements = await statementsOf(async () => {
    const input = { subject: 'Export times out', body: 'The monthly export stops after a minute.', category: 'BUG', labelsRequested: null, joinedLabels: null, idempotencyKey: `key-${++keys}` }
    const response = await app.gql(ops.portalOpenTicket, { input }, { cookie })
    expect(response.data?.openTicket?.__typename).toBe('MutationOpenTicketSuccess')
    id = response.data.openTicket.ticket.id
  })
  return { id, statements }
}

async function reply(ticketId: string): Promise<number> {
  return statementsOf(async () => {
    const response = await app.gql(ops.replyToTicket, { ticketId, body: 'Thanks, we are looking into it.', internal: false }, { cookie: engineerCookie })
    expect(response.data?.replyToTicket?.__typename).toBe('MutationReplyToTicketSuccess')
  })
}

/** The statements of a second intake and a second reply (the first of each opens the pool's connections). */
async function writeCosts(colleagues: number) {
  const { customer, cookie } = await customerWithKeyContacts(colleagues)
  await reply((await openTicket(cookie)).id)
  const opened = await openTicket(cookie)
  await reply(opened.id)
  const replied = await reply(opened.id)
  const [mails] = await app.database.dataSource.query(
    `SELECT count(*) FILTER (WHERE kind = 'TICKET_RECEIVED')::int AS received, count(*) FILTER (WHERE kind = 'TICKET_ANSWERED')::int AS answered,
            count(*) FILTER (WHERE kind = 'TICKET_ASSIGNED')::int AS assigned
       FROM email_messages WHERE customer_id = $1 AND ticket_id = $2`,
    [customer.id, Buffer.from(opened.id, 'base64').toString('utf8').split(':')[1]],
  )
  return { open: opened.statements, reply: replied, mails }
}

it('opening a ticket and replying cost a bounded number of statements, the same however many key contacts are mailed', async () => {
  const alone = await writeCosts(0)
  const withColleagues = await writeCosts(3)
  // Every recipient was mailed: the requester (and the colleagues' copies) for the intake and both replies, the engineer for the routing.
  expect(alone.mails).toEqual({ received: 1, answered: 2, assigned: 1 })
  expect(withColleagues.mails).toEqual({ received: 4, answered: 8, assigned: 1 })
  expect(alone.open).toBeLessThanOrEqual(OPEN_AT_MOST)
  expect(alone.reply).toBeLessThanOrEqual(REPLY_AT_MOST)
  expect(withColleagues.open).toBe(alone.open)
  expect(withColleagues.reply).toBe(alone.reply)
})
