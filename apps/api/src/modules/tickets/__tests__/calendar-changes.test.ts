import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ clock: createClock('2026-11-24T17:00:00Z') }) // Tuesday 09:00 Los Angeles
})
afterAll(() => app.close())

it('a holiday added on the ticket’s desk moves its running due times and is noted on its timeline', async () => {
  const db = app.database.dataSource
  const { keyContact } = await makeCoveredCustomer(db)
  const ukCustomer = await makeCoveredCustomer(db, { homeDesk: 'UK' })
  const admin = await app.signIn((await makeStaff(db, { role: 'ADMIN', desk: null })).email)
  const open = async (email: string) =>
    (await app.gql(`mutation { openTicket(input: { subject: "Report totals", body: "Totals differ", category: DATA_DISCREPANCY }) { ... on MutationOpenTicketSuccess { ticket { id resolution { dueAt } } } } }`, {}, { cookie: await app.signIn(email) })).data.openTicket.ticket
  const pacific = await open(keyContact.email)
  const uk = await open(ukCustomer.keyContact.email)
  expect(pacific.resolution.dueAt).toBe('2026-11-27T19:00:00.000Z')

  const added = await app.gql(`mutation { addDeskHoliday(desk: PACIFIC, date: "2026-11-25", name: "Office move") { __typename ... on Error { message } } }`, {}, { cookie: admin })
  expect(added.data.addDeskHoliday.__typename).toBe('MutationAddDeskHolidaySuccess')

  const after = await app.gql(`query($a: ID!, $b: ID!) {
    a: ticket(id: $a) { resolution { dueAt } timeline { kind summary } }
    b: ticket(id: $b) { resolution { dueAt } timeline { kind } } }`, { a: pacific.id, b: uk.id }, { cookie: admin })
  // Wednesday's 11 Pacific hours are gone: Tue 9h + Fri 11h (Thursday is Thanksgiving) + 4h on Monday 30th -> 11:00 LA.
  expect(after.data.a.resolution.dueAt).toBe('2026-11-30T19:00:00.000Z')
  expect(after.data.a.timeline.at(-1)).toEqual({ kind: 'CALENDAR_CHANGED', summary: expect.stringMatching(/^Due times recalculated: .*2026-11-25/) })
  expect(after.data.b.resolution.dueAt).toBe(uk.resolution.dueAt)
  expect(after.data.b.timeline.map((e: any) => e.kind)).not.toContain('CALENDAR_CHANGED')
})
