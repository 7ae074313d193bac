import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApi } from '../../../scripts/lib/build.mjs'
import { createTestApp, type TestApp } from './harness.js'
import { gql, startProduct, type RunningProduct } from './product-process.js'
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js'

/**
 * Faults between the API (a real child process) and PostgreSQL, made with a TCP proxy in between:
 * the database cut off under load, pool exhaustion, and SIGTERM under load.
 */
const LOGIN = `mutation { login(email: "admin@covered.example", password: "covered-demo") { __typename } }`
const CREATE = `mutation($name: String!) { createCustomer(input: { name: $name, homeDesk: UK, currency: GBP }) { __typename ... on MutationCreateCustomerSuccess { customer { id name } } ... on Error { code message } } }`
const LIST = `{ customers(first: 5) { edges { node { name } } } }`

let app: TestApp
let proxy: TcpProxy
let product: RunningProduct
let cookie: string

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  await buildApi()
  app = await createTestApp()
  const target = new URL(app.url)
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
  const viaProxy = new URL(app.url)
  viaProxy.port = String(proxy.port)
  product = await startProduct({
    DATABASE_URL: viaProxy.toString(),
    SEED_DEMO_DATA: 'true',
    DB_POOL_SIZE: '4',
    DB_CONNECT_TIMEOUT_MS: '1000',
    // A hung database fails a query 2 s past the statement timeout (query_timeout): 4.5 s here.
    DB_STATEMENT_TIMEOUT_MS: '2500',
    LOG_LEVEL: 'error',
  })
  cookie = (await gql(product.base, LOGIN)).cookie!
})
afterAll(async () => {
  if (product?.child.exitCode === null) {
    product.child.kill('SIGKILL')
    await product.exited
  }
  await proxy?.close()
  await app?.close()
})

interface Outcome {
  kind: 'create' | 'list'
  startedAt: number
  endedAt: number
  status: number
  ok: boolean
  code?: string
  message?: string
  name?: string
}

async function request(base: string, kind: 'create' | 'list', n: number): Promise<Outcome> {
  const startedAt = Date.now()
  const name = `Load ${n} ${Math.random().toString(36).slice(2, 8)}`
  try {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fault-test', cookie },
      body: JSON.stringify(kind === 'create' ? { query: CREATE, variables: { name } } : { query: LIST }),
    })
    const body = (await response.json()) as any
    const error = body.errors?.[0]
    const ok = kind === 'create' ? body.data?.createCustomer?.__typename === 'MutationCreateCustomerSuccess' : Array.isArray(body.data?.customers?.edges)
    return { kind, startedAt, endedAt: Date.now(), status: response.status, ok, code: error?.extensions?.code ?? body.data?.createCustomer?.code, message: error?.message, name: ok && kind === 'create' ? name : undefined }
  } catch (error) {
    return { kind, startedAt, endedAt: Date.now(), status: 0, ok: false, message: String(error) }
  }
}

/** Workers that send requests one after another until stopped. */
function load(base: string, workers: number) {
  const outcomes: Outcome[] = []
  let running = true
  let n = 0
  const done = Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (running) {
        outcomes.push(await request(base, w % 2 === 0 ? 'create' : 'list', n++))
        await sleep(5)
      }
    }),
  )
  return {
    outcomes,
    async stop() {
      running = false
      await done
    },
  }
}

async function existingNames(names: string[]): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: app.url })
  await client.connect()
  try {
    const { rows } = await client.query('SELECT name FROM customers WHERE name = ANY($1)', [names])
    return new Set(rows.map((row: { name: string }) => row.name))
  } finally {
    await client.end()
  }
}

describe('the database cut off under load', () => {
  it('fails fast with UNAVAILABLE, is not ready, stays up, recovers within 5 s, and loses no acknowledged write', async () => {
    const traffic = load(product.base, 8)
    await sleep(800)
    proxy.cut()
    const cutAt = Date.now()
    await sleep(300)
    const ready = await fetch(`${product.base}/health/ready`)
    expect(ready.status).toBe(503)
    expect((await fetch(`${product.base}/health/live`)).status).toBe(200)
    await sleep(1500)
    proxy.restore()
    const restoredAt = Date.now()
    let recoveredAt = 0
    while (!recoveredAt && Date.now() - restoredAt < 10_000) {
      await sleep(50)
      recoveredAt = traffic.outcomes.find((o) => o.ok && o.startedAt >= restoredAt)?.endedAt ?? 0
    }
    await sleep(500)
    await traffic.stop()
    const { outcomes } = traffic

    const duringCut = outcomes.filter((o) => o.startedAt > cutAt + 50 && o.endedAt < restoredAt)
    const failures = outcomes.filter((o) => !o.ok)
    const slowest = Math.max(...duringCut.map((o) => o.endedAt - o.startedAt))
    console.log(
      `fault: ${outcomes.length} requests, ${failures.length} refused while cut off; slowest refusal ${slowest} ms; ` +
        `recovered ${recoveredAt - restoredAt} ms after the database returned`,
    )
    expect(duringCut.length).toBeGreaterThan(10)
    expect(duringCut.every((o) => !o.ok)).toBe(true)
    // Every failure is the typed, retryable UNAVAILABLE: never a masked error, never a dropped connection.
    expect(failures.map((o) => `${o.status} ${o.code}`).filter((s) => s !== '503 UNAVAILABLE')).toEqual([])
    expect(failures[0]?.message).toMatch(/temporarily unavailable/)
    expect(slowest).toBeLessThan(2000)
    expect(recoveredAt).toBeGreaterThan(0)
    expect(recoveredAt - restoredAt).toBeLessThan(5000)

    const acknowledged = outcomes.filter((o) => o.name).map((o) => o.name!)
    expect(acknowledged.length).toBeGreaterThan(10)
    expect((await existingNames(acknowledged)).size).toBe(acknowledged.length)
    expect(product.child.exitCode).toBeNull()
    expect((await fetch(`${product.base}/health/ready`)).status).toBe(200)
  })
})

describe('the database hangs (no answer, connections left open)', () => {
  it('requests fail with UNAVAILABLE within the query timeout instead of hanging, and all is well once it answers again', async () => {
    expect((await gql(product.base, LIST, {}, cookie)).status).toBe(200)
    proxy.freeze()
    const started = Date.now()
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => request(product.base, i % 2 ? 'list' : 'create', 10_000 + i)))
    const slowest = Math.max(...answers.map((a) => a.endedAt - started))
    expect((await fetch(`${product.base}/health/ready`)).status).toBe(503)
    proxy.thaw()
    const thawedAt = Date.now()
    let recovered = 0
    while (!recovered && Date.now() - thawedAt < 10_000) {
      const probe = await request(product.base, 'list', 0)
      if (probe.ok) recovered = probe.endedAt
      else await sleep(100)
    }
    console.log(`hang: ${answers.length} requests refused after at most ${slowest} ms; answering again ${recovered - thawedAt} ms after the database did`)
    expect(answers.map((a) => `${a.status} ${a.code}`)).toEqual(Array.from({ length: 6 }, () => '503 UNAVAILABLE'))
    expect(slowest).toBeLessThan(6000)
    expect(recovered).toBeGreaterThan(0)
    expect(recovered - thawedAt).toBeLessThan(5000)
  })
})

describe('pool exhaustion', () => {
  it('a request that cannot get a connection fails fast with UNAVAILABLE instead of hanging', async () => {
    // Four requests (the pool's size) wait inside the database on a lock; the fifth finds no free connection.
    const blocker = new pg.Client({ connectionString: app.url })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE product_editions IN ACCESS EXCLUSIVE MODE')
    const slow = Array.from({ length: 4 }, () => gql(product.base, '{ productEditions { name } }', {}, cookie))
    await sleep(300)
    const started = Date.now()
    const refused = await gql(product.base, LIST, {}, cookie)
    const waited = Date.now() - started
    await blocker.query('COMMIT')
    await blocker.end()
    console.log(`pool exhaustion: refused after ${waited} ms (DB_CONNECT_TIMEOUT_MS=1000)`)
    expect(refused.status).toBe(503)
    expect(refused.body.errors[0]).toMatchObject({ message: expect.stringContaining('temporarily unavailable'), extensions: { code: 'UNAVAILABLE' } })
    expect(waited).toBeLessThan(3000)
    for (const answer of await Promise.all(slow)) {
      expect(answer.status).toBe(200)
      expect(answer.body.data.productEditions.length).toBeGreaterThan(0)
    }
  })
})

describe('SIGTERM under load', () => {
  it('finishes every accepted request, refuses new connections, loses no acknowledged write, exits 0', async () => {
    const direct = await startProduct({ DATABASE_URL: app.url, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error' })
    const directCookie = (await gql(direct.base, LOGIN)).cookie!
    cookie = directCookie
    // Two requests held inside the database across the signal, released after it.
    const blocker = new pg.Client({ connectionString: app.url })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE product_editions IN ACCESS EXCLUSIVE MODE')
    const held = Array.from({ length: 2 }, () => gql(direct.base, '{ productEditions { name } }', {}, directCookie))
    const traffic = load(direct.base, 8)
    await sleep(600)
    direct.child.kill('SIGTERM')
    const signalledAt = Date.now()
    await sleep(400)
    await blocker.query('COMMIT')
    await blocker.end()
    const exitCode = await direct.exited
    await traffic.stop()
    const { outcomes } = traffic

    const answered = outcomes.filter((o) => o.status !== 0)
    const notAccepted = outcomes.filter((o) => o.status === 0)
    console.log(`SIGTERM: ${answered.length} requests answered, ${notAccepted.length} not accepted after the signal`)
    expect(exitCode).toBe(0)
    // Every request the server accepted got a full, successful answer.
    expect(answered.filter((o) => !o.ok)).toEqual([])
    expect(notAccepted.every((o) => o.endedAt >= signalledAt)).toBe(true)
    for (const answer of await Promise.all(held)) expect(answer.body.data.productEditions.length).toBeGreaterThan(0)
    const acknowledged = outcomes.filter((o) => o.name).map((o) => o.name!)
    expect(acknowledged.length).toBeGreaterThan(5)
    expect((await existingNames(acknowledged)).size).toBe(acknowledged.length)
  })
})
