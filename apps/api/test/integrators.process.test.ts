import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApi, root } from '../../../scripts/lib/build.mjs'
import { startReceiver } from '../src/modules/webhooks/__tests__/receiver.js'
import { createTestApp, type TestApp } from './harness.js'
import { startProduct, type RunningProduct } from './product-process.js'

/** Integrators' guarantees across real processes: webhooks survive a crash; live updates cross processes. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

async function gql(base: string, query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'test', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  return { status: response.status, body: (await response.json()) as any, cookie: response.headers.get('set-cookie')?.split(';')[0] }
}

async function signIn(base: string, email: string) {
  const { body, cookie } = await gql(base, `mutation($e: String!) { login(email: $e, password: "covered-demo") { __typename } }`, { e: email })
  expect(body.data.login.__typename).toBe('MutationLoginSuccess')
  return cookie!
}

/** A GraphQL subscription over server-sent events against a running process. */
async function subscribe(base: string, query: string, cookie: string) {
  const controller = new AbortController()
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-requested-with': 'test', cookie },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  })
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/)
  const events: any[] = []
  const pump = (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data:'))
          buffer = buffer.slice(end + 2)
          if (data && data.length > 5) events.push(JSON.parse(data.slice(5)))
        }
      }
    } catch {
      // aborted
    }
  })()
  return {
    events,
    async close() {
      controller.abort()
      await pump
    },
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const OPEN = `mutation($s: String!) { openTicket(input: { subject: $s, body: "From a process test", category: DATA_DISCREPANCY }) { __typename ... on Error { message } } }`

let app: TestApp
const running: RunningProduct[] = []
beforeAll(async () => {
  await buildApi()
  app = await createTestApp()
})
afterAll(async () => {
  for (const product of running) product.child.kill('SIGKILL')
  await Promise.all(running.map((product) => product.exited))
  await app.close()
})

async function start(env: Record<string, string>) {
  const product = await startProduct({ DATABASE_URL: app.url, LOG_LEVEL: 'warn', ...env })
  running.push(product)
  return product
}

describe('integrators across processes', () => {
  it('webhook events written before a process is killed (-9) are all delivered after a restart', { timeout: 120_000 }, async () => {
    let up = false
    const receiver = await startReceiver(() => (up ? 204 : 'hang'))
    try {
      const first = await start({ SEED_DEMO_DATA: 'true', WEBHOOK_TIMEOUT_MS: '5000', SCHEDULER_INTERVAL_MS: '200' })
      const admin = await signIn(first.base, 'admin@covered.example')
      const created = await gql(
        first.base,
        `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [TICKET_CREATED] }) { __typename ... on MutationCreateWebhookEndpointSuccess { created { endpoint { id } } } } }`,
        { url: receiver.url },
        admin,
      )
      expect(created.body.data.createWebhookEndpoint.__typename).toBe('MutationCreateWebhookEndpointSuccess')
      const customer = await signIn(first.base, 'alex@acme.example')
      for (let i = 0; i < 15; i++) {
        const opened = await gql(first.base, OPEN, { s: `Crash test ${i}` }, customer)
        expect(opened.body.data.openTicket.__typename).toBe('MutationOpenTicketSuccess')
      }
      // The worker has claimed some deliveries and their requests hang: kill the process mid-request.
      await waitFor('the first delivery attempt', () => receiver.received.length > 0)
      first.child.kill('SIGKILL')
      const inFlight = receiver.received.length
      expect(await first.exited).toBeNull()

      const events: { id: string }[] = await app.database.dataSource.query(`SELECT id FROM domain_events WHERE type = 'ticket.created' AND data->>'subject' LIKE 'Crash test %'`)
      expect(events).toHaveLength(15)
      up = true
      await start({ SEED_DEMO_DATA: 'false', WEBHOOK_TIMEOUT_MS: '2000', SCHEDULER_INTERVAL_MS: '200' })
      const delivered = () => new Set(receiver.received.slice().map((request) => String(request.headers['covered-event-id'])))
      // Deliveries claimed by the killed process fall due again when their lease (2 x 5 s + 5 s) runs out.
      await waitFor('every event delivered', () => events.every((event) => delivered().has(event.id)), 60_000)
      await waitFor('every delivery recorded', async () => {
        const [row] = await app.database.dataSource.query(
          `SELECT count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered FROM webhook_deliveries WHERE domain_event_id = ANY($1::uuid[])`,
          [events.map((event) => event.id)],
        )
        return row.delivered === 15
      })
      const [deliveries] = await app.database.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE domain_event_id = ANY($1::uuid[])`, [events.map((event) => event.id)])
      expect(deliveries.n).toBe(15)
      console.log(`killed with ${inFlight} requests in flight; after the restart ${delivered().size} of 15 events delivered (${receiver.received.length} requests in all: at least once)`)
    } finally {
      await receiver.close()
    }
  })

  it('two API processes on one PostgreSQL and one Redis: a change made through one reaches a subscriber of the other', { timeout: 120_000 }, async () => {
    for (const product of running.splice(0)) {
      product.child.kill('SIGKILL')
      await product.exited
    }
    const one = await start({ SEED_DEMO_DATA: 'false', REDIS_URL, SCHEDULER_INTERVAL_MS: '0' })
    const two = await start({ SEED_DEMO_DATA: 'false', REDIS_URL, SCHEDULER_INTERVAL_MS: '0' })
    // A control: a third process without Redis hears only its own changes.
    const alone = await start({ SEED_DEMO_DATA: 'false', SCHEDULER_INTERVAL_MS: '0' })
    expect(one.output()).toContain('live updates: Redis')
    expect(alone.output()).toContain('live updates: in process')
    const QUEUE = `subscription { queueChanged { subject status } }`
    const watcher = await subscribe(two.base, QUEUE, await signIn(two.base, 'admin@covered.example'))
    const control = await subscribe(alone.base, QUEUE, await signIn(alone.base, 'admin@covered.example'))
    try {
      await new Promise((resolve) => setTimeout(resolve, 300))
      const customer = await signIn(one.base, 'alex@acme.example')
      const opened = await gql(one.base, OPEN, { s: 'Heard across processes' }, customer)
      expect(opened.body.data.openTicket.__typename).toBe('MutationOpenTicketSuccess')
      const heard = await waitFor('the change to reach the other process', () =>
        watcher.events.find((event) => event.data?.queueChanged?.subject === 'Heard across processes'),
      )
      expect(heard.data.queueChanged).toEqual({ subject: 'Heard across processes', status: 'NEW' })
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(control.events).toEqual([])
    } finally {
      await Promise.all([watcher.close(), control.close()])
    }
  })

  it('the examples in scripts/examples run against a live API: list tickets and follow the queue with a token, verify signatures', { timeout: 60_000 }, async () => {
    const [one, two] = running
    const admin = await signIn(one!.base, 'admin@covered.example')
    const created = await gql(
      one!.base,
      `mutation { createApiToken(input: { name: "Examples", scope: READ }) { ... on MutationCreateApiTokenSuccess { created { secret } } } }`,
      {},
      admin,
    )
    const env = { ...process.env, COVERED_TOKEN: created.body.data.createApiToken.created.secret }
    const example = (name: string) => path.join(root, 'scripts/examples', name)

    const listed = await promisify(execFile)(process.execPath, [example('list-tickets.mjs'), '--url', one!.base], { env })
    expect(listed.stdout).toMatch(/CT-\d{6} {2}NEW +PREMIUM +Acme Analytics: Heard across processes/)
    expect(listed.stdout).toMatch(/^\d+ ticket\(s\)$/m)
    const refused = await promisify(execFile)(process.execPath, [example('list-tickets.mjs'), '--url', one!.base], { env: { ...env, COVERED_TOKEN: 'cov_wrong' } }).catch((error) => error)
    expect(refused.stderr).toContain('This API token is not valid: it is unknown, revoked or expired.')

    const follower = spawn(process.execPath, [example('subscribe-queue.mjs'), '--url', two!.base], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    follower.stdout.on('data', (chunk) => (output += chunk))
    follower.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => follower.on('exit', resolve))
    await waitFor('the example to listen', () => output.includes('listening for changes'))
    await new Promise((resolve) => setTimeout(resolve, 200))
    await gql(one!.base, OPEN, { s: 'Followed by the example' }, await signIn(one!.base, 'alex@acme.example'))
    await waitFor('the example to print the change', () => output.includes('Followed by the example'))
    follower.kill('SIGINT')
    expect(await exited).toBe(0)

    const verified = await promisify(execFile)(process.execPath, [example('verify-webhook-signature.mjs')])
    expect(verified.stdout.split('\n').filter(Boolean).map((line) => line.replace(/\s{2,}/g, ' | '))).toEqual([
      'genuine | accepted',
      'forged (body changed after signing) | refused: FORGED',
      'forged (signed with another secret) | refused: FORGED',
      'stale (signed 6 minutes ago) | refused: STALE',
      'replayed (the genuine request again) | refused: REPLAYED',
    ])
  })
})
