import { afterAll, beforeAll, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

/** Opens a GraphQL subscription over server-sent events and collects its events as they arrive. */
async function subscribe(query: string, variables: Record<string, unknown>, auth: string | { bearer: string }) {
  const controller = new AbortController()
  const response = await app.yoga.fetch('http://covered.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-requested-with': 'test',
      ...(typeof auth === 'string' ? { cookie: auth } : { authorization: `Bearer ${auth.bearer}` }),
    },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  })
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  const events: any[] = []
  let buffer = ''
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = chunk.split('\n').find((line) => line.startsWith('data:'))
          if (data && data.length > 5) events.push(JSON.parse(data.slice(5)))
        }
      }
    } catch {
      // aborted
    }
  })()
  return {
    events,
    async next(count: number) {
      for (let i = 0; i < 100 && events.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50))
      return events.slice(0, count)
    },
    async close() {
      controller.abort()
      await reader.cancel().catch(() => undefined)
      await pump
    },
  }
}

it('a customer watching their ticket hears a staff reply at once, without internal notes; a stranger hears nothing', async () => {
  const db = app.database.dataSource
  const { keyContact } = await makeCoveredCustomer(db)
  const stranger = await makeCoveredCustomer(db)
  const customerCookie = await app.signIn(keyContact.email)
  const strangerCookie = await app.signIn(stranger.keyContact.email)
  const staffCookie = await app.signIn((await makeStaff(db)).email)
  const opened = await app.gql(`mutation { openTicket(input: { subject: "Live?", body: "Is this live?", category: BUG }) { ... on MutationOpenTicketSuccess { ticket { id } } } }`, {}, { cookie: customerCookie })
  const id = opened.data.openTicket.ticket.id
  const WATCH = `subscription($id: ID!) { ticketChanged(id: $id) { status messages { body internal } firstResponse { state } } }`
  const mine = await subscribe(WATCH, { id }, customerCookie)
  const theirs = await subscribe(WATCH, { id }, strangerCookie)
  const queue = await subscribe(`subscription { queueChanged(desk: PACIFIC) { subject status } }`, {}, staffCookie)
  await new Promise((resolve) => setTimeout(resolve, 100))

  await app.gql(`mutation($id: ID!) { replyToTicket(ticketId: $id, body: "Secret theory", internal: true) { __typename } }`, { id }, { cookie: staffCookie })
  await app.gql(`mutation($id: ID!) { replyToTicket(ticketId: $id, body: "Yes, it is live.") { __typename } }`, { id }, { cookie: staffCookie })

  const [, second] = await mine.next(2)
  expect(second.data.ticketChanged).toEqual({
    status: 'OPEN',
    messages: [{ body: 'Is this live?', internal: false }, { body: 'Yes, it is live.', internal: false }],
    firstResponse: { state: 'MET' },
  })
  expect(JSON.stringify(mine.events)).not.toContain('Secret theory')
  const queued = await queue.next(2)
  expect(queued.map((e) => e.data.queueChanged.subject)).toEqual(['Live?', 'Live?'])
  expect(theirs.events).toEqual([])
  await Promise.all([mine.close(), theirs.close(), queue.close()])
})

it('an API token follows the queue live; one bound to a customer hears only that customer’s tickets', async () => {
  const db = app.database.dataSource
  const mine = await makeCoveredCustomer(db)
  const other = await makeCoveredCustomer(db)
  const admin = await app.signIn((await makeStaff(db, { role: 'ADMIN' })).email)
  const CREATE = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { ... on MutationCreateApiTokenSuccess { created { secret } } } }`
  const bound = (await app.gql(CREATE, { i: { name: 'Bound', scope: 'READ', customerId: globalId('Customer', mine.customer.id) } }, { cookie: admin })).data.createApiToken.created.secret
  const unbound = (await app.gql(CREATE, { i: { name: 'All', scope: 'READ' } }, { cookie: admin })).data.createApiToken.created.secret
  const QUEUE = `subscription { queueChanged { subject } }`
  const boundFeed = await subscribe(QUEUE, {}, { bearer: bound })
  const allFeed = await subscribe(QUEUE, {}, { bearer: unbound })
  await new Promise((resolve) => setTimeout(resolve, 100))
  const OPEN = `mutation($s: String!) { openTicket(input: { subject: $s, body: "Question", category: BUG }) { __typename } }`
  await app.gql(OPEN, { s: 'Theirs' }, { cookie: await app.signIn(other.keyContact.email) })
  await app.gql(OPEN, { s: 'Ours' }, { cookie: await app.signIn(mine.keyContact.email) })
  expect((await allFeed.next(2)).map((e) => e.data.queueChanged.subject)).toEqual(['Theirs', 'Ours'])
  expect((await boundFeed.next(1)).map((e) => e.data.queueChanged.subject)).toEqual(['Ours'])
  expect(boundFeed.events).toHaveLength(1)
  await Promise.all([boundFeed.close(), allFeed.close()])
})
