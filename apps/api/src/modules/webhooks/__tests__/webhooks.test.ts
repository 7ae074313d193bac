import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { root } from '../../../../../../scripts/lib/build.mjs'
import { computeSignature, signedHeaders, verifySignature } from '../signature.js'
import { deliverDueWebhooks, retryDelayMs, RETRY_BACKOFF } from '../worker.js'
import { startReceiver } from './receiver.js'

const clock = createClock('2026-11-24T17:00:00Z') // Tuesday 09:00 in Los Angeles
let app: TestApp
let admin: string
let engineer: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  admin = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN' })).email)
  engineer = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
})
afterAll(() => app.close())
// Each test sees only its own endpoints at work: the worker sends every due delivery of active endpoints.
afterEach(() => app.database.dataSource.query('UPDATE webhook_endpoints SET active = false'))

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    __typename
    ... on MutationCreateWebhookEndpointSuccess { created { signingSecret endpoint { id url eventTypes active secretPrefix customer { name } } } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field message } }
  }
}`
const OPEN = `mutation($s: String!) { openTicket(input: { subject: $s, body: "Totals differ", category: DATA_DISCREPANCY }) { ... on MutationOpenTicketSuccess { ticket { id number } } ... on Error { message } } }`
const REPLY = `mutation($t: ID!, $b: String!, $i: Boolean) { replyToTicket(ticketId: $t, body: $b, internal: $i) { __typename ... on Error { message } } }`
const DELIVERIES = `query($id: ID!) { webhookEndpoint(id: $id) { pendingCount failedCount deliveries(first: 20) { edges { node {
  id eventId eventType status attemptCount payload lastResponseStatus attempts { responseStatus succeeded error durationMs }
} } } } }`

async function createEndpoint(input: Record<string, unknown>) {
  const response = await app.gql(CREATE, { input }, { cookie: admin })
  return response.data.createWebhookEndpoint
}

async function deliveriesOf(endpointId: string) {
  const response = await app.gql(DELIVERIES, { id: endpointId }, { cookie: admin })
  return response.data.webhookEndpoint
}

const worker = (timeoutMs = 2000) => deliverDueWebhooks(app.database.dataSource, { timeoutMs, now: clock.now })

/** Runs the worker at the next due time of the endpoint's pending deliveries (the test clock jumps there). */
async function runWhenDue(endpointId: string, timeoutMs = 2000) {
  const [due] = await app.database.dataSource.query(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'PENDING'`, [endpointId])
  if (due.at && new Date(due.at) > clock.now()) clock.set(due.at)
  return worker(timeoutMs)
}

async function openTicket(cookie: string, subject: string) {
  clock.advance(1000)
  return (await app.gql(OPEN, { s: subject }, { cookie })).data.openTicket.ticket as { id: string; number: string }
}

describe('signatures', () => {
  const secret = 'whsec_test'
  const body = JSON.stringify({ id: 'e1', type: 'ticket.created', occurredAt: '2026-11-24T17:00:00.000Z', data: {} })
  const at = new Date('2026-11-24T17:00:00Z')

  it('are the hex HMAC-SHA256 of "<timestamp>.<body>", and verify within 5 minutes', () => {
    const headers = signedHeaders(secret, 'e1', body, at)
    expect(headers).toEqual({
      'Covered-Event-Id': 'e1',
      'Covered-Timestamp': '1795539600',
      'Covered-Signature': `v1=${computeSignature(secret, 1795539600, body)}`,
    })
    expect(headers['Covered-Signature']).toMatch(/^v1=[0-9a-f]{64}$/)
    const check = (overrides: { secret?: string; body?: string; timestamp?: string; signature?: string; now?: Date }) =>
      verifySignature({ secret, body, timestamp: headers['Covered-Timestamp'], signature: headers['Covered-Signature'], now: at, ...overrides })
    expect(check({})).toEqual({ ok: true })
    expect(check({ now: new Date(at.getTime() + 299_000) })).toEqual({ ok: true })
    expect(check({ body: body.replace('ticket.created', 'ticket.closed') })).toEqual({ ok: false, reason: 'FORGED' })
    expect(check({ secret: 'whsec_other' })).toEqual({ ok: false, reason: 'FORGED' })
    expect(check({ timestamp: '1795539601' })).toEqual({ ok: false, reason: 'FORGED' })
    expect(check({ now: new Date(at.getTime() + 301_000) })).toEqual({ ok: false, reason: 'STALE' })
    expect(check({ signature: 'v1=abc' })).toEqual({ ok: false, reason: 'MALFORMED' })
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'MISSING' })
    // While a secret is rotated a receiver may be sent several signatures: one match is enough.
    expect(check({ signature: `v1=${'0'.repeat(64)}, ${headers['Covered-Signature']}` })).toEqual({ ok: true })
  })

  it('the example verifier accepts a genuine delivery once and refuses forged, stale and replayed ones', async () => {
    const { createWebhookVerifier } = await import(path.join(root, 'scripts/examples/verify-webhook-signature.mjs'))
    let now = at.getTime()
    const verify = createWebhookVerifier({ secret, now: () => now })
    const headers = signedHeaders(secret, 'e1', body, at)
    expect(verify({ headers, body })).toMatchObject({ ok: true, event: { id: 'e1' } })
    expect(verify({ headers, body })).toEqual({ ok: false, reason: 'REPLAYED' })
    expect(verify({ headers, body: `${body} ` })).toEqual({ ok: false, reason: 'FORGED' })
    // A retry of the same event is signed anew: accepted (the receiver deduplicates on the event id).
    expect(verify({ headers: signedHeaders(secret, 'e1', body, new Date(at.getTime() + 30_000)), body })).toMatchObject({ ok: true })
    now += 6 * 60_000
    expect(verify({ headers, body })).toEqual({ ok: false, reason: 'STALE' })
  })
})

describe('endpoints', () => {
  it('an admin registers one and sees its signing secret once; bad input is refused with what to fix', async () => {
    const { customer } = await makeCoveredCustomer(app.database.dataSource, { name: 'Filtered Co' })
    const created = await createEndpoint({
      url: 'https://crm.example.com/hooks/covered',
      eventTypes: ['TICKET_CREATED', 'TICKET_REPLY_ADDED', 'TICKET_CREATED'],
      customerId: globalId('Customer', customer.id),
    })
    expect(created.__typename).toBe('MutationCreateWebhookEndpointSuccess')
    expect(created.created.signingSecret).toMatch(/^whsec_[\w-]{43}$/)
    expect(created.created.endpoint).toMatchObject({
      url: 'https://crm.example.com/hooks/covered',
      eventTypes: ['TICKET_CREATED', 'TICKET_REPLY_ADDED'],
      active: true,
      secretPrefix: created.created.signingSecret.slice(0, 12),
      customer: { name: 'Filtered Co' },
    })
    const listed = await app.gql('{ webhookEndpoints { id secretPrefix } }', {}, { cookie: admin })
    expect(JSON.stringify(listed.data)).not.toContain(created.created.signingSecret)

    const bad = await createEndpoint({ url: 'ftp://user:pw@example.com', eventTypes: [] })
    expect(bad.fieldErrors).toEqual([
      { field: 'url', message: 'Enter a full http:// or https:// URL without a user name or password, e.g. https://crm.example.com/hooks/covered.' },
      { field: 'eventTypes', message: 'Choose at least one event type to send.' },
    ])
    const unknownCustomer = await createEndpoint({ url: 'https://x.example', eventTypes: ['QUOTE_SENT'], customerId: globalId('Customer', '00000000-0000-4000-8000-000000000000') })
    expect(unknownCustomer).toMatchObject({ __typename: 'NotFoundError', message: 'That customer was not found.' })

    const refused = await app.gql(CREATE, { input: { url: 'https://x.example', eventTypes: ['QUOTE_SENT'] } }, { cookie: engineer })
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})

describe('the outbox', () => {
  it('queues one delivery per matching endpoint in the change’s transaction, with customer-scoped facts only', async () => {
    const { customer, keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const other = await makeCoveredCustomer(app.database.dataSource)
    const all = (await createEndpoint({ url: 'https://all.example/hook', eventTypes: ['TICKET_CREATED', 'TICKET_REPLY_ADDED', 'TICKET_ASSIGNED'] })).created.endpoint
    const mine = (await createEndpoint({ url: 'https://mine.example/hook', eventTypes: ['TICKET_CREATED'], customerId: globalId('Customer', customer.id) })).created.endpoint
    const theirs = (await createEndpoint({ url: 'https://theirs.example/hook', eventTypes: ['TICKET_CREATED'], customerId: globalId('Customer', other.customer.id) })).created.endpoint
    const quotesOnly = (await createEndpoint({ url: 'https://quotes.example/hook', eventTypes: ['QUOTE_SENT'] })).created.endpoint

    const ticket = await openTicket(await app.signIn(keyContact.email), 'Outbox check')
    clock.advance(1000)
    await app.gql(REPLY, { t: ticket.id, b: 'Root cause is our cache (internal)', i: true }, { cookie: engineer })
    clock.advance(1000)
    await app.gql(REPLY, { t: ticket.id, b: 'We are looking at it.', i: false }, { cookie: engineer })
    const me = (await app.gql('{ viewer { ... on StaffUser { id } } }', {}, { cookie: engineer })).data.viewer.id
    await app.gql(`mutation($t: ID!, $a: ID) { assignTicket(ticketId: $t, assigneeId: $a) { __typename } }`, { t: ticket.id, a: me }, { cookie: engineer })

    const types = async (endpoint: { id: string }) =>
      (await deliveriesOf(endpoint.id)).deliveries.edges.map((e: any) => e.node.eventType).sort()
    expect(await types(all)).toEqual(['TICKET_ASSIGNED', 'TICKET_CREATED', 'TICKET_REPLY_ADDED'])
    expect(await types(mine)).toEqual(['TICKET_CREATED'])
    expect(await types(theirs)).toEqual([])
    expect(await types(quotesOnly)).toEqual([])

    const deliveries = (await deliveriesOf(all.id)).deliveries.edges.map((e: any) => e.node)
    const payloads = deliveries.map((d: any) => JSON.parse(d.payload))
    const created = payloads.find((p: any) => p.type === 'ticket.created')
    expect(created).toEqual({
      id: deliveries.find((d: any) => d.eventType === 'TICKET_CREATED').eventId,
      type: 'ticket.created',
      occurredAt: expect.stringMatching(/^2026-11-24T17:00:\d\d\.000Z$/),
      data: {
        customerId: globalId('Customer', customer.id),
        ticketId: ticket.id,
        requesterId: globalId('Contact', keyContact.id),
        number: ticket.number,
        subject: 'Outbox check',
        status: 'NEW',
        plan: 'STANDARD',
        desk: 'PACIFIC',
        firstResponseDueAt: expect.stringMatching(/^2026-11-2\dT/),
      },
    })
    const reply = payloads.find((p: any) => p.type === 'ticket.reply_added')
    expect(reply.data).toMatchObject({ from: 'SUPPORT', body: 'We are looking at it.' })
    const assigned = payloads.find((p: any) => p.type === 'ticket.assigned')
    expect(assigned.data).toMatchObject({ assigned: true, number: ticket.number })
    const everything = JSON.stringify(payloads)
    expect(everything).not.toContain('internal')
    expect(everything).not.toContain(me)
    expect(everything).not.toMatch(/assigneeId|messageId|actor/)
  })

  it('a change that rolls back queues nothing, and a paused endpoint gets nothing new', async () => {
    const { keyContact } = await makeCoveredCustomer(app.database.dataSource)
    const paused = (await createEndpoint({ url: 'https://paused.example/hook', eventTypes: ['TICKET_CREATED'], active: false })).created.endpoint
    await openTicket(await app.signIn(keyContact.email), 'While paused')
    expect((await deliveriesOf(paused.id)).deliveries.edges).toEqual([])
    const [before] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM webhook_deliveries')
    const refused = await app.gql(OPEN, { s: 'x'.repeat(201) }, { cookie: await app.signIn(keyContact.email) })
    expect(refused.data.openTicket.message).toBeTruthy()
    const [after] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM webhook_deliveries')
    expect(after.n).toBe(before.n)
  })
})

describe('delivery', () => {
  it('retries a receiver that fails twice, then succeeds: 3 attempts logged, one event id, every one signed', async () => {
    const receiver = await startReceiver((index) => (index < 2 ? 503 : 200))
    try {
      const { keyContact, customer } = await makeCoveredCustomer(app.database.dataSource)
      const { created } = await createEndpoint({ url: receiver.url, eventTypes: ['TICKET_CREATED'], customerId: globalId('Customer', customer.id) })
      await openTicket(await app.signIn(keyContact.email), 'Deliver me')

      const first = clock.now().getTime()
      expect(await runWhenDue(created.endpoint.id)).toMatchObject({ attempted: 1, delivered: 0 })
      expect(await worker()).toMatchObject({ attempted: 0 }) // not due again yet
      const [afterOne] = await app.database.dataSource.query(`SELECT next_attempt_at FROM webhook_deliveries WHERE endpoint_id = $1`, [created.endpoint.id])
      const wait = new Date(afterOne.next_attempt_at).getTime() - first
      expect(wait).toBeGreaterThanOrEqual(RETRY_BACKOFF.minMs)
      expect(wait).toBeLessThanOrEqual(RETRY_BACKOFF.baseMs)
      expect(await runWhenDue(created.endpoint.id)).toMatchObject({ attempted: 1, delivered: 0 })
      expect(await runWhenDue(created.endpoint.id)).toMatchObject({ attempted: 1, delivered: 1 })
      expect(await runWhenDue(created.endpoint.id)).toMatchObject({ attempted: 0 })

      expect(receiver.received).toHaveLength(3)
      const ids = new Set(receiver.received.map((r) => r.headers['covered-event-id']))
      expect(ids.size).toBe(1)
      for (const request of receiver.received) {
        expect(request.headers['content-type']).toBe('application/json')
        expect(JSON.parse(request.body).id).toBe(request.headers['covered-event-id'])
        const check = verifySignature({
          secret: created.signingSecret,
          body: request.body,
          timestamp: request.headers['covered-timestamp'] as string,
          signature: request.headers['covered-signature'] as string,
          now: new Date(Number(request.headers['covered-timestamp']) * 1000),
        })
        expect(check).toEqual({ ok: true })
      }
      const endpoint = await deliveriesOf(created.endpoint.id)
      const [delivery] = endpoint.deliveries.edges.map((e: any) => e.node)
      expect(delivery).toMatchObject({ status: 'DELIVERED', attemptCount: 3, lastResponseStatus: 200, eventId: [...ids][0] })
      expect(delivery.attempts.map((a: any) => [a.responseStatus, a.succeeded, a.error])).toEqual([
        [503, false, 'HTTP 503'],
        [503, false, 'HTTP 503'],
        [200, true, null],
      ])
      expect(endpoint).toMatchObject({ pendingCount: 0, failedCount: 0 })
    } finally {
      await receiver.close()
    }
  })

  it('cuts a receiver that hangs at the timeout and retries it', async () => {
    const receiver = await startReceiver((index) => (index === 0 ? 'hang' : 204))
    try {
      const { keyContact, customer } = await makeCoveredCustomer(app.database.dataSource)
      const { created } = await createEndpoint({ url: receiver.url, eventTypes: ['TICKET_CREATED'], customerId: globalId('Customer', customer.id) })
      await openTicket(await app.signIn(keyContact.email), 'Slow receiver')
      const started = Date.now()
      expect(await runWhenDue(created.endpoint.id, 300)).toMatchObject({ attempted: 1, delivered: 0 })
      expect(Date.now() - started).toBeLessThan(3000)
      expect(await runWhenDue(created.endpoint.id, 300)).toMatchObject({ attempted: 1, delivered: 1 })
      const [delivery] = (await deliveriesOf(created.endpoint.id)).deliveries.edges.map((e: any) => e.node)
      expect(delivery.attempts[0]).toMatchObject({ responseStatus: null, succeeded: false, error: 'No answer within 300 ms: the request was cut.' })
      expect(delivery.attempts[0].durationMs).toBeGreaterThanOrEqual(290)
      expect(delivery.attempts[1]).toMatchObject({ responseStatus: 204, succeeded: true })
      expect(receiver.received).toHaveLength(2)
    } finally {
      await receiver.close()
    }
  })

  it('gives up after 24 hours of failures (FAILED), and a redelivery sends the same event again', async () => {
    let healthy = false
    const receiver = await startReceiver(() => (healthy ? 200 : 500))
    try {
      const { keyContact, customer } = await makeCoveredCustomer(app.database.dataSource)
      const { created } = await createEndpoint({ url: receiver.url, eventTypes: ['TICKET_CREATED'], customerId: globalId('Customer', customer.id) })
      await openTicket(await app.signIn(keyContact.email), 'Down for a day')
      const queuedAt = clock.now().getTime()
      for (let round = 0; round < 60; round++) {
        const result = await runWhenDue(created.endpoint.id)
        if (result.failed) break
      }
      const endpoint = await deliveriesOf(created.endpoint.id)
      const [delivery] = endpoint.deliveries.edges.map((e: any) => e.node)
      expect(delivery.status).toBe('FAILED')
      expect(endpoint.failedCount).toBe(1)
      const attemptTimes: Date[] = (await app.database.dataSource.query(`SELECT attempted_at FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1 ORDER BY a.id`, [created.endpoint.id])).map((r: any) => new Date(r.attempted_at))
      expect(attemptTimes.length).toBe(delivery.attemptCount)
      expect(attemptTimes.at(-1)!.getTime() - queuedAt).toBeLessThanOrEqual(24 * 3_600_000)
      // Exponential: the gaps stay under their ceilings and the later ones get long.
      const gaps = attemptTimes.slice(1).map((t, i) => t.getTime() - attemptTimes[i]!.getTime())
      gaps.forEach((gap, i) => expect(gap).toBeLessThanOrEqual(Math.min(RETRY_BACKOFF.capMs, RETRY_BACKOFF.baseMs * 2 ** i) + 1000))
      console.log(`24 hours of failures: ${attemptTimes.length} attempts; gaps ${gaps.map((g) => `${Math.round(g / 1000)} s`).join(', ')}`)

      healthy = true
      const redelivered = await app.gql(`mutation($d: ID!) { redeliverWebhook(deliveryId: $d) { __typename ... on MutationRedeliverWebhookSuccess { delivery { status } } } }`, { d: delivery.id }, { cookie: admin })
      expect(redelivered.data.redeliverWebhook.delivery.status).toBe('PENDING')
      expect(await worker()).toMatchObject({ attempted: 1, delivered: 1 })
      const after = (await deliveriesOf(created.endpoint.id)).deliveries.edges[0].node
      expect(after).toMatchObject({ status: 'DELIVERED', attemptCount: delivery.attemptCount + 1, eventId: delivery.eventId })
      expect(new Set(receiver.received.map((r) => r.headers['covered-event-id'])).size).toBe(1)
    } finally {
      await receiver.close()
    }
  })

  it('two workers at once never send the same delivery twice', async () => {
    const receiver = await startReceiver(() => 200)
    try {
      const { keyContact, customer } = await makeCoveredCustomer(app.database.dataSource)
      await createEndpoint({ url: receiver.url, eventTypes: ['TICKET_CREATED'], customerId: globalId('Customer', customer.id) })
      const cookie = await app.signIn(keyContact.email)
      for (let i = 0; i < 12; i++) await openTicket(cookie, `Parallel ${i}`)
      const options = { timeoutMs: 2000, now: clock.now, batchSize: 4 }
      const rounds = await Promise.all(Array.from({ length: 6 }, () => deliverDueWebhooks(app.database.dataSource, options)))
      expect(rounds.reduce((sum, round) => sum + round.attempted, 0)).toBe(12)
      expect(new Set(receiver.received.map((r) => r.headers['covered-event-id'])).size).toBe(12)
      expect(receiver.received).toHaveLength(12)
    } finally {
      await receiver.close()
    }
  })

  it('backs off with full jitter: a random wait up to a ceiling that doubles, capped at 6 hours', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(15_000)
    expect(retryDelayMs(2, () => 0.999999)).toBe(59_999)
    expect(retryDelayMs(3, () => 0)).toBe(1_000)
    expect(retryDelayMs(20, () => 0.5)).toBe(3 * 3_600_000)
  })
})
