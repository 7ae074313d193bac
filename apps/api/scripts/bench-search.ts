// Knowledge base search latency over 20,000 articles on the local PostgreSQL.
//   pnpm bench:search      (or: cd apps/api && node --import tsx scripts/bench-search.ts)
// Creates its own scratch database (covered_bench_search), migrates it, seeds articles with a deterministic
// generator, runs a few hundred searches as a visitor, a contact and staff through the same service code the
// API uses (first page of 10, with ts_headline highlights), prints p50/p95/p99, and drops the database.
// Environment: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_ARTICLES (20000),
// BENCH_QUERIES (300), BENCH_KEEP=1 to keep the database for EXPLAIN. It asserts nothing: timings depend on the machine.
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import type { RequestContext, Viewer } from '../src/context.js'
import { createDataSource } from '../src/db/data-source.js'
import { migrate } from '../src/db/migrate.js'
import { markdownToText } from '../src/modules/knowledge/markdown.js'
import { searchKnowledge, suggestArticles } from '../src/modules/knowledge/search.service.js'

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = 'covered_bench_search'
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 20_000)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300)

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x5eed
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!

// A product vocabulary: named product terms, then a long tail of made-up words, drawn with Zipf frequencies
// (word k about 1/k as common as the first), as in real text: common terms match thousands of articles, rare
// ones a handful.
const TOPICS = (
  'tracker labels dashboard report export import campaign revenue proxy firewall cache cookie session visitor ' +
  'referrer keyword funnel segment filter goal conversion pageview bounce crawler robot spider bot fraud click ' +
  'affiliate server log logfile rotation timezone currency invoice license upgrade update release install ' +
  'uninstall wordpress shopify magento drupal joomla nginx apache iis ssl certificate domain subdomain redirect ' +
  'api token webhook schedule email alert threshold anomaly dataset backup restore archive retention privacy ' +
  'consent gdpr anonymise ip geolocation country region city browser device mobile tablet screen resolution'
).split(' ')
const SYLLABLES = 'ka lo mi ne ru ta vo zi pe sa du ge hi jo ku ma no pi re so tu va we xo yu ze ba ce da fe'.split(' ')
const TAIL = Array.from({ length: 6000 }, (_, i) => {
  let word = ''
  for (let n = i + 7, k = 0; k < 3 || n > 0; k++, n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length]
  return word
})
const VOCABULARY = [...new Set([...TOPICS, ...TAIL])]
const ZIPF = (() => {
  const cumulative: number[] = []
  let total = 0
  VOCABULARY.forEach((_, k) => cumulative.push((total += 1 / (k + 1))))
  return cumulative.map((c) => c / total)
})()
const zipfWord = (): string => {
  const r = random()
  let lo = 0
  let hi = ZIPF.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ZIPF[mid]! < r) lo = mid + 1
    else hi = mid
  }
  return VOCABULARY[lo]!
}
const FILLER = (
  'the a an and or of to in on for with when your this that it is are be can will should may must not how why ' +
  'what which check make sure then first next after before open click choose set use see find add remove change ' +
  'settings page menu button option value field list table chart view data time day week month number total'
).split(' ')

function sentence(): string {
  const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => (random() < 0.35 ? zipfWord() : pick(FILLER)))
  const text = words.join(' ')
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`
}

function article(i: number) {
  const topic = [zipfWord(), zipfWord(), zipfWord()]
  const title = `${pick(['How to', 'Fixing', 'Understanding', 'Setting up', 'Troubleshooting', 'Why'])} ${topic.join(' ')} (${i})`
  const paragraphs = Array.from({ length: 3 + Math.floor(random() * 6) }, () => Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' '))
  const body = `## ${topic[0]}\n\n${paragraphs.join('\n\n')}\n\n- ${sentence()}\n- ${sentence()}\n\n\`${topic[1]}.config\``
  const r = random()
  return {
    slug: `bench-${i}`,
    title,
    body,
    bodyText: markdownToText(body),
    tags: [topic[0]!, topic[2]!],
    visibility: r < 0.6 ? 'PUBLIC' : r < 0.9 ? 'CUSTOMERS' : 'INTERNAL',
    status: random() < 0.9 ? 'PUBLISHED' : 'DRAFT',
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function summary(label: string, timings: number[], hits: number[]): string {
  const sorted = [...timings].sort((a, b) => a - b)
  const f = (n: number) => `${n.toFixed(1)} ms`
  const meanHits = hits.reduce((a, b) => a + b, 0) / hits.length
  return `${label.padEnd(28)} n=${String(sorted.length).padEnd(4)} p50 ${f(percentile(sorted, 50)).padStart(9)}  p95 ${f(percentile(sorted, 95)).padStart(9)}  p99 ${f(percentile(sorted, 99)).padStart(9)}  max ${f(sorted.at(-1)!).padStart(9)}  (mean hits on page ${meanHits.toFixed(1)})`
}

async function main() {
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${DATABASE}`)
  const url = new URL(SERVER)
  url.pathname = `/${DATABASE}`
  const db = createDataSource({ url: url.toString(), poolSize: 4, statementTimeoutMs: 60_000 })
  try {
    await db.initialize()
    await migrate(db)
    const [staff] = await db.query(`INSERT INTO staff_users (email, name, role) VALUES ('bench@covered.test', 'Bench', 'ADMIN') RETURNING id`)

    const seedStart = performance.now()
    const now = new Date('2026-11-24T17:00:00Z')
    for (let from = 0; from < ARTICLES; from += 500) {
      const batch = Array.from({ length: Math.min(500, ARTICLES - from) }, (_, k) => article(from + k + 1))
      await db.query(
        `INSERT INTO articles (slug, title, body, body_text, tags, visibility, status, author_id, updated_by, created_at, updated_at, published_at)
         SELECT s, t, b, bt, string_to_array(tg, ','), v, st, $8, $8, $9, $9, CASE WHEN st = 'PUBLISHED' THEN $9::timestamptz END
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(s, t, b, bt, tg, v, st)`,
        [
          batch.map((a) => a.slug),
          batch.map((a) => a.title),
          batch.map((a) => a.body),
          batch.map((a) => a.bodyText),
          batch.map((a) => a.tags.join(',')),
          batch.map((a) => a.visibility),
          batch.map((a) => a.status),
          staff.id,
          now,
        ],
      )
    }
    await db.query('ANALYZE articles')
    const [{ size }] = await db.query(`SELECT pg_size_pretty(pg_total_relation_size('articles')) AS size`)
    console.log(`seeded ${ARTICLES} articles in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (articles table with indexes: ${size})`)

    const viewers: Record<string, Viewer> = {
      visitor: { kind: 'anonymous' },
      contact: { kind: 'contact', id: '00000000-0000-4000-8000-000000000001', customerId: '00000000-0000-4000-8000-000000000002', isCustomerAdmin: false, sessionId: 'bench' },
      staff: { kind: 'staff', id: staff.id, role: 'ADMIN', sessionId: 'bench' },
    }
    const ctxFor = (viewer: Viewer) => ({ viewer, db, now: () => now }) as unknown as RequestContext

    // A few hundred queries: one or two words (product terms, the most common and so the slowest, half the
    // time; words from the first 2,000 of the vocabulary otherwise), some phrases, exclusions and misses.
    const term = () => (random() < 0.5 ? pick(TOPICS) : pick(VOCABULARY.slice(0, 2000)))
    const queries = Array.from({ length: QUERIES }, () => {
      const r = random()
      if (r < 0.45) return term()
      if (r < 0.75) return `${term()} ${term()}`
      if (r < 0.85) return `"${pick(FILLER)} ${term()}"`
      if (r < 0.92) return `${term()} -${term()}`
      return `${term()}xyz nothing`
    })
    const counts: number[] = []
    for (const q of queries) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM articles WHERE search @@ websearch_to_tsquery('english', $1)`, [q])
      counts.push(n)
    }
    const sortedCounts = [...counts].sort((a, b) => a - b)
    console.log(`articles matching a query (all visibilities): median ${percentile(sortedCounts, 50)}, p95 ${percentile(sortedCounts, 95)}, max ${sortedCounts.at(-1)}`)
    const subjects = queries.map((q) => `${pick(['Problem with', 'Cannot get', 'Question about'])} ${q.replace(/["-]/g, '')} ${term().slice(0, 4)}`)

    for (const q of queries.slice(0, 20)) await searchKnowledge(ctxFor(viewers.staff!), { query: q, first: 10 }) // warm-up

    console.log(`\n${QUERIES} queries per row; first page of 10 with ts_headline highlights`)
    for (const [name, viewer] of Object.entries(viewers)) {
      const timings: number[] = []
      const hits: number[] = []
      for (const query of queries) {
        const started = performance.now()
        const page = await searchKnowledge(ctxFor(viewer), { query, first: 10 })
        timings.push(performance.now() - started)
        hits.push(page.edges.length)
      }
      console.log(summary(`searchKnowledge (${name})`, timings, hits))
    }
    const timings: number[] = []
    const hits: number[] = []
    for (const subject of subjects) {
      const started = performance.now()
      const found = await suggestArticles(ctxFor(viewers.contact!), subject)
      timings.push(performance.now() - started)
      hits.push(found.length)
    }
    console.log(summary('suggestArticles (contact)', timings, hits))
  } finally {
    if (db.isInitialized) await db.destroy()
    if (process.env.BENCH_KEEP === '1') console.log(`kept database ${DATABASE} (BENCH_KEEP=1); drop it when done`)
    else await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
    await admin.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
