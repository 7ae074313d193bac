// A realistic support dataset written with set-based SQL (INSERT ... SELECT over generate_series), for
// benchmarks: customers with contacts, licenses, maintenance and premium contracts with terms and key contacts,
// tickets with their SLA figures, conversations, quotes and time entries. Reusable: give it a connected pg
// client on a migrated, empty database.
//
//   import { seedDataset } from './bench/seed-dataset.js'
//   const counts = await seedDataset(client, { tickets: 200_000 })
//
// Shape, per ticket count T (defaults give the issue's dataset at T = 200,000):
// - T / 40 customers (5,000), 60% on the Pacific desk in USD, 40% on the UK desk in GBP; 4 contacts each (20,000);
// - 2 contracts per customer (10,000): maintenance on every customer's first license, premium support for 30% of
//   them, and for the rest maintenance on a second license (many lapsed); term ends spread over the coming year;
// - T tickets over the last two years, more of them recent, skewed towards a few large customers (the largest
//   has about 6% of all tickets, the top 1% of customers about a fifth); most are closed, recent ones open;
//   premium customers' tickets are PREMIUM, 5% are NOT_ENTITLED; categories mostly in scope;
// - 5 messages per ticket on average (1,000,000; one ticket in a thousand has a conversation of 50), a timeline
//   of 3 to 5 events per ticket (intake's three, then resolved and closed), T / 100 quotes with time logged on
//   the accepted ones.
// Deterministic: the same T (and the same number of connections) gives the same data (setseed, ordinal ids).
//
// Speed: the big tables' indexes are built after their rows are in rather than kept up to date row by row
// (deferred-indexes.ts: the secondary indexes, and the keys no seeded table's foreign key needs, such as the
// messages' and events' primary keys; all exactly as the migrations define them, read from the catalogue); a
// message's seq and an event's id are given (from the ticket's number, in the order they happened) rather than
// drawn from their sequences row by row, and the sequences are set past them after; foreign-key triggers are
// skipped for the session when the user may (superuser), and commits are not waited for. Given `connect`, the
// big steps run on several connections at once: tickets in ranges, messages and timelines in parts of the
// tickets table, indexes and VACUUM shared out. Seeding is bound by CPU, so the statements do as little per
// row as they can: derived ticket columns computed once, one pass over the tickets for the whole timeline.
import { TICKET_CATEGORIES } from '@covered/domain'
import { deferIndexes } from './deferred-indexes.js'

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] } | any>
}

export interface SeedOptions {
  /** Opens another connection to the same database, for the steps that run in parallel (closed at the end). */
  connect?: () => Promise<Queryable & { end(): Promise<unknown> }>
  /** Connections to use at once, with `connect` (default 3: more than the cores, so that one waiting on the disk leaves a core busy). */
  parallel?: number
  /** Tickets to create; everything else scales with it. Default 200,000. */
  tickets?: number
  /** The instant the data is "now" for (received times run back two years from it). Default 2026-11-24T17:00:00Z. */
  now?: Date
  /** Called with each step's name and seconds, as it finishes. */
  onStep?: (step: string, seconds: number) => void
}

export interface SeedResult {
  customers: number
  contacts: number
  contracts: number
  tickets: number
  messages: number
  events: number
  quotes: number
  seconds: number
  steps: { step: string; seconds: number }[]
}

export const DEFAULT_NOW = new Date('2026-11-24T17:00:00Z')

/**
 * Deterministic ids: a kind (customer 1, contact 2, license 3, contract 4, staff 5, ticket 6, message 7) and an
 * ordinal; message i of ticket number n has ordinal (and seq) n * 64 + i, event i of its timeline id n * 8 + i.
 */
const ID = `CREATE FUNCTION pg_temp.bid(k int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
  AS $$ SELECT (lpad(to_hex(k), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`

/** The tables whose indexes are built after their rows are in (see deferred-indexes.ts). */
const TABLES_REBUILT = ['customers', 'contacts', 'tickets', 'ticket_messages', 'ticket_events']
/** Every table this seeder writes. */
const TABLES_SEEDED = [
  'staff_users', 'customers', 'contacts', 'licenses', 'contracts', 'contract_terms', 'contract_key_contacts',
  'tickets', 'ticket_messages', 'ticket_events', 'quotes', 'time_entries',
]

/** The tickets (as a condition on `t`) that get a long conversation of LONG_CONVERSATION_MESSAGES messages. */
export const LONG_CONVERSATION_SQL = 't.number % 1000 = 500'
export const LONG_CONVERSATION_MESSAGES = 50

export async function seedDataset(client: Queryable, options: SeedOptions = {}): Promise<SeedResult> {
  const T = Math.max(1, Math.floor(options.tickets ?? 200_000))
  const C = Math.max(20, Math.round(T / 40))
  const now = options.now ?? DEFAULT_NOW
  const steps: { step: string; seconds: number }[] = []
  const started = performance.now()
  const step = async (name: string, work: () => Promise<unknown>) => {
    const t0 = performance.now()
    await work()
    const seconds = (performance.now() - t0) / 1000
    steps.push({ step: name, seconds })
    options.onStep?.(name, seconds)
  }
  const q = (sql: string, params?: unknown[]) => client.query(sql, params)

  const rowsOf = (result: any): any[] => (Array.isArray(result) ? result : result.rows)
  const [{ count }] = rowsOf(await q('SELECT count(*)::int AS count FROM tickets'))
  if (count > 0) throw new Error('seedDataset needs an empty, migrated database (it found tickets).')

  let skippedTriggers = true
  const prepare = async (session: Queryable) => {
    await session.query(`SET synchronous_commit = off`)
    await session.query(`SET maintenance_work_mem = '512MB'`)
    await session.query(`SET work_mem = '64MB'`)
    // The three sessions already share the cores: parallel workers for each index build only oversubscribe them.
    await session.query(`SET max_parallel_maintenance_workers = 0`)
    try {
      await session.query(`SET session_replication_role = replica`) // skips foreign-key triggers: the ids below are consistent by construction
    } catch {
      skippedTriggers = false // not a superuser: foreign keys are checked row by row, which is slower but fine
    }
    await session.query(ID)
  }
  await prepare(client)
  await q(`SELECT setseed(0.4242)`)
  const extra: (Queryable & { end(): Promise<unknown> })[] = []
  try {
    if (options.connect) {
      for (let i = 1; i < Math.max(1, options.parallel ?? 3); i++) {
        const session = await options.connect()
        extra.push(session)
        await prepare(session)
      }
    }
    return await seedWith([client, ...extra])
  } finally {
    for (const session of extra) await session.end().catch(() => undefined)
  }

  async function seedWith(sessions: Queryable[]): Promise<SeedResult> {
    /** Runs the pieces of work on the sessions, each taking the next piece when it is free. */
    const shareOut = async (pieces: ((session: Queryable) => Promise<unknown>)[]) => {
      let next = 0
      await Promise.all(
        sessions.map(async (session) => {
          while (next < pieces.length) await pieces[next++]!(session)
        }),
      )
    }

    const deferred = await deferIndexes(client, TABLES_REBUILT, TABLES_SEEDED)
    await deferred.drop()

    const p = { now: now.toISOString(), C, T }
    await step('staff, customers, contacts, licenses', async () => {
      await q(
        `INSERT INTO staff_users (id, email, name, role, desk)
         SELECT pg_temp.bid(5, n), 'engineer' || n || '@bench.example', 'Engineer ' || n, 'ENGINEER', CASE WHEN n <= 5 THEN 'PACIFIC' ELSE 'UK' END
           FROM generate_series(1, 10) n
         UNION ALL SELECT pg_temp.bid(5, 11), 'admin@bench.example', 'Bench Admin', 'ADMIN', NULL`,
      )
      await q(
        `INSERT INTO customers (id, name, home_desk, currency, created_at, updated_at)
         SELECT pg_temp.bid(1, n),
                (ARRAY['Acme','Globex','Initech','Umbrella','Northwind','Brightwater','Stark','Wayne','Tyrell','Cyberdyne','Soylent','Hooli','Vandelay','Wonka','Gringotts','Oscorp','Pied Piper','Massive Dynamic','Aperture','Black Mesa'])[1 + n % 20]
                  || ' ' || (ARRAY['Analytics','Media','Traders','Insights','Web','Retail','Travel','Labs','Group','Digital','Publishing','Health','Energy','Foods','Logistics'])[1 + (n / 20) % 15]
                  || ' ' || n,
                CASE WHEN n % 5 < 3 THEN 'PACIFIC' ELSE 'UK' END,
                CASE WHEN n % 5 < 3 THEN 'USD' ELSE 'GBP' END,
                $1::timestamptz - (n % 900) * interval '1 day', $1::timestamptz
           FROM generate_series(1, $2::int) n`,
        [p.now, C],
      )
      await q(
        `INSERT INTO contacts (id, customer_id, email, name, is_customer_admin, portal_access, created_at)
         SELECT pg_temp.bid(2, (n - 1) * 4 + k), pg_temp.bid(1, n), 'contact' || n || '-' || k || '@bench.example',
                (ARRAY['Alex','Sam','Jo','Priya','Tom','Olivia','Ada','Hank','Mia','Noah'])[1 + (n + k) % 10] || ' ' ||
                (ARRAY['Rivera','Okafor','Park','Shah','Ashworth','Bennett','Lin','Scorpio','Chen','Novak'])[1 + (n * 7 + k) % 10],
                k = 1, k <= 2, $1::timestamptz - (n % 900) * interval '1 day'
           FROM generate_series(1, $2::int) n CROSS JOIN generate_series(1, 4) k`,
        [p.now, C],
      )
      await q(
        `INSERT INTO licenses (id, customer_id, edition_id, price_minor, currency, purchased_on, license_key)
         SELECT pg_temp.bid(3, l.n), pg_temp.bid(1, l.c), e.id, (ARRAY[99000, 495000, 1450000])[e.rank], CASE WHEN l.c % 5 < 3 THEN 'USD' ELSE 'GBP' END,
                ($1::timestamptz - (400 + l.c % 900) * interval '1 day')::date, 'BENCH-' || l.n
           FROM (SELECT n, n AS c FROM generate_series(1, $2::int) n
                 UNION ALL SELECT $2::int + n, n FROM generate_series(1, $2::int) n WHERE n % 10 >= 3) l
           JOIN product_editions e ON e.rank = 1 + l.c % 3`,
        [p.now, C],
      )
    })

    await step('contracts, terms, key contacts', async () => {
      // Contract n: maintenance on license n; C + n: premium on license n (30%); 2C + n: maintenance on license C + n (the rest).
      await q(
        `CREATE TEMP TABLE bench_contracts AS
         SELECT pg_temp.bid(4, x.k) AS id, pg_temp.bid(1, x.c) AS customer_id, pg_temp.bid(3, x.l) AS license_id, x.kind, x.c, x.k,
                -- Term ends spread over the coming year (some just lapsed); second licenses' maintenance mostly lapsed.
                CASE WHEN x.k > 2 * $2::int THEN ($1::timestamptz)::date - (x.c * 13) % 500
                     ELSE ($1::timestamptz)::date + (x.c * 37) % 420 - 45 END AS end_date
           FROM (SELECT n AS k, n AS c, n AS l, 'MAINTENANCE' AS kind FROM generate_series(1, $2::int) n
                 UNION ALL SELECT $2::int + n, n, n, 'PREMIUM_SUPPORT' FROM generate_series(1, $2::int) n WHERE n % 10 < 3
                 UNION ALL SELECT 2 * $2::int + n, n, $2::int + n, 'MAINTENANCE' FROM generate_series(1, $2::int) n WHERE n % 10 >= 3) x`,
        [p.now, C],
      )
      await q(`INSERT INTO contracts (id, customer_id, license_id, kind) SELECT id, customer_id, license_id, kind FROM bench_contracts`)
      await q(
        `INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency)
         SELECT b.id, b.end_date - 364, b.end_date, l.price_minor * CASE b.kind WHEN 'PREMIUM_SUPPORT' THEN 30 ELSE 20 END / 100, l.currency
           FROM bench_contracts b JOIN licenses l ON l.id = b.license_id`,
      )
      await q(
        `INSERT INTO contract_key_contacts (contract_id, contact_id)
         SELECT id, pg_temp.bid(2, (c - 1) * 4 + 1) FROM bench_contracts
         UNION ALL SELECT id, pg_temp.bid(2, (c - 1) * 4 + 2) FROM bench_contracts WHERE kind = 'MAINTENANCE' AND k <= $1::int`,
        [C],
      )
    })

    const scopeOf = `CASE s.category ${TICKET_CATEGORIES.map((c) => `WHEN '${c.code}' THEN '${c.usualScope}'`).join(' ')} END`
    const categories = `ARRAY[${TICKET_CATEGORIES.map((c) => `'${c.code}'`).join(', ')}]`
    // One constant per plan rather than a jsonb built for every row.
    const entitlement = (plan: string, rule: string) =>
      `'${JSON.stringify({ plan, lane: 'CUSTOMER', rule, reasons: ['Seeded for a benchmark.'], remedies: [] })}'::jsonb`
    // Tickets in as many ranges as there are sessions, each with its own seed, so the data stays the same.
    // OFFSET 0 keeps each level of derived columns a subquery of its own, computed once per row: flattened into
    // the outer SELECT, every mention of status, done, answered or age_hours would repeat its whole expression.
    const ranges = sessions.map((_, i) => [Math.floor((i * T) / sessions.length) + 1, Math.floor(((i + 1) * T) / sessions.length)] as const)
    await step('tickets', async () => {
      await shareOut(
        ranges.map(([from, to], i) => async (session: Queryable) => {
        await session.query(`SELECT setseed(${(0.4242 + i / 1000).toFixed(4)})`)
        await session.query(
          `INSERT INTO tickets (
             id, number, subject, category, customer_id, requester_id, opened_by_kind, opened_by_id, plan, lane, entitlement, scope, scope_rule,
             scope_explanation, status, desk, assignee_id, received_at, has_public_staff_reply,
             first_response_kind, first_response_due_at, first_response_warning_at, first_responded_at, first_response_business_ms, first_response_state,
             resolution_due_at, resolution_warning_at, resolution_state, resolution_business_ms, paused_at,
             queue_priority, queue_due_at, resolved_at, closed_at, last_message_at, created_at, updated_at)
           SELECT pg_temp.bid(6, s.g), 1000 + s.g, s.subject, s.category, pg_temp.bid(1, s.cn), pg_temp.bid(2, (s.cn - 1) * 4 + s.who), 'CONTACT', pg_temp.bid(2, (s.cn - 1) * 4 + s.who),
                  s.plan, 'CUSTOMER',
                  CASE s.plan WHEN 'PREMIUM' THEN ${entitlement('PREMIUM', 'premium-key-contact')} WHEN 'STANDARD' THEN ${entitlement('STANDARD', 'maintenance-key-contact')}
                    ELSE ${entitlement('NOT_ENTITLED', 'not-entitled')} END,
                  ${scopeOf}, 'category', 'Seeded for a benchmark.',
                  s.status, s.desk,
                  CASE WHEN s.plan = 'PREMIUM' OR s.r_assign < 0.6 THEN pg_temp.bid(5, CASE s.desk WHEN 'PACIFIC' THEN 1 ELSE 6 END + s.cn % 5) END,
                  s.received_at, s.answered,
                  CASE WHEN s.entitled THEN CASE s.plan WHEN 'PREMIUM' THEN 'GUARANTEE' ELSE 'GOAL' END END,
                  CASE WHEN s.entitled THEN s.received_at + s.fr_target * interval '1 hour' * 1.8 END,
                  CASE WHEN s.entitled THEN s.received_at + s.fr_target * interval '1 hour' * 1.35 END,
                  CASE WHEN s.answered THEN s.received_at + s.fr_hours * interval '1 hour' * 1.8 END,
                  CASE WHEN s.entitled AND s.answered THEN round(s.fr_hours * 3600000)::bigint END,
                  CASE WHEN NOT s.entitled THEN NULL
                       WHEN s.answered THEN CASE WHEN s.fr_hours <= s.fr_target THEN 'MET' ELSE 'BREACHED' END
                       WHEN s.status IN ('WAITING_ON_CUSTOMER', 'ESCALATED') THEN 'PAUSED'
                       WHEN s.age_hours > s.fr_target * 1.8 THEN 'BREACHED'
                       WHEN s.age_hours > s.fr_target * 1.35 OR s.r_risk < 0.25 THEN 'WARNING'
                       ELSE 'RUNNING' END,
                  CASE WHEN s.entitled THEN s.received_at + interval '24 hours' * 2.6 END,
                  CASE WHEN s.entitled THEN s.received_at + interval '18 hours' * 2.6 END,
                  CASE WHEN NOT s.entitled THEN NULL
                       WHEN s.done THEN CASE WHEN s.res_hours <= 24 THEN 'MET' ELSE 'BREACHED' END
                       WHEN s.status IN ('WAITING_ON_CUSTOMER', 'ESCALATED') THEN 'PAUSED'
                       WHEN s.age_hours > 24 * 2.6 THEN 'BREACHED'
                       WHEN s.age_hours > 18 * 2.6 OR (s.answered AND s.r_risk < 0.15) THEN 'WARNING'
                       ELSE 'RUNNING' END,
                  CASE WHEN s.entitled AND s.done THEN round(s.res_hours * 3600000)::bigint END,
                  CASE WHEN s.status IN ('WAITING_ON_CUSTOMER', 'ESCALATED') THEN s.received_at + s.age_hours * 0.5 * interval '1 hour' END,
                  CASE WHEN s.plan = 'PREMIUM' THEN 0 ELSE 1 END,
                  CASE WHEN s.done OR NOT s.entitled OR s.status IN ('WAITING_ON_CUSTOMER', 'ESCALATED') THEN '9999-12-31T00:00:00Z'::timestamptz
                       WHEN s.answered THEN s.received_at + interval '24 hours' * 2.6
                       ELSE s.received_at + s.fr_target * interval '1 hour' * 1.8 END,
                  CASE WHEN s.done THEN s.resolved_at END,
                  CASE WHEN s.status = 'CLOSED' THEN s.resolved_at + interval '7 days' END,
                  greatest(s.received_at, CASE WHEN s.done THEN s.resolved_at ELSE s.received_at + least(s.age_hours, 30) * interval '1 hour' END),
                  s.received_at, s.received_at
             FROM (
               SELECT r.*, r.plan <> 'NOT_ENTITLED' AS entitled,
                      r.status NOT IN ('NEW') AS answered,
                      r.status IN ('RESOLVED', 'CLOSED') AS done,
                      least(r.received_at + r.res_hours * 2.6 * interval '1 hour', $1::timestamptz - interval '1 minute') AS resolved_at
                 FROM (
                   SELECT x.*,
                          (${categories})[1 + floor(${TICKET_CATEGORIES.length} * power(x.r_cat, 1.8))::int] AS category,
                          (ARRAY['Report totals look wrong', 'Cannot log in after upgrade', 'Labels not counting', 'Export times out', 'Question about campaign tracking', 'Dashboard is slow', 'Licence key not accepted', 'Dataset setup help'])[1 + x.g % 8] || ' (' || x.g || ')' AS subject,
                          CASE WHEN x.r_plan < 0.05 THEN 'NOT_ENTITLED' WHEN x.cn % 10 < 3 THEN 'PREMIUM' ELSE 'STANDARD' END AS plan,
                          CASE WHEN x.cn % 10 < 3 AND x.r_plan >= 0.05 THEN CASE WHEN x.r_desk < 0.6 THEN 'PACIFIC' ELSE 'UK' END
                               WHEN x.cn % 5 < 3 THEN 'PACIFIC' ELSE 'UK' END AS desk,
                          CASE WHEN x.age_hours > 240 THEN
                                 CASE WHEN x.r_status < 0.985 THEN 'CLOSED' WHEN x.r_status < 0.99 THEN 'OPEN' WHEN x.r_status < 0.996 THEN 'WAITING_ON_CUSTOMER' ELSE 'ESCALATED' END
                               ELSE
                                 CASE WHEN x.r_status < 0.15 THEN 'NEW' WHEN x.r_status < 0.40 THEN 'OPEN' WHEN x.r_status < 0.55 THEN 'WAITING_ON_CUSTOMER'
                                      WHEN x.r_status < 0.60 THEN 'ESCALATED' WHEN x.r_status < 0.85 THEN 'RESOLVED' ELSE 'CLOSED' END
                          END AS status
                     FROM (
                       SELECT y.*, extract(epoch FROM $1::timestamptz - y.received_at) / 3600 AS age_hours,
                              CASE WHEN y.cn % 10 < 3 AND y.r_plan >= 0.05 THEN 5.2 * power(y.r_fr, 2) ELSE 12 * power(y.r_fr, 2) END AS fr_hours,
                              0.5 + 40 * power(y.r_res, 2) AS res_hours,
                              CASE WHEN y.cn % 10 < 3 AND y.r_plan >= 0.05 THEN 4 ELSE 9 END AS fr_target
                         FROM (
                           -- Volatile columns: evaluated once per row (a subquery with random() is never pulled up).
                           SELECT g, 1 + floor($3::int * power(random(), 3))::int AS cn,
                                  $1::timestamptz - 730 * 24 * power(random(), 1.25) * interval '1 hour' AS received_at,
                                  random() AS r_plan, random() AS r_desk, random() AS r_status, random() AS r_cat, random() AS r_assign, random() AS r_risk,
                                  random() AS r_fr, random() AS r_res, 1 + floor(random() * 4)::int AS who
                             FROM generate_series($4::int, $2::int) g) y OFFSET 0) x
                 OFFSET 0) r
             OFFSET 0) s`,
          [p.now, to, C, from],
        )
        }),
      )
      await q(`SELECT setval('ticket_number_seq', 1000 + $1::int)`, [T])
    })

    // 1 to 9 messages per ticket (5 on average) and a long conversation of 50 on one ticket in a thousand, customer
    // and staff in turn, every fourth staff message an internal note.
    // Both in parts of the tickets table by page (TID range scans: each part reads only its own pages), so that
    // the sessions can share them; what a ticket gets depends on its number alone, not on the part it is in.
    const PARTS = 2 * sessions.length
    const [{ pages }] = rowsOf(await q(`SELECT (pg_relation_size('tickets') / current_setting('block_size')::int)::int AS pages`))
    const part = (k: number) =>
      `t.ctid >= '(${Math.floor((k * pages) / PARTS)},0)'::tid AND t.ctid < '(${k === PARTS - 1 ? pages + 1 : Math.floor(((k + 1) * pages) / PARTS)},0)'::tid`
    const messages = (k: number) => (session: Queryable) =>
      session.query(
        `INSERT INTO ticket_messages (id, seq, ticket_id, author_kind, author_id, visibility, body, created_at) OVERRIDING SYSTEM VALUE
         SELECT pg_temp.bid(7, t.number * 64 + i), t.number * 64 + i, t.id, CASE WHEN i % 2 = 1 THEN 'CONTACT' ELSE 'STAFF' END,
                CASE WHEN i % 2 = 1 THEN t.requester_id ELSE coalesce(t.assignee_id, pg_temp.bid(5, 1)) END,
                CASE WHEN i % 8 = 0 THEN 'INTERNAL' ELSE 'PUBLIC' END,
                CASE WHEN i = 1 THEN 'Hello, we have a question about ' || t.subject || '. Could you help?'
                     WHEN i % 2 = 1 THEN 'Thanks. We tried that and it still shows the same numbers.'
                     ELSE 'Thanks for the details. Please check the label settings under Reports and let us know.' END,
                t.received_at + (i - 1) * (t.last_message_at - t.received_at) / greatest(1, t.n - 1)
           FROM (SELECT t.*, CASE WHEN ${LONG_CONVERSATION_SQL} THEN ${LONG_CONVERSATION_MESSAGES} ELSE 1 + (t.number % 9)::int END AS n
                   FROM tickets t WHERE ${part(k)}) t
          CROSS JOIN LATERAL generate_series(1, t.n) i`,
      )
    // What intake records for every ticket (received, entitlement, scope), and how each finished ticket ended; in
    // one pass over the tickets, each ticket's events numbered in the order they happened.
    const events = (k: number) => (session: Queryable) =>
      session.query(
        `INSERT INTO ticket_events (id, ticket_id, at, actor_kind, actor_id, kind, summary, data, customer_visible)
         SELECT t.number * 8 + e.n, t.id, e.at, e.actor_kind, e.actor_id, e.kind, e.summary, e.data, true
           FROM tickets t JOIN contacts c ON c.id = t.requester_id
          CROSS JOIN LATERAL (VALUES
            (1, t.received_at, 'CONTACT', t.requester_id, 'CREATED', 'Ticket received from ' || c.name, jsonb_build_object('category', t.category)),
            (2, t.received_at, 'CONTACT', t.requester_id, 'ENTITLEMENT',
             CASE t.plan WHEN 'NOT_ENTITLED' THEN 'Not entitled to support: no response-time target runs' ELSE 'Plan ' || lower(t.plan) END,
             jsonb_build_object('plan', t.plan, 'lane', t.lane)),
            (3, t.received_at, 'CONTACT', t.requester_id, 'SCOPE_DECIDED', t.scope_explanation, jsonb_build_object('scope', t.scope, 'rule', t.scope_rule)),
            (4, t.resolved_at, 'STAFF', coalesce(t.assignee_id, pg_temp.bid(5, 1)), 'STATUS_CHANGED', 'Open → Resolved', '{"from": "OPEN", "to": "RESOLVED"}'::jsonb),
            (5, t.closed_at, 'SYSTEM', NULL, 'STATUS_CHANGED', 'Resolved → Closed (7 days after it was resolved)', '{"from": "RESOLVED", "to": "CLOSED"}'::jsonb)
          ) e (n, at, actor_kind, actor_id, kind, summary, data)
          WHERE e.at IS NOT NULL AND ${part(k)}`,
      )
    await step(sessions.length > 1 ? 'messages and timeline events' : 'messages, timeline events', () =>
      shareOut(Array.from({ length: PARTS }, (_, k) => [messages(k), events(k)]).flat()),
    )

    await step('quotes, time entries', async () => {
      await q(
        `INSERT INTO quotes (number, year, seq, customer_id, ticket_id, purpose, currency, status, valid_until, total_minor, quoted_minutes, created_by, created_at, sent_at, decided_at)
         SELECT 'QB-' || n, extract(year FROM t.received_at)::int, n, t.customer_id, t.id, 'SERVICES', cu.currency,
                (ARRAY['DRAFT', 'SENT', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'])[1 + n % 8],
                (t.received_at + interval '30 days')::date, (2 + n % 14) * CASE cu.currency WHEN 'USD' THEN 15000 ELSE 12000 END,
                (2 + n % 14) * 60, pg_temp.bid(5, 11), t.received_at + interval '1 day',
                CASE WHEN n % 8 <> 0 THEN t.received_at + interval '2 days' END, CASE WHEN n % 8 IN (2, 3, 4, 5) THEN t.received_at + interval '5 days' END
           FROM (SELECT row_number() OVER (ORDER BY t.number) AS n, t.* FROM tickets t WHERE t.scope = 'NEEDS_PROFESSIONAL_SERVICES' ORDER BY t.number LIMIT $1::int) t
           JOIN customers cu ON cu.id = t.customer_id`,
        [Math.max(1, Math.floor(T / 100))],
      )
      await q(
        `INSERT INTO time_entries (quote_id, ticket_id, staff_id, minutes, note, worked_on, created_at)
         SELECT q.id, q.ticket_id, pg_temp.bid(5, 1 + q.seq % 10), 30 + (q.seq * i) % 4 * 30, 'Consulting work', (q.created_at + i * interval '1 day')::date, q.created_at + i * interval '1 day'
           FROM quotes q CROSS JOIN LATERAL generate_series(1, 1 + q.seq % 4) i WHERE q.status = 'ACCEPTED'`,
      )
    })

    await step('indexes', async () => {
      // The explicit message and event numbers above: the sequences go on after them.
      const sequences = [
        ['ticket_messages', 'seq'],
        ['ticket_events', 'id'],
      ].map(([table, column]) => `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), max(${column})) FROM ${table}`)
      await shareOut([...(await deferred.builds()), ...sequences].map((sql) => (session: Queryable) => session.query(sql)))
      await deferred.restoreConstraints()
    })
    if (skippedTriggers) for (const session of sessions) await session.query(`SET session_replication_role = origin`)
    // VACUUM sets the visibility map, as autovacuum would on a live database, so index-only scans need no heap
    // visits (reports read the tickets' covering index alone); the largest tables first, shared out. Messages
    // and timeline events are only ever read through their ticket index: statistics are enough for them.
    await step('vacuum, analyze', async () => {
      const tables: { name: string }[] = rowsOf(
        await q(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC`),
      )
      const analyzeOnly = new Set(['ticket_messages', 'ticket_events'])
      await shareOut(tables.map((table) => (session: Queryable) => session.query(`${analyzeOnly.has(table.name) ? 'ANALYZE' : 'VACUUM ANALYZE'} ${table.name}`)))
    })

    const seconds = (performance.now() - started) / 1000 // the counts below only report what is there
    const counts = rowsOf(
      await q(
        `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM contacts)::int AS contacts,
                (SELECT count(*) FROM contracts)::int AS contracts, (SELECT count(*) FROM tickets)::int AS tickets,
                (SELECT count(*) FROM ticket_messages)::int AS messages, (SELECT count(*) FROM ticket_events)::int AS events,
                (SELECT count(*) FROM quotes)::int AS quotes`,
      ),
    )[0]
    return { ...counts, seconds, steps }
  }
}
