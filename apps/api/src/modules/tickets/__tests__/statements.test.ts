import { afterAll, beforeAll, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'
import { setDeskRecheckInterval } from '../../sla/sla.service.js'

let app: TestApp
let previousInterval: number
beforeAll(async () => {
  app = await createTestApp()
  // The desk cache's freshness check (at most one statement every few seconds) is not part of a request's cost.
  previousInterval = setDeskRecheckInterval(3_600_000)
})
afterAll(async () => {
  setDeskRecheckInterval(previousInterval)
  await app.close()
})

const QUEUE = `query($first: Int) { tickets(desk: PACIFIC, first: $first) { edges { node {
  number subject status plan customer { name } requester { name } assignee { name }
  firstResponse { state dueAt businessMinutesLeft } messages { body } timeline { kind } quotes { number }
} } } }`

it('a desk queue costs the same number of SQL statements for 10 tickets as for 40 (no N+1)', async () => {
  const db = app.database.dataSource
  const staff = await makeStaff(db, { role: 'ENGINEER', desk: 'PACIFIC' })
  const cookie = await app.signIn(staff.email)
  const customers = await Promise.all(Array.from({ length: 8 }, () => makeCoveredCustomer(db, { premium: true })))
  for (let i = 0; i < 40; i++) {
    const requester = customers[i % 8]!.keyContact
    await app.gql(`mutation($r: ID!) { openTicket(input: { subject: "Q", body: "B", category: BUG, requesterId: $r }) { __typename } }`, { r: globalId('Contact', requester.id) }, { cookie })
  }
  await app.gql(QUEUE, { first: 1 }, { cookie }) // warms the process's desk cache, as any running server has
  const counts: Record<number, number> = {}
  for (const first of [10, 40]) {
    let edges = 0
    const statements = await app.countStatements(async () => {
      const response = await app.gql(QUEUE, { first }, { cookie })
      edges = response.data.tickets.edges.length
    })
    expect(edges).toBe(first)
    counts[first] = statements.length
  }
  expect(counts[40]).toBe(counts[10])
  expect(counts[10]).toBeLessThanOrEqual(8)
})
