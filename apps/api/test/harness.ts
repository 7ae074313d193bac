import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs/promises'
import pg from 'pg'
import { inject } from 'vitest'
import type { Config } from '../src/config.js'
import { loadConfig } from '../src/config.js'
import { createDataSource } from '../src/db/data-source.js'
import type { Database } from '../src/db/database.js'
import { startEmbeddedPostgres } from '../src/db/embedded.js'
import { migrate } from '../src/db/migrate.js'
import { APP_ROLE } from '../src/db/row-security.js'
import { createCoveredYoga, type CoveredYoga } from '../src/graphql/yoga.js'
import { createLogger } from '../src/logger.js'
import { withDatabase } from './global-setup.js'

export interface TestClock {
  now(): Date
  set(instant: string | Date): void
  advance(ms: number): void
}

export function createClock(start = '2026-11-24T17:00:00Z'): TestClock {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime()
    },
    advance: (ms) => {
      current += ms
    },
  }
}

export interface GraphQLResponse<T = any> {
  status: number
  data: T
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[]
  headers: Headers
}

export interface RequestOptions {
  /** A session cookie from `signIn`, or a bearer token. */
  cookie?: string
  bearer?: string
  ip?: string
  headers?: Record<string, string>
}

export interface TestApp {
  yoga: CoveredYoga
  database: Database
  config: Config
  clock: TestClock
  /** A database URL for this file's own database (for a second client in a test). */
  url: string
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>
  /** The SQL statements sent while `work` runs (transaction control included). */
  countStatements(work: () => Promise<unknown>): Promise<string[]>
  /** Signs in through the login mutation and returns the session cookie to send with later requests. */
  signIn(email: string, password?: string): Promise<string>
  close(): Promise<void>
}

export const TEST_PASSWORD = 'correct horse battery staple'

/**
 * A Covered API over a database of this test file's own, made from the migrated template, in the shape
 * of Vendure's test server: real PostgreSQL, the real yoga server, requests through `yoga.fetch`.
 */
export async function createTestApp(options: { clock?: TestClock } = {}): Promise<TestApp> {
  const provided = inject('testDatabase')
  const clock = options.clock ?? createClock()
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), sessionTtlMs: 30 * 86_400_000, trustProxy: true }
  const logger = createLogger((process.env.TEST_LOG_LEVEL as 'error' | undefined) ?? 'silent')

  let url: string
  let dropDatabase: () => Promise<void>
  if (provided.kind === 'postgres') {
    const name = `covered_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: provided.serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${provided.template}`)
    await admin.end()
    url = withDatabase(provided.serverUrl, name)
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: provided.serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    }
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'covered-test-'))
    const embedded = await startEmbeddedPostgres(dir)
    url = embedded.url
    dropDatabase = async () => {
      await embedded.stop()
      await fs.rm(dir, { recursive: true, force: true })
    }
  }

  if (provided.kind === 'pglite') {
    // Migrated by the owner, as in the product (db/database.ts); the application's pool then acts as covered_app.
    const owner = createDataSource({ url, poolSize: 1, statementTimeoutMs: 60_000, connectTimeoutMs: 60_000 })
    await owner.initialize()
    await migrate(owner, { lock: false })
    await owner.destroy()
  }

  const statements: string[] = []
  let counting = false
  const dataSource = createDataSource({
    url,
    // The embedded fallback gets one connection, as in the product (see db/database.ts).
    poolSize: provided.kind === 'postgres' ? 10 : 1,
    statementTimeoutMs: 30_000,
    connectTimeoutMs: 60_000,
    // The application's role, under row-level security; factories writing through this data source act as staff.
    role: APP_ROLE,
    onStatement: (sql) => {
      if (counting) statements.push(sql)
    },
  })
  await dataSource.initialize()
  const database: Database = {
    dataSource,
    kind: provided.kind === 'postgres' ? 'postgres' : 'embedded',
    describe: url,
    applied: [],
    close: () => dataSource.destroy(),
  }
  const yoga = createCoveredYoga({ config, logger, db: dataSource, now: clock.now })

  async function gql<T>(query: string, variables?: Record<string, unknown>, opts: RequestOptions = {}) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-requested-with': 'covered-test',
      ...opts.headers,
    }
    if (opts.cookie) headers.cookie = opts.cookie
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`
    if (opts.ip) headers['x-forwarded-for'] = opts.ip
    const response = await yoga.fetch('http://covered.test/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    })
    const body = (await response.json()) as { data: T; errors?: GraphQLResponse['errors'] }
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers }
  }

  return {
    yoga,
    database,
    config,
    clock,
    url,
    gql,
    async countStatements(work) {
      statements.length = 0
      counting = true
      try {
        await work()
      } finally {
        counting = false
      }
      return [...statements]
    },
    async signIn(email, password = TEST_PASSWORD) {
      const response = await gql<any>(
        `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { __typename ... on Error { message } } }`,
        { email, password },
      )
      if (response.data?.login?.__typename !== 'MutationLoginSuccess') {
        throw new Error(`sign-in as ${email} failed: ${JSON.stringify(response.data ?? response.errors)}`)
      }
      const setCookie = response.headers.get('set-cookie') ?? ''
      return setCookie.split(';')[0]!
    },
    async close() {
      await dataSource.destroy()
      await dropDatabase()
    },
  }
}
