// Dashboard query latency on a realistic dataset on the local PostgreSQL.
//   pnpm bench:reports [--tickets 200000] [--runs 20] [--keep] [--reuse]
// Creates its own scratch database (covered_bench_reports), migrates it, seeds it with seedDataset (set-based
// SQL; prints how long that took), then times every report query of the admin dashboard and the portal through
// the same service code the API uses: a warm-up, then p50/p95 over --runs runs, each printed against the 300 ms
// target as "met" or "NOT met" (by its p95). Drops the database at the end unless --keep (for EXPLAIN ANALYZE);
// --reuse times the queries on a database kept earlier (migrating it first) instead of seeding a new one.
// Environment: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres). It asserts nothing:
// timings depend on the machine.
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import pg from 'pg'
import type { DataSource } from 'typeorm'
import type { RequestContext, Viewer } from '../src/context.js'
import { createDataSource } from '../src/db/data-source.js'
import { migrate } from '../src/db/migrate.js'
import {
  attainment,
  backlog,
  distributions,
  quotePipeline,
  renewalsOutlook,
  reportTickets,
  scopeMix,
  slaSummary,
  ticketsAtRisk,
  type NowFilter,
  type ReportFilter,
} from '../src/modules/reporting/reporting.service.js'
import { DEFAULT_NOW, seedDataset } from './bench/seed-dataset.js'

const TARGET_MS = 300
const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: process.env.BENCH_TICKETS ?? '200000' },
    runs: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: process.env.BENCH_KEEP === '1' },
    reuse: { type: 'boolean', default: false },
  },
})
const TICKETS = Number(values.tickets)
const RUNS = Number(values.runs)
if (!Number.isInteger(TICKETS) || TICKETS < 1) throw new Error('--tickets must be a whole number of at least 1')
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a whole number of at least 1')

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = 'covered_bench_reports'
const DAY = 86_400_000

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

async function main() {
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  const [kept] = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE])).rows
  const reuse = values.reuse && !!kept
  if (!reuse) {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${DATABASE}`)
  }
  const url = new URL(SERVER)
  url.pathname = `/${DATABASE}`
  const db = createDataSource({ url: url.toString(), poolSize: 2, statementTimeoutMs: 120_000 })
  try {
    await db.initialize()
    await migrate(db)

    if (reuse) console.log(`reusing the kept database ${DATABASE} (--reuse)`)
    else await seed(url.toString())
    await timeQueries(db)
  } finally {
    if (db.isInitialized) await db.destroy()
    if (values.keep || values.reuse) console.log(`kept database ${DATABASE} (--keep); drop it when done`)
    else await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
    await admin.end()
  }
}

async function seed(url: string) {
  const seeder = new pg.Client({ connectionString: url })
  seeder.on('error', () => undefined) // reported by the query that failed
  await seeder.connect()
  console.log(`seeding ${TICKETS.toLocaleString('en')} tickets…`)
  const seeded = await seedDataset(seeder, {
    tickets: TICKETS,
    onStep: (step, seconds) => console.log(`  ${step.padEnd(38)} ${seconds.toFixed(1).padStart(6)} s`),
  }).finally(() => seeder.end())
  console.log(
    `seeded ${seeded.customers.toLocaleString('en')} customers, ${seeded.contacts.toLocaleString('en')} contacts, ${seeded.contracts.toLocaleString('en')} contracts, ` +
      `${seeded.tickets.toLocaleString('en')} tickets, ${seeded.messages.toLocaleString('en')} messages, ${seeded.quotes.toLocaleString('en')} quotes ` +
      `in ${seeded.seconds.toFixed(1)} s`,
  )
}

async function timeQueries(db: DataSource) {
  const [{ size }] = await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)
  console.log(`database size ${size}`)
  const [shape] = await db.query(
    `SELECT count(*) FILTER (WHERE status NOT IN ('RESOLVED', 'CLOSED'))::int AS open,
            count(*) FILTER (WHERE status = 'CLOSED')::int AS closed,
            (SELECT max(n) FROM (SELECT count(*) AS n FROM tickets GROUP BY customer_id) c)::int AS largest
       FROM tickets`,
  )
  console.log(`tickets: ${shape.open.toLocaleString('en')} open, ${shape.closed.toLocaleString('en')} closed; the largest customer has ${shape.largest.toLocaleString('en')}`)

  const now = DEFAULT_NOW
  const [{ id: staffId }] = await db.query(`SELECT id FROM staff_users WHERE role = 'ADMIN' LIMIT 1`)
  const [{ customer_id: biggest }] = await db.query(`SELECT customer_id FROM tickets GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`)
  const staff: Viewer = { kind: 'staff', id: staffId, role: 'ADMIN', sessionId: 'bench' }
  // A key contact of the largest customer: sees all of its tickets, as the portal report does.
  const [{ contact_id: keyContact }] = await db.query(
    `SELECT k.contact_id FROM contract_key_contacts k JOIN contracts c ON c.id = k.contract_id WHERE c.customer_id = $1 LIMIT 1`,
    [biggest],
  )
  const contact: Viewer = { kind: 'contact', id: keyContact, customerId: biggest, isCustomerAdmin: false, sessionId: 'bench' }
  const ctxOf = (viewer: Viewer) => ({ viewer, db, now: () => now }) as unknown as RequestContext

  // The dashboard opens on the last 90 days (to the end of today, UTC); managers also look at up to two years.
  const end = new Date(Math.floor(now.getTime() / DAY) * DAY + DAY)
  const last90: ReportFilter = { from: new Date(end.getTime() - 90 * DAY), to: end }
  const twoYears: ReportFilter = { from: new Date(end.getTime() - 731 * DAY), to: end }
  const narrow: ReportFilter = { ...last90, desk: 'UK', plan: 'PREMIUM' }
  const oneCustomer: ReportFilter = { ...last90, customerId: biggest }
  const noFilter: NowFilter = {}

  const cases: { name: string; filter: string; run: () => Promise<unknown> }[] = []
  const dated = [
    ['slaSummary', slaSummary],
    ['slaAttainment', attainment],
    ['responseTimes', distributions],
    ['scopeMix', scopeMix],
    ['quotePipeline', quotePipeline],
  ] as const
  for (const [label, filter] of [
    ['90 days', last90],
    ['731 days', twoYears],
    ['90 days, UK, premium', narrow],
    ['90 days, largest customer', oneCustomer],
  ] as const) {
    for (const [name, fn] of dated) cases.push({ name, filter: label, run: () => fn(ctxOf(staff), filter) })
  }
  cases.push({ name: 'backlog', filter: 'now', run: () => backlog(ctxOf(staff), noFilter) })
  cases.push({ name: 'ticketsAtRisk', filter: 'now', run: () => ticketsAtRisk(ctxOf(staff), noFilter) })
  cases.push({ name: 'renewalsOutlook', filter: 'now', run: () => renewalsOutlook(ctxOf(staff), noFilter) })
  cases.push({ name: 'backlog', filter: 'now, largest customer', run: () => backlog(ctxOf(staff), { customerId: biggest }) })
  cases.push({ name: 'ticketsAtRisk', filter: 'now, UK, premium', run: () => ticketsAtRisk(ctxOf(staff), { desk: 'UK', plan: 'PREMIUM' }) })
  // The portal's own report, as a key contact of the largest customer sees it.
  cases.push({ name: 'slaSummary (portal)', filter: '731 days, own organisation', run: () => slaSummary(ctxOf(contact), twoYears) })
  cases.push({ name: 'responseTimes (portal)', filter: '731 days, own organisation', run: () => distributions(ctxOf(contact), twoYears) })
  cases.push({ name: 'reportTickets (portal)', filter: '731 days, first 25', run: () => reportTickets(ctxOf(contact), { ...twoYears, first: 25 }) })

  console.log(`\n${RUNS} timed runs per query after 3 warm-up runs; target ${TARGET_MS} ms at p95`)
  console.log(`${'query'.padEnd(24)}${'filter'.padEnd(30)}${'p50'.padStart(10)}${'p95'.padStart(10)}   target`)
  let missed = 0
  for (const c of cases) {
    for (let i = 0; i < 3; i++) await c.run()
    const timings: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      await c.run()
      timings.push(performance.now() - started)
    }
    timings.sort((a, b) => a - b)
    const p50 = percentile(timings, 50)
    const p95 = percentile(timings, 95)
    const met = p95 <= TARGET_MS
    if (!met) missed++
    console.log(`${c.name.padEnd(24)}${c.filter.padEnd(30)}${`${p50.toFixed(1)} ms`.padStart(10)}${`${p95.toFixed(1)} ms`.padStart(10)}   ${met ? 'met' : 'NOT met'}`)
  }
  console.log(missed ? `\n${missed} of ${cases.length} queries missed the ${TARGET_MS} ms target` : `\nall ${cases.length} queries met the ${TARGET_MS} ms target`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
