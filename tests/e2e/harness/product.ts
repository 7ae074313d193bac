import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface Product {
  /** e.g. http://localhost:41234 */
  url: string
  port: number
  dataDir: string
  /** Everything the process printed so far (for failure messages). */
  output(): string
  /** Runs SQL against the product's own database: only when started with `database: 'postgres'`. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  stop(): Promise<void>
}

interface PgClient {
  connect(): Promise<void>
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>
  end(): Promise<void>
}

/** The `pg` driver, from the API's dependencies (the browser tests have none of their own). */
function pgClient(connectionString: string): PgClient {
  const pg = createRequire(path.join(repoRoot, 'apps/api/package.json'))('pg') as { Client: new (options: { connectionString: string }) => PgClient }
  return new pg.Client({ connectionString })
}

/**
 * A fresh, empty PostgreSQL database on the test server (TEST_DATABASE_URL), for a product whose database the
 * test reads too (e.g. the email outbox). The embedded database cannot be opened by a second process.
 */
async function freshPostgres(): Promise<{ url: string; client: PgClient; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `covered_e2e_${randomBytes(6).toString('hex')}`
  const admin = pgClient(serverUrl)
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const parsed = new URL(serverUrl)
  parsed.pathname = `/${name}`
  const url = parsed.toString()
  const client = pgClient(url)
  await client.connect()
  return {
    url,
    client,
    async drop() {
      await client.end().catch(() => undefined)
      const again = pgClient(serverUrl)
      await again.connect()
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await again.end()
    },
  }
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
  })
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal) // the whole process group: node and anything it started
  } catch {
    // already gone
  }
}

/**
 * Starts the built product (`node scripts/start.mjs`, which builds what is stale) on a free port with
 * a fresh embedded database (or, with `database: 'postgres'`, a fresh PostgreSQL database the test can
 * query), and resolves once `/health/ready` answers 200. Links in its emails point at it (PUBLIC_URL).
 */
export async function startProduct(options: { readyTimeoutMs?: number; database?: 'embedded' | 'postgres' } = {}): Promise<Product> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 200_000
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'covered-e2e-'))
  const template = inject('pgliteTemplate')
  if (template) fs.cpSync(template, dataDir, { recursive: true })
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), COVERED_DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}` }
  delete env.DATABASE_URL // the fresh embedded database, unless a PostgreSQL one is asked for
  delete env.NODE_OPTIONS
  const postgres = options.database === 'postgres' ? await freshPostgres() : null
  if (postgres) env.DATABASE_URL = postgres.url

  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env,
    detached: true, // its own process group, so stop() ends everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()))

  const url = `http://localhost:${port}`
  const stop = async () => {
    killGroup(child, 'SIGTERM')
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000)
    await exited(child)
    clearTimeout(timer)
    fs.rmSync(dataDir, { recursive: true, force: true })
    await postgres?.drop()
  }
  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!postgres) throw new Error("product.query needs startProduct({ database: 'postgres' })")
    return (await postgres.client.query(sql, params)).rows as T[]
  }

  const deadline = Date.now() + readyTimeoutMs
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The product exited before it was ready (code ${child.exitCode}).`)
      }
      if (Date.now() > deadline) throw new Error(`The product was not ready within ${readyTimeoutMs} ms.`)
      try {
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) })
        if (response.status === 200) break
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}\n--- product output ---\n${log}`, { cause: error })
  }

  return { url, port, dataDir, output: () => log, query, stop }
}
