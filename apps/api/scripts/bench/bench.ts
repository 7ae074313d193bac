// `pnpm bench`: Covered's hot paths under load, against the raw-SQL floor, on a realistic dataset.
//
//   pnpm bench [--tickets 200000] [--scaling] [--duration 10] [--warmup 10] [--connections 16] [--reuse] [--keep]
//              [--only a,c] [--profile] [--seed-only]
//
// --only runs some scenarios (by letter); --profile starts the API with --cpu-prof and leaves the profile in
// bench/profiles/ (open it in Chrome DevTools or read it with scripts/bench/profile-summary.ts); --seed-only
// seeds and keeps the databases (for EXPLAIN ANALYZE and --reuse).
//
// 1. A scratch database per size (covered_bench_t<tickets>) on the local PostgreSQL (BENCH_SERVER_URL, default
//    postgres://postgres@127.0.0.1:5432/postgres): migrated, then seeded with seedDataset (set-based SQL); the
//    seeding time is printed. --reuse keeps a database seeded by an earlier --keep run instead of seeding again.
// 2. The production API (built by esbuild as `pnpm start` builds it; NODE_ENV=production, SEED_DEMO_DATA=false,
//    scheduler off, COVERED_STATEMENT_COUNTER=1) as a child process on it; load from a separate process
//    (autocannon, load.ts) on loopback at fixed concurrency after a warm-up, with the operations the SPAs send,
//    signed in as an engineer and as customer contacts: (a) desk queue, (b) ticket page, (c) portal ticket
//    list, (d) customer search, (e) open a ticket, (f) reply.
// 3. Per scenario: requests/s, p50/p90/p99, errors (transport, non-2xx, and every body checked), SQL statements
//    per request (counted at the driver), the server's CPU time per request and its peak resident memory.
// 4. The floor (floor.ts: node:http + pg + one prepared statement) serving (a) and (c) in the same run.
// 5. --scaling: (a) and (c) at 20,000, 200,000 and 1,000,000 tickets, in rounds interleaved across the sizes
//    (so that the machine's other work weighs on every size alike), and how the median p50 grows.
// 6. Results in bench/results/latest.json and the table in bench/README.md (between its results markers).
// The targets are printed as met or not; nothing is asserted.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { createDataSource } from '../../src/db/data-source.js'
import { migrate } from '../../src/db/migrate.js'
import { migrations } from '../../src/db/migrations/index.js'
import { hashPassword } from '../../src/modules/accounts/passwords.js'
import type { LoadResult, LoadSpec, RequestSpec } from './load-spec.js'
import { spaOperations, type SpaOperations } from './operations.js'
import { cpuMsOf, memoryOf, runToEnd, sampleMemory, startServer, type Child } from './processes.js'
import { LONG_CONVERSATION_MESSAGES, LONG_CONVERSATION_SQL, seedDataset, type SeedResult } from './seed-dataset.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
const API = path.join(ROOT, 'apps/api')
const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '200000' },
    scaling: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
  },
})
/** --only a,c: just these scenarios (and no floor unless a or c is among them). */
const ONLY = values.only ? new Set(values.only.split(',').map((key) => key.trim())) : null
const PROFILE_DIR = path.join(ROOT, 'bench/profiles')
const TICKETS = wholeNumber('tickets', values.tickets!, 100)
const DURATION = wholeNumber('duration', values.duration!, 1)
const WARMUP = wholeNumber('warmup', values.warmup!, 0)
const CONNECTIONS = wholeNumber('connections', values.connections!, 1)
const SCALING_SIZES = [20_000, 200_000, 1_000_000]
const SERVER_URL = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const PASSWORD = 'bench-password-1'
/** Bump when the seeded data changes, so --reuse does not take a database seeded differently. */
const SEED_MARK = `covered-bench seed v5, ${migrations.at(-1)!.name}`
const ACCOUNTS = { engineer: 'engineer1@bench.example', keyContact: 'contact1-1@bench.example', opener: 'contact2-1@bench.example' }
const QUEUE_STATUSES = ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED']
const PORTAL_LISTS = [['WAITING_ON_CUSTOMER'], ['NEW', 'OPEN', 'ESCALATED', 'RESOLVED', 'CLOSED']]

const TARGETS = {
  queueStatements: 4,
  floorRatio: 0.5,
  p99Ms: 50,
  p50Growth: 1.5,
  seedSeconds: 90,
  memoryMb: 300,
}

function wholeNumber(name: string, text: string, min: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}`)
  return value
}

const log = (line = '') => console.log(line)
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(2))) as [number, number, number]

// ---------------------------------------------------------------------------------------------------------
// The machine

interface Machine {
  cpu: string
  cores: number
  ramGb: number
  node: string
  postgres: string
  os: string
}

async function machine(admin: pg.Client): Promise<Machine> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : ''
  const { rows } = await admin.query('SHOW server_version')
  let osName = `${os.type()} ${os.release()}`
  try {
    osName = /PRETTY_NAME="([^"]+)"/.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? osName
  } catch {
    // keep the kernel's name
  }
  return {
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    postgres: `PostgreSQL ${rows[0].server_version.split(' ')[0]}`,
    os: osName,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Databases

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  return url.toString()
}

interface Prepared {
  tickets: number
  name: string
  url: string
  /** Null when an earlier seeding was reused (--reuse). */
  seeded: SeedResult | null
}

async function prepareDatabase(admin: pg.Client, tickets: number): Promise<Prepared> {
  const name = `covered_bench_t${tickets}`
  const url = databaseUrl(name)
  const mark = `${SEED_MARK}, ${tickets} tickets`
  if (values.reuse) {
    const { rows } = await admin.query(`SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`, [name])
    if (rows[0]?.mark === mark) {
      log(`reusing ${name} (seeded by an earlier run; --reuse)`)
      return { tickets, name, url, seeded: null }
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  const db = createDataSource({ url, poolSize: 2, statementTimeoutMs: 600_000, connectTimeoutMs: 60_000 })
  await db.initialize()
  try {
    await migrate(db)
  } finally {
    await db.destroy()
  }
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined) // reported by the query that failed
  await client.connect()
  log(`seeding ${fmt(tickets)} tickets into ${name}…`)
  try {
    const seeded = await seedDataset(client, {
      tickets,
      connect: async () => {
        const session = new pg.Client({ connectionString: url })
        session.on('error', () => undefined)
        await session.connect()
        return session
      },
      onStep: (step, seconds) => log(`  ${step.padEnd(38)} ${seconds.toFixed(1).padStart(6)} s`),
    })
    log(
      `  seeded ${fmt(seeded.customers)} customers, ${fmt(seeded.contacts)} contacts, ${fmt(seeded.contracts)} contracts, ` +
        `${fmt(seeded.tickets)} tickets, ${fmt(seeded.messages)} messages, ${fmt(seeded.events)} timeline events in ${seeded.seconds.toFixed(1)} s`,
    )
    await admin.query(`COMMENT ON DATABASE ${name} IS '${mark}'`)
    return { tickets, name, url, seeded }
  } finally {
    await client.end()
  }
}

interface Facts {
  longTickets: string[]
  replyTickets: string[]
  searches: string[]
  shape: { open: number; closed: number; largestCustomer: number }
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64')

/** Passwords for the accounts the load signs in as, and the ids the scenarios rotate over. */
async function prepareAccounts(url: string, passwordHash: string): Promise<Facts> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`UPDATE staff_users SET password_hash = $1 WHERE email = $2`, [passwordHash, ACCOUNTS.engineer])
    await client.query(`UPDATE contacts SET password_hash = $1, portal_access = true WHERE email = ANY($2::text[])`, [passwordHash, [ACCOUNTS.keyContact, ACCOUNTS.opener]])
    const long = await client.query(
      `SELECT t.id FROM tickets t WHERE ${LONG_CONVERSATION_SQL} AND t.status <> 'CLOSED' ORDER BY t.number LIMIT 20`,
    )
    const open = await client.query(
      `SELECT id FROM tickets WHERE desk = 'PACIFIC' AND status IN ('NEW', 'OPEN') AND NOT (${LONG_CONVERSATION_SQL.replaceAll('t.', '')}) ORDER BY number DESC LIMIT 400`,
    )
    const shape = await client.query(
      `SELECT count(*) FILTER (WHERE status NOT IN ('RESOLVED', 'CLOSED'))::int AS open, count(*) FILTER (WHERE status = 'CLOSED')::int AS closed,
              (SELECT max(n) FROM (SELECT count(*) AS n FROM tickets GROUP BY customer_id) c)::int AS "largestCustomer"
         FROM tickets`,
    )
    return {
      longTickets: long.rows.map((r) => globalId('Ticket', r.id)),
      replyTickets: open.rows.map((r) => globalId('Ticket', r.id)),
      // What a person types into the customer list's search box: the start of a name.
      searches: ['Acme', 'Globex Me', 'Initech', 'Stark Tr', 'Wonka', 'Tyrell In', 'Hooli', 'Massive Dyn'],
      shape: shape.rows[0],
    }
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------------------------------------
// Servers

async function buildApi(): Promise<string> {
  const build = await import(pathToFileURL(path.join(ROOT, 'scripts/lib/build.mjs')).href)
  return build.buildApi()
}

async function startCovered(main: string, url: string): Promise<Child> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    SEED_DEMO_DATA: 'false',
    SCHEDULER_INTERVAL_MS: '0',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    COVERED_STATEMENT_COUNTER: '1',
  }
  // The production runtime flags, as `pnpm start` and the Docker image run the API.
  const { apiNodeFlags } = await import(pathToFileURL(path.join(ROOT, 'scripts/lib/runtime.mjs')).href)
  const flags: string[] = apiNodeFlags(env)
  const args = values.profile ? [...flags, '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, main] : [...flags, main]
  return startServer(process.execPath, args, env, /Covered is up on http:\/\/[^:]+:(\d+)/, ROOT)
}

function startFloor(url: string): Promise<Child> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATABASE_URL: url, PORT: '0' }
  return startServer(process.execPath, ['--import', 'tsx', path.join(API, 'scripts/bench/floor.ts')], env, /floor listening on (\d+)/, API)
}

async function signIn(origin: string, query: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'covered' },
    body: JSON.stringify({ query, variables: { email, password: PASSWORD } }),
  })
  const body = (await response.json()) as any
  if (body?.data?.login?.__typename !== 'MutationLoginSuccess') throw new Error(`sign-in as ${email} failed: ${JSON.stringify(body)}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}

async function statementTotals(origin: string): Promise<{ statements: number; graphqlRequests: number }> {
  const response = await fetch(`${origin}/debug/statements`)
  if (!response.ok) throw new Error('the API does not count statements (COVERED_STATEMENT_COUNTER)')
  return (await response.json()) as { statements: number; graphqlRequests: number }
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
  key: string
  name: string
  target: 'covered' | 'floor'
  requests: RequestSpec[]
}

function queueVariables(first: number) {
  return { first, desk: 'PACIFIC', mine: null, assigneeId: null, statuses: QUEUE_STATUSES, plan: null, category: null, scope: null, unassigned: null, atRisk: null, order: 'QUEUE' }
}

function coveredScenarios(ops: SpaOperations, cookies: { engineer: string; keyContact: string; opener: string }, facts: Facts): Scenario[] {
  const staff = { cookie: cookies.engineer, 'x-requested-with': 'covered' }
  const contact = { cookie: cookies.keyContact, 'x-requested-with': 'covered' }
  const opener = { cookie: cookies.opener, 'x-requested-with': 'covered' }
  return [
    {
      key: 'a',
      name: '(a) desk queue, 50 open tickets',
      target: 'covered',
      requests: [
        {
          path: '/graphql',
          headers: staff,
          body: { operationName: 'TicketQueue', query: ops.ticketQueue, variables: queueVariables(50) },
          expect: { kind: 'list', path: ['data', 'tickets', 'edges'], min: 50, max: 50 },
        },
      ],
    },
    {
      key: 'b',
      name: `(b) ticket page, ${LONG_CONVERSATION_MESSAGES} messages + timeline`,
      target: 'covered',
      requests: [
        {
          path: '/graphql',
          headers: staff,
          body: { operationName: 'TicketPage', query: ops.ticketPage, variables: { id: facts.longTickets[0] } },
          rotate: { name: 'id', values: facts.longTickets },
          expect: { kind: 'ticket', path: ['data', 'ticket'], minMessages: LONG_CONVERSATION_MESSAGES, minTimeline: 3 },
        },
      ],
    },
    {
      key: 'c',
      name: '(c) portal ticket list (both lists)',
      target: 'covered',
      requests: PORTAL_LISTS.map((statuses, i) => ({
        path: '/graphql',
        headers: contact,
        body: { operationName: 'PortalTickets', query: ops.portalTickets, variables: { statuses, first: 20, after: null } },
        expect: { kind: 'list' as const, path: ['data', 'tickets', 'edges'], min: i === 0 ? 0 : 20, max: 20 },
      })),
    },
    {
      key: 'd',
      name: '(d) customer search by name',
      target: 'covered',
      requests: [
        {
          path: '/graphql',
          headers: staff,
          body: {
            operationName: 'Customers',
            query: ops.customers,
            variables: { first: 25, search: facts.searches[0], status: null, homeDesk: null, contractStatus: null, expiringWithinDays: null },
          },
          rotate: { name: 'search', values: facts.searches },
          expect: { kind: 'list', path: ['data', 'customers', 'edges'], min: 1, max: 25 },
        },
      ],
    },
    {
      key: 'e',
      name: '(e) open a ticket (portal)',
      target: 'covered',
      requests: [
        {
          path: '/graphql',
          headers: opener,
          body: {
            operationName: 'PortalOpenTicket',
            query: ops.portalOpenTicket,
            variables: {
              input: {
                subject: 'Export times out on the monthly report',
                body: 'Since this morning the monthly export stops after a minute with a timeout. Could you have a look?',
                category: 'BUG',
                labelsRequested: null,
                joinedLabels: null,
              },
            },
          },
          unique: 'idempotencyKey',
          expect: { kind: 'typename', path: ['data', 'openTicket'], typename: 'MutationOpenTicketSuccess' },
        },
      ],
    },
    {
      key: 'f',
      name: '(f) reply to a ticket (engineer)',
      target: 'covered',
      requests: [
        {
          path: '/graphql',
          headers: staff,
          body: {
            operationName: 'ReplyToTicket',
            query: ops.replyToTicket,
            variables: { ticketId: facts.replyTickets[0], body: 'Thanks, we are looking into it and will come back to you today.', internal: false },
          },
          rotate: { name: 'ticketId', values: facts.replyTickets },
          expect: { kind: 'typename', path: ['data', 'replyToTicket'], typename: 'MutationReplyToTicketSuccess' },
        },
      ],
    },
  ]
}

async function contactIds(url: string): Promise<{ contactId: string; customerId: string }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query(`SELECT id, customer_id FROM contacts WHERE email = $1`, [ACCOUNTS.keyContact])
    return { contactId: rows[0].id, customerId: rows[0].customer_id }
  } finally {
    await client.end()
  }
}

function floorScenarios(ids: { contactId: string; customerId: string }): Scenario[] {
  return [
    {
      key: 'a',
      name: '(a) floor: desk queue',
      target: 'floor',
      requests: [{ path: '/queue', headers: {}, body: { desk: 'PACIFIC', first: 50 }, expect: { kind: 'list', path: ['data', 'tickets'], min: 50, max: 50 } }],
    },
    {
      key: 'c',
      name: '(c) floor: portal ticket list',
      target: 'floor',
      requests: PORTAL_LISTS.map((statuses, i) => ({
        path: '/portal',
        headers: {},
        body: { ...ids, statuses, first: 20 },
        expect: { kind: 'list' as const, path: ['data', 'tickets'], min: i === 0 ? 0 : 20, max: 20 },
      })),
    },
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Running load

interface Measured extends LoadResult {
  key: string
  target: 'covered' | 'floor'
  tickets: number
  statementsPerRequest: number | null
  /** The server process's CPU time per request (user + system), over the warm-up and the run. */
  serverCpuMsPerRequest: number | null
  peakRssMb: number
  loadAverage: { before: [number, number, number]; after: [number, number, number] }
}

async function runScenario(server: Child, scenario: Scenario, tickets: number, timing = { warmup: WARMUP, duration: DURATION }): Promise<Measured> {
  const spec: LoadSpec = {
    name: scenario.name,
    origin: server.origin,
    connections: CONNECTIONS,
    warmupSeconds: timing.warmup,
    durationSeconds: timing.duration,
    requests: scenario.requests,
  }
  const file = path.join(os.tmpdir(), `covered-bench-${process.pid}-${scenario.target}-${scenario.key}.json`)
  fs.writeFileSync(file, JSON.stringify(spec))
  const before = scenario.target === 'covered' ? await statementTotals(server.origin) : null
  const memory = sampleMemory(server.pid)
  memory.reset()
  const loadBefore = loadAverage()
  const cpuBefore = cpuMsOf(server.pid)
  let output: string
  try {
    output = await runToEnd(process.execPath, ['--import', 'tsx', path.join(API, 'scripts/bench/load.ts'), file], API, (timing.warmup + timing.duration) * 1000 + 120_000)
  } finally {
    memory.stop()
    fs.rmSync(file, { force: true })
  }
  const cpuAfter = cpuMsOf(server.pid)
  const after = scenario.target === 'covered' ? await statementTotals(server.origin) : null
  const lines = output.trim().split('\n').map((line) => JSON.parse(line))
  const result: LoadResult = lines.find((line) => line.result)!.result
  const warmup: LoadResult | undefined = lines.find((line) => line.warmup)?.warmup
  const allRequests = result.requests + (warmup?.requests ?? 0)
  const statementsPerRequest =
    before && after && after.graphqlRequests > before.graphqlRequests
      ? (after.statements - before.statements) / (after.graphqlRequests - before.graphqlRequests)
      : null
  const measured: Measured = {
    ...result,
    key: scenario.key,
    target: scenario.target,
    tickets,
    statementsPerRequest,
    serverCpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && allRequests ? (cpuAfter - cpuBefore) / allRequests : null,
    peakRssMb: memory.peak(),
    loadAverage: { before: loadBefore, after: loadAverage() },
  }
  const latency = measured.latencyMs
  log(
    `  ${(tickets === TICKETS ? scenario.name : `${scenario.name} @ ${fmt(tickets)}`).padEnd(46)} ${fmt(measured.rps).padStart(6)} req/s  p50 ${latency.p50.toFixed(1).padStart(6)}  p90 ${latency.p90.toFixed(1).padStart(6)}  ` +
      `p99 ${latency.p99.toFixed(1).padStart(6)} ms  errors ${measured.errors.total}` +
      (statementsPerRequest !== null ? `  ${statementsPerRequest.toFixed(2)} stmts/req` : '') +
      (measured.serverCpuMsPerRequest !== null ? `  cpu ${measured.serverCpuMsPerRequest.toFixed(2)} ms/req` : '') +
      `  rss ${measured.peakRssMb.toFixed(0)} MB  load ${measured.loadAverage.before[0]}`,
  )
  for (const sample of measured.errors.samples) log(`      error: ${sample}`)
  return measured
}

/**
 * Statements of single requests of the desk queue at several page sizes (sequential, after the load): the median
 * of 11 requests each, so that the desk calendar's occasional freshness check (one statement every few seconds,
 * for any page size) does not blur the comparison.
 */
async function queueStatementsByPageSize(server: Child, ops: SpaOperations, cookie: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const first of [10, 50, 100]) {
    const each: number[] = []
    for (let i = 0; i < 12; i++) {
      const before = await statementTotals(server.origin)
      const response = await fetch(`${server.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'covered', cookie },
        body: JSON.stringify({ operationName: 'TicketQueue', query: ops.ticketQueue, variables: queueVariables(first) }),
      })
      const body = (await response.json()) as any
      if (body.errors || body.data?.tickets?.edges?.length !== first) throw new Error(`queue of ${first} failed: ${JSON.stringify(body).slice(0, 300)}`)
      const after = await statementTotals(server.origin)
      if (i > 0) each.push(after.statements - before.statements) // the first warms the process's caches
    }
    counts[first] = each.sort((x, y) => x - y)[Math.floor(each.length / 2)]!
  }
  return counts
}

interface SizeRun {
  tickets: number
  seeded: SeedResult | null
  shape: Facts['shape']
  results: Measured[]
  queueStatements?: Record<string, number>
  serverPeakRssMb: number
  serverHwmMb: number
}

async function runSize(admin: pg.Client, main: string, ops: SpaOperations, passwordHash: string, tickets: number, drop: boolean): Promise<SizeRun & { prepared: Prepared }> {
  log(`\n== ${fmt(tickets)} tickets ==`)
  const prepared = await prepareDatabase(admin, tickets)
  const facts = await prepareAccounts(prepared.url, passwordHash)
  log(`  ${fmt(facts.shape.open)} open, ${fmt(facts.shape.closed)} closed; the largest customer has ${fmt(facts.shape.largestCustomer)} tickets`)
  const results: Measured[] = []
  let queueStatements: Record<string, number> | undefined
  let serverPeakRssMb = 0
  let serverHwmMb: number | undefined
  const server = await startCovered(main, prepared.url)
  try {
    const cookies = {
      engineer: await signIn(server.origin, ops.adminLogin, ACCOUNTS.engineer),
      keyContact: await signIn(server.origin, ops.portalLogin, ACCOUNTS.keyContact),
      opener: await signIn(server.origin, ops.portalLogin, ACCOUNTS.opener),
    }
    const scenarios = coveredScenarios(ops, cookies, facts).filter((s) => !ONLY || ONLY.has(s.key))
    log(`  Covered (pid ${server.pid}), ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s each:`)
    for (const scenario of scenarios) {
      const measured = await runScenario(server, scenario, tickets)
      results.push(measured)
      serverPeakRssMb = Math.max(serverPeakRssMb, measured.peakRssMb)
    }
    if (!ONLY || ONLY.has('a')) {
      queueStatements = await queueStatementsByPageSize(server, ops, cookies.engineer)
      log(`  desk queue statements per request at page sizes 10 / 50 / 100: ${[10, 50, 100].map((n) => queueStatements![n]).join(' / ')}`)
    }
    serverHwmMb = memoryOf(server.pid)?.hwmMb ?? 0
  } catch (error) {
    log(server.output())
    throw error
  } finally {
    await server.stop()
  }
  const floorRuns = floorScenarios(await contactIds(prepared.url)).filter((s) => !ONLY || ONLY.has(s.key))
  if (floorRuns.length) {
    const floor = await startFloor(prepared.url)
    try {
      log(`  floor (pid ${floor.pid}):`)
      for (const scenario of floorRuns) results.push(await runScenario(floor, scenario, tickets))
    } finally {
      await floor.stop()
    }
  }
  if (drop) await admin.query(`DROP DATABASE IF EXISTS ${prepared.name} WITH (FORCE)`)
  return { tickets, seeded: prepared.seeded, shape: facts.shape, results, queueStatements, serverPeakRssMb, serverHwmMb: serverHwmMb ?? 0, prepared }
}

// ---------------------------------------------------------------------------------------------------------
// Scaling: (a) and (c) on every size, interleaved in rounds, so that what else the machine does at the time
// weighs on every size alike; each size's figure is the median of its rounds.

const ROUNDS = 5

interface ScalingSize {
  tickets: number
  seeded: SeedResult | null
  shape: Facts['shape']
  /** Every round's result, Covered's and the floor's. */
  results: Measured[]
  /** Medians over the rounds. */
  p50: Record<'covered' | 'floor', Record<'a' | 'c', number | null>>
  rps: Record<'covered' | 'floor', Record<'a' | 'c', number | null>>
  serverPeakRssMb: number
}

const median = (values: number[]) => {
  if (!values.length) return null
  const sorted = [...values].sort((x, y) => x - y)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function runScaling(admin: pg.Client, main: string, ops: SpaOperations, passwordHash: string, kept: Prepared | null): Promise<ScalingSize[]> {
  const timing = { warmup: 1, duration: Math.max(3, Math.round(DURATION / 3)) }
  log(
    `\n== scaling: (a) and (c) at ${SCALING_SIZES.map((n) => fmt(n)).join(', ')} tickets, a warm-up round, then ${ROUNDS} interleaved rounds of ${timing.duration} s ==`,
  )
  const sizes: { tickets: number; prepared: Prepared; facts: Facts }[] = []
  for (const tickets of SCALING_SIZES) {
    const prepared = kept?.tickets === tickets ? kept : await prepareDatabase(admin, tickets)
    const facts = await prepareAccounts(prepared.url, passwordHash)
    log(`  ${fmt(tickets)}: ${fmt(facts.shape.open)} open, ${fmt(facts.shape.closed)} closed; the largest customer has ${fmt(facts.shape.largestCustomer)} tickets`)
    sizes.push({ tickets, prepared, facts })
  }
  const results = new Map<number, Measured[]>(SCALING_SIZES.map((n) => [n, []]))
  const run = async (target: 'covered' | 'floor') => {
    const servers: Child[] = []
    try {
      const plans: { tickets: number; server: Child; scenarios: Scenario[] }[] = []
      for (const size of sizes) {
        const server = target === 'covered' ? await startCovered(main, size.prepared.url) : await startFloor(size.prepared.url)
        servers.push(server)
        let scenarios: Scenario[]
        if (target === 'covered') {
          const cookies = {
            engineer: await signIn(server.origin, ops.adminLogin, ACCOUNTS.engineer),
            keyContact: await signIn(server.origin, ops.portalLogin, ACCOUNTS.keyContact),
            opener: await signIn(server.origin, ops.portalLogin, ACCOUNTS.opener),
          }
          scenarios = coveredScenarios(ops, cookies, size.facts)
        } else scenarios = floorScenarios(await contactIds(size.prepared.url))
        plans.push({ tickets: size.tickets, server, scenarios: scenarios.filter((s) => s.key === 'a' || s.key === 'c') })
      }
      // Round 0 warms every server up (V8 optimises the hot code only after a while) and is not counted.
      for (let round = 0; round <= ROUNDS; round++) {
        log(`  ${target === 'covered' ? 'Covered' : 'floor'}, ${round ? `round ${round} of ${ROUNDS}` : 'warm-up round (not counted)'}:`)
        for (const plan of plans) {
          for (const scenario of plan.scenarios) {
            const measured = await runScenario(plan.server, scenario, plan.tickets, round ? timing : { warmup: 0, duration: WARMUP })
            if (round) results.get(plan.tickets)!.push(measured)
          }
        }
      }
    } finally {
      for (const server of servers) await server.stop()
    }
  }
  await run('covered')
  await run('floor')
  if (!values.keep) for (const size of sizes) await admin.query(`DROP DATABASE IF EXISTS ${size.prepared.name} WITH (FORCE)`)
  return sizes.map((size) => {
    const own = results.get(size.tickets)!
    const pick = (target: 'covered' | 'floor', key: 'a' | 'c') => own.filter((r) => r.target === target && r.key === key)
    const stat = (f: (r: Measured) => number) => ({
      covered: { a: median(pick('covered', 'a').map(f)), c: median(pick('covered', 'c').map(f)) },
      floor: { a: median(pick('floor', 'a').map(f)), c: median(pick('floor', 'c').map(f)) },
    })
    return {
      tickets: size.tickets,
      seeded: size.prepared.seeded,
      shape: size.facts.shape,
      results: own,
      p50: stat((r) => r.latencyMs.p50),
      rps: stat((r) => r.rps),
      serverPeakRssMb: Math.max(0, ...own.filter((r) => r.target === 'covered').map((r) => r.peakRssMb)),
    }
  })
}

// ---------------------------------------------------------------------------------------------------------
// Report

interface Target {
  name: string
  value: string
  met: boolean | null
}

function evaluate(main: SizeRun, scaling: ScalingSize[] | null, seedMillion: SeedResult | null): Target[] {
  const covered = (key: string, run = main) => run.results.find((r) => r.target === 'covered' && r.key === key)
  const floor = (key: string, run = main) => run.results.find((r) => r.target === 'floor' && r.key === key)
  const targets: Target[] = []
  const qs = main.queueStatements
  if (qs) {
    const worst = Math.max(...Object.values(qs))
    const same = qs[10] === qs[100]
    targets.push({
      name: `(a) at most ${TARGETS.queueStatements} SQL statements per request, the same at page sizes 10 and 100`,
      value: `${qs[10]} / ${qs[50]} / ${qs[100]} at 10 / 50 / 100`,
      met: worst <= TARGETS.queueStatements && same,
    })
  }
  const a = covered('a')
  const floorA = floor('a')
  if (a && floorA) {
    const ratio = a.rps / floorA.rps
    targets.push({ name: `(a) at least ${TARGETS.floorRatio} of the floor's throughput`, value: `${ratio.toFixed(2)} (${fmt(a.rps)} vs ${fmt(floorA.rps)} req/s)`, met: ratio >= TARGETS.floorRatio })
  }
  for (const key of ['a', 'b', 'c', 'd']) {
    const r = covered(key)
    if (r) targets.push({ name: `${r.name}: p99 at most ${TARGETS.p99Ms} ms at ${fmt(main.tickets)} tickets`, value: `${r.latencyMs.p99.toFixed(1)} ms`, met: r.latencyMs.p99 <= TARGETS.p99Ms })
  }
  for (const key of ['a', 'c'] as const) {
    const small = scaling?.find((s) => s.tickets === SCALING_SIZES[0])?.p50.covered[key]
    const large = scaling?.find((s) => s.tickets === SCALING_SIZES.at(-1))?.p50.covered[key]
    const label = `(${key}) p50 grows at most ${TARGETS.p50Growth}x from ${fmt(SCALING_SIZES[0]!)} to ${fmt(SCALING_SIZES.at(-1)!)} tickets`
    if (small && large) {
      const growth = large / small
      targets.push({ name: label, value: `${growth.toFixed(2)}x (${small.toFixed(1)} -> ${large.toFixed(1)} ms, medians of ${ROUNDS} interleaved rounds)`, met: growth <= TARGETS.p50Growth })
    } else targets.push({ name: label, value: 'not measured (run with --scaling)', met: null })
  }
  targets.push({
    name: `seeding ${fmt(1_000_000)} tickets within ${TARGETS.seedSeconds} s`,
    value: seedMillion ? `${seedMillion.seconds.toFixed(1)} s` : 'not measured (run with --scaling or --tickets 1000000, without --reuse)',
    met: seedMillion ? seedMillion.seconds <= TARGETS.seedSeconds : null,
  })
  const peak = Math.max(main.serverPeakRssMb, ...(scaling ?? []).map((s) => s.serverPeakRssMb))
  targets.push({ name: `server memory under load at most ${TARGETS.memoryMb} MB (peak RSS)`, value: `${peak.toFixed(0)} MB`, met: peak <= TARGETS.memoryMb })
  return targets
}

const mark = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT met')

function markdown(report: Report): string {
  const m = report.machine
  const lines: string[] = []
  lines.push(`Run ${report.finishedAt} (${report.durationSeconds} s per scenario after a ${report.warmupSeconds} s warm-up, ${report.connections} connections):`)
  lines.push('')
  lines.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}; Node ${m.node}; ${m.postgres}.`)
  lines.push(`- Load average (1/5/15 min) at the start: ${report.loadAverage.start.join(' / ')}; at the end: ${report.loadAverage.end.join(' / ')}.`)
  const main = report.main
  const seeds = [main, ...(report.scaling ?? [])].filter((s) => s.seeded)
  const seen = new Set<number>()
  for (const s of seeds) {
    if (seen.has(s.tickets)) continue
    seen.add(s.tickets)
    lines.push(`- Seeding ${fmt(s.tickets)} tickets (${fmt(s.seeded!.messages)} messages, ${fmt(s.seeded!.events)} timeline events): ${s.seeded!.seconds.toFixed(1)} s.`)
  }
  lines.push('')
  lines.push(`At ${fmt(main.tickets)} tickets:`)
  lines.push('')
  lines.push('| Scenario | req/s | p50 ms | p90 ms | p99 ms | errors | SQL/req | server CPU ms/req | peak RSS MB | load avg |')
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of main.results) {
    lines.push(
      `| ${r.name} | ${fmt(r.rps)} | ${r.latencyMs.p50.toFixed(1)} | ${r.latencyMs.p90.toFixed(1)} | ${r.latencyMs.p99.toFixed(1)} | ${r.errors.total} | ` +
        `${r.statementsPerRequest === null ? '–' : r.statementsPerRequest.toFixed(2)} | ${r.serverCpuMsPerRequest === null ? '–' : r.serverCpuMsPerRequest.toFixed(2)} | ` +
        `${r.peakRssMb.toFixed(0)} | ${r.loadAverage.before[0]} |`,
    )
  }
  const a = main.results.find((r) => r.target === 'covered' && r.key === 'a')
  const c = main.results.find((r) => r.target === 'covered' && r.key === 'c')
  const fa = main.results.find((r) => r.target === 'floor' && r.key === 'a')
  const fc = main.results.find((r) => r.target === 'floor' && r.key === 'c')
  lines.push('')
  if (a && fa) lines.push(`Covered / floor throughput: desk queue ${(a.rps / fa.rps).toFixed(2)}${c && fc ? `, portal list ${(c.rps / fc.rps).toFixed(2)}` : ''}.`)
  if (main.queueStatements) lines.push(`Desk queue SQL statements per request at page sizes 10 / 50 / 100: ${[10, 50, 100].map((n) => main.queueStatements![n]).join(' / ')}.`)
  if (report.scaling) {
    lines.push('')
    lines.push(`Scaling, ${ROUNDS} rounds interleaved across the sizes (medians; Covered, and the floor in brackets):`)
    lines.push('')
    lines.push(`| Tickets | (a) p50 ms | (a) req/s | (c) p50 ms | (c) req/s | load avg |`)
    lines.push('| ---: | ---: | ---: | ---: | ---: | ---: |')
    const n = (v: number | null, digits: number) => (v === null ? '–' : digits ? v.toFixed(digits) : fmt(v))
    for (const s of report.scaling) {
      const loads = s.results.map((r) => r.loadAverage.before[0])
      lines.push(
        `| ${fmt(s.tickets)} | ${n(s.p50.covered.a, 1)} (${n(s.p50.floor.a, 1)}) | ${n(s.rps.covered.a, 0)} (${n(s.rps.floor.a, 0)}) | ` +
          `${n(s.p50.covered.c, 1)} (${n(s.p50.floor.c, 1)}) | ${n(s.rps.covered.c, 0)} (${n(s.rps.floor.c, 0)}) | ${Math.min(...loads)}–${Math.max(...loads)} |`,
      )
    }
  }
  lines.push('')
  lines.push('Targets:')
  lines.push('')
  lines.push('| Target | Measured | |')
  lines.push('| --- | --- | --- |')
  for (const t of report.targets) lines.push(`| ${t.name} | ${t.value} | ${mark(t.met)} |`)
  return lines.join('\n')
}

interface Report {
  startedAt: string
  finishedAt: string
  machine: Machine
  loadAverage: { start: [number, number, number]; end: [number, number, number] }
  connections: number
  warmupSeconds: number
  durationSeconds: number
  main: SizeRun
  scaling: ScalingSize[] | null
  targets: Target[]
}

function writeResults(report: Report) {
  const dir = path.join(ROOT, 'bench/results')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n')
  const readme = path.join(ROOT, 'bench/README.md')
  const table = markdown(report)
  const start = '<!-- results:start -->'
  const end = '<!-- results:end -->'
  if (fs.existsSync(readme)) {
    const text = fs.readFileSync(readme, 'utf8')
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from >= 0 && to > from) {
      fs.writeFileSync(readme, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`)
      return table
    }
  }
  log(`(bench/README.md has no ${start} … ${end} markers; the table is only printed)`)
  return table
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const startedAt = new Date()
  const startLoad = loadAverage()
  const admin = new pg.Client({ connectionString: SERVER_URL })
  await admin.connect()
  try {
    const info = await machine(admin)
    log(`${info.cpu}, ${info.cores} cores, ${info.ramGb} GB; Node ${info.node}; ${info.postgres}; load average ${startLoad.join(' / ')}`)
    let commit = ''
    try {
      commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim()
    } catch {
      // not a checkout
    }
    if (values['seed-only']) {
      // Databases for EXPLAIN ANALYZE and later --reuse runs; nothing is measured.
      for (const size of values.scaling ? SCALING_SIZES : [TICKETS]) await prepareDatabase(admin, size)
      log('kept the databases (--seed-only); drop them when done')
      return
    }
    log(`building the API${commit ? ` (${commit})` : ''}…`)
    const mainJs = await buildApi()
    const ops = await spaOperations(ROOT)
    const passwordHash = await hashPassword(PASSWORD)

    const keepForScaling = values.scaling && SCALING_SIZES.includes(TICKETS)
    const { prepared: mainDatabase, ...mainRun } = await runSize(admin, mainJs, ops, passwordHash, TICKETS, !values.keep && !keepForScaling)
    const scaling = values.scaling ? await runScaling(admin, mainJs, ops, passwordHash, keepForScaling ? mainDatabase : null) : null
    const million = [mainRun, ...(scaling ?? [])].find((s) => s.tickets === 1_000_000 && s.seeded)?.seeded ?? null
    const targets = evaluate(mainRun, scaling, million)
    const report: Report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: info,
      loadAverage: { start: startLoad, end: loadAverage() },
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      durationSeconds: DURATION,
      main: mainRun,
      scaling,
      targets,
    }
    log('')
    log(writeResults(report))
    log(`\nresults: bench/results/latest.json; table: bench/README.md`)
  } finally {
    await admin.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
