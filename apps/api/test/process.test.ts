import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApi } from '../../../scripts/lib/build.mjs'
import { createTestApp, type TestApp } from './harness.js'
import { gql, startProduct } from './product-process.js'
import { startTcpProxy } from './tcp-proxy.js'

const LOGIN = `mutation { login(email: "admin@covered.example", password: "covered-demo") { __typename } }`

let app: TestApp
beforeAll(async () => {
  await buildApi()
  app = await createTestApp()
})
afterAll(() => app.close())

describe('the product process', () => {
  it('on SIGTERM stops taking new requests, finishes the one in flight, and exits 0', async () => {
    const product = await startProduct({ DATABASE_URL: app.url, SEED_DEMO_DATA: 'true' })
    const { cookie } = await gql(product.base, LOGIN)
    // Hold a lock on customers so the next list request waits inside the database: a slow request.
    const blocker = new pg.Client({ connectionString: app.url })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE customers IN ACCESS EXCLUSIVE MODE')
    const slow = gql(product.base, '{ customers(first: 3) { edges { node { name } } } }', {}, cookie)
    await new Promise((resolve) => setTimeout(resolve, 300))

    product.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    await expect(fetch(`${product.base}/health/live`)).rejects.toThrow()
    await blocker.query('COMMIT')
    await blocker.end()

    const finished = await slow
    expect(finished.status).toBe(200)
    expect(finished.body.data.customers.edges.map((e: any) => e.node.name)).toEqual(['Acme Analytics', 'Brightwater Media plc', 'Globex Evaluations'])
    expect(await product.exited).toBe(0)
  })

  it('keeps the embedded database across a restart', { timeout: 120_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'covered-restart-'))
    try {
      const first = await startProduct({ COVERED_DATA_DIR: dataDir })
      expect(first.output()).toContain('demo data seeded')
      const { cookie } = await gql(first.base, LOGIN)
      const created = await gql(first.base, `mutation { createCustomer(input: { name: "Survives Restart", homeDesk: UK, currency: GBP }) { __typename } }`, {}, cookie)
      expect(created.body.data.createCustomer.__typename).toBe('MutationCreateCustomerSuccess')

      // Many parameterised requests at once must each get their own answer from the embedded database.
      const names = ['Acme Analytics', 'Northwind Traders Ltd', 'Globex Evaluations', 'Initech Web', 'Brightwater Media plc', 'Survives Restart']
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => names[i % names.length]!).map(async (name) => {
          const list = await gql(first.base, 'query($s: String) { customers(search: $s) { edges { node { name contacts { email } } } } }', { s: name }, cookie)
          return { name, got: list.body.data?.customers.edges.map((e: any) => e.node.name), errors: list.body.errors }
        }),
      )
      expect(answers.filter((a) => a.errors || a.got?.length !== 1 || a.got[0] !== a.name)).toEqual([])
      first.child.kill('SIGTERM')
      expect(await first.exited).toBe(0)

      const second = await startProduct({ COVERED_DATA_DIR: dataDir })
      expect(second.output()).not.toContain('demo data seeded')
      const again = await gql(second.base, LOGIN)
      const list = await gql(second.base, '{ customers(search: "Survives") { edges { node { name } } } }', {}, again.cookie)
      expect(list.body.data.customers.edges).toEqual([{ node: { name: 'Survives Restart' } }])
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true })
    }
  })

  it('is live without the database, and not ready when the database stops answering within 1 s', async () => {
    const target = new URL(app.url)
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const viaProxy = new URL(app.url)
    viaProxy.port = String(proxy.port)
    const product = await startProduct({ DATABASE_URL: viaProxy.toString(), SEED_DEMO_DATA: 'false' })
    try {
      expect((await fetch(`${product.base}/health/ready`)).status).toBe(200)
      proxy.freeze()
      const started = Date.now()
      const notReady = await fetch(`${product.base}/health/ready`)
      expect(notReady.status).toBe(503)
      expect(await notReady.json()).toEqual({ status: 'unavailable', database: 'not answering' })
      expect(Date.now() - started).toBeLessThan(3000)
      expect((await fetch(`${product.base}/health/live`)).status).toBe(200)
      proxy.thaw()
    } finally {
      product.child.kill('SIGKILL')
      await product.exited
      await proxy.close()
    }
  })

  it('refuses to start with a clear message when the configuration is wrong', async () => {
    await expect(startProduct({ PORT: 'eighty' })).rejects.toThrow(/Invalid configuration:\s+PORT: /)
  })
})
