import { DEFAULT_CONTRACT_RATES, type Currency } from '@covered/domain'
import { z } from 'zod'
import type { RequestContext } from '../../context.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { DESKS, type DeskCode } from '../../graphql/enums.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { todayAtDesk } from '../customers/today.js'
import { ticketVisibilitySql } from '../tickets/access.js'

/**
 * Reports for managers (staff) and for customers (their own organisation). Every figure is counted, summed or
 * ranked by PostgreSQL in one statement per query: no rows are loaded into the server to be counted.
 */

/** At most this long a range: reports stay fast and a range always has an end. */
export const MAX_REPORT_DAYS = 731

const DeskInput = z.enum(DESKS, { message: 'Choose the PACIFIC or UK desk.' })
const PlanInput = z.enum(['PREMIUM', 'STANDARD'], { message: 'Choose the PREMIUM or STANDARD plan; not-entitled tickets are never reported.' })

const ReportFilterInput = z
  .object({
    from: z.date({ message: 'Choose where the range starts.' }),
    to: z.date({ message: 'Choose where the range ends: a report covers a bounded range.' }),
    desk: DeskInput.nullish(),
    plan: PlanInput.nullish(),
    customerId: z.string().nullish(),
  })
  .superRefine((value, issues) => {
    if (Number.isNaN(value.from.getTime()) || Number.isNaN(value.to.getTime())) return
    if (value.to.getTime() <= value.from.getTime()) {
      issues.addIssue({ code: 'custom', path: ['to'], message: 'The end of the range must come after its start.' })
    } else if (value.to.getTime() - value.from.getTime() > MAX_REPORT_DAYS * 86_400_000) {
      issues.addIssue({ code: 'custom', path: ['to'], message: `Choose a range of at most ${MAX_REPORT_DAYS} days.` })
    }
  })

const NowFilterInput = z.object({ desk: DeskInput.nullish(), plan: PlanInput.nullish(), customerId: z.string().nullish() })

export type ReportFilter = z.input<typeof ReportFilterInput>
/** Filters of the "now" reports (backlog, at risk, renewals): no date range, they look at today. */
export type NowFilter = z.input<typeof NowFilterInput>

const UNKNOWN_CUSTOMER = 'That customer does not exist.'

/**
 * The customer a report is limited to. A contact (or a token bound to a customer) always gets their own
 * organisation; asking for another one is answered exactly as a customer that does not exist. Staff may
 * name any existing customer.
 */
async function customerOf(ctx: RequestContext, requested: string | null | undefined): Promise<string | null> {
  const viewer = ctx.viewer
  const own = viewer.kind === 'contact' ? viewer.customerId : viewer.kind === 'token' ? viewer.customerId : null
  if (viewer.kind !== 'staff' && viewer.kind !== 'contact' && viewer.kind !== 'token') throw new ForbiddenError('Sign in to see reports.')
  if (requested) {
    if (!z.uuid().safeParse(requested).success || (own !== null && requested !== own)) {
      throw new ValidationError([{ field: 'customerId', message: UNKNOWN_CUSTOMER }])
    }
    if (own === null) {
      const [found]: unknown[] = await ctx.db.query('SELECT 1 FROM customers WHERE id = $1', [requested])
      if (!found) throw new ValidationError([{ field: 'customerId', message: UNKNOWN_CUSTOMER }])
    }
    return requested
  }
  return own
}

function requireStaff(ctx: RequestContext, what: string): void {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError(`Only staff see ${what}.`)
}

/**
 * Runs one report statement with settings for reading many rows at once: no JIT compilation (it costs more than
 * it saves on statements of this size) and enough memory to sort a range in memory. SET LOCAL: they end with the
 * statement's own transaction and never leak to the next request on the connection.
 */
async function reportQuery<T>(ctx: RequestContext, sql: string, params: unknown[]): Promise<T[]> {
  return ctx.db.transaction(async (manager) => {
    await manager.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`)
    return manager.query(sql, params)
  })
}

interface Scope {
  where: string
  params: unknown[]
  param(value: unknown): string
}

function scopeBuilder(): Scope {
  const scope: Scope = {
    where: '',
    params: [],
    param: (value) => `$${scope.params.push(value)}`,
  }
  return scope
}

/**
 * The tickets a dated report covers: received in the range, matching the filters, never NOT_ENTITLED (no target
 * ran), and for a contact only the tickets they may see. A SQL condition on `t` and its parameters.
 */
async function reportScope(ctx: RequestContext, input: ReportFilter): Promise<Scope & { from: Date; to: Date }> {
  const filter = parseInput(ReportFilterInput, input)
  const customerId = await customerOf(ctx, filter.customerId)
  const scope = scopeBuilder()
  const where = [`t.received_at >= ${scope.param(filter.from)}`, `t.received_at < ${scope.param(filter.to)}`, `t.plan <> 'NOT_ENTITLED'`]
  // A contact's figures cover the tickets they may see: all of the organisation's for a key contact, else their own.
  const visible = ticketVisibilitySql(ctx.viewer, scope.param)
  if (visible !== 'TRUE') where.push(visible)
  if (customerId) where.push(`t.customer_id = ${scope.param(customerId)}::uuid`)
  if (filter.desk) where.push(`t.desk = ${scope.param(filter.desk)}`)
  if (filter.plan) where.push(`t.plan = ${scope.param(filter.plan)}`)
  scope.where = where.join(' AND ')
  return { ...scope, from: filter.from, to: filter.to }
}

type Target = 'FIRST_RESPONSE' | 'RESOLUTION'
type TargetKind = 'GOAL' | 'GUARANTEE'

/** The month of receipt (UTC); statistics on this very expression (migration ReportingIndexes) guide the planner. */
const MONTH = `date_trunc('month', t.received_at AT TIME ZONE 'UTC')`

export interface AttainmentRow {
  month: string
  desk: DeskCode
  plan: 'PREMIUM' | 'STANDARD'
  target: Target
  kind: TargetKind
  met: number
  breached: number
  /** Still running, paused or warned: not yet decided. */
  open: number
}

/**
 * Met and breached targets per month (UTC, by receipt), desk, plan and target; the premium first response is a
 * GUARANTEE and is reported apart from the goals. Counted in SQL.
 */
export async function attainment(ctx: RequestContext, input: ReportFilter): Promise<AttainmentRow[]> {
  const scope = await reportScope(ctx, input)
  // One pass counts both targets per group (a hash aggregate); the two targets become rows afterwards.
  return reportQuery(
    ctx,
    `SELECT to_char(g.m, 'YYYY-MM') AS month, g.desk, g.plan, x.target, x.kind, x.met::int, x.breached::int, x.open::int
       FROM (SELECT ${MONTH} AS m, t.desk, t.plan, coalesce(t.first_response_kind, 'GOAL') AS k,
                    count(*) FILTER (WHERE t.first_response_state = 'MET') AS fr_met,
                    count(*) FILTER (WHERE t.first_response_state = 'BREACHED') AS fr_breached,
                    count(*) FILTER (WHERE t.first_response_state NOT IN ('MET', 'BREACHED')) AS fr_open,
                    count(t.first_response_state) AS fr_any,
                    count(*) FILTER (WHERE t.resolution_state = 'MET') AS res_met,
                    count(*) FILTER (WHERE t.resolution_state = 'BREACHED') AS res_breached,
                    count(*) FILTER (WHERE t.resolution_state NOT IN ('MET', 'BREACHED')) AS res_open,
                    count(t.resolution_state) AS res_any
               FROM tickets t WHERE ${scope.where}
              GROUP BY 1, 2, 3, 4) g
      CROSS JOIN LATERAL (VALUES
        ('FIRST_RESPONSE', g.k, g.fr_met, g.fr_breached, g.fr_open, g.fr_any),
        ('RESOLUTION', 'GOAL', g.res_met, g.res_breached, g.res_open, g.res_any)) AS x(target, kind, met, breached, open, n)
      WHERE x.n > 0
      ORDER BY 1, 2, 3, 4`,
    scope.params,
  )
}

export interface SlaSummaryRow {
  /** YYYY-MM (UTC, by receipt); null on the rows for the whole range (the only ones with percentiles). */
  month: string | null
  target: Target
  kind: TargetKind
  met: number
  breached: number
  open: number
  /** Targets with a measured time (answered or resolved). */
  measured: number
  medianMs: number | null
  p90Ms: number | null
}

export interface SlaSummary {
  byMonth: SlaSummaryRow[]
  overall: SlaSummaryRow[]
}

/**
 * Attainment per month and over the whole range, per target and kind (the guarantee apart from the goals), and the
 * business time taken over the whole range (median and 90th percentile, pauses excluded), in one statement.
 * (Percentiles per month would need a sort per month and target on top: on two years of 200,000 tickets that
 * doubled the time.)
 */
export async function slaSummary(ctx: RequestContext, input: ReportFilter): Promise<SlaSummary> {
  const scope = await reportScope(ctx, input)
  const counts = (prefix: string, state: string, ms: string) => `
              count(*) FILTER (WHERE ${state} = 'MET') AS ${prefix}_met,
              count(*) FILTER (WHERE ${state} = 'BREACHED') AS ${prefix}_breached,
              count(*) FILTER (WHERE ${state} NOT IN ('MET', 'BREACHED')) AS ${prefix}_open,
              count(${ms}) AS ${prefix}_measured,
              count(${state}) AS ${prefix}_any`
  const sums = (prefix: string) => ['met', 'breached', 'open', 'measured', 'any'].map((c) => `sum(${prefix}_${c})::int AS ${prefix}_${c}`).join(', ')
  const percentiles = (ms: string, where = '') => `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${ms})${where ? ` FILTER (WHERE ${where})` : ''}`
  const rows: (Omit<SlaSummaryRow, 'medianMs' | 'p90Ms'> & { median_ms: number | null; p90_ms: number | null })[] = await reportQuery(
    ctx,
    // Counted once per ticket into (month, kind) groups in a hash table, then rolled up over those few groups;
    // the percentiles of the whole range from one more pass.
    `WITH grouped AS (
       SELECT ${MONTH} AS m, coalesce(t.first_response_kind, 'GOAL') AS k,
              ${counts('fr', 't.first_response_state', 't.first_response_business_ms')},
              ${counts('res', 't.resolution_state', 't.resolution_business_ms')}
         FROM tickets t WHERE ${scope.where}
        GROUP BY 1, 2),
     rolled AS (
       SELECT m, k, GROUPING(m, k) AS level, ${sums('fr')}, ${sums('res')}
         FROM grouped GROUP BY GROUPING SETS ((m, k), (k), (m), ())),
     p AS (
       SELECT x.target, x.kind, x.pct
         FROM (SELECT ${percentiles('t.first_response_business_ms', `t.first_response_kind IS DISTINCT FROM 'GUARANTEE'`)} AS goal,
                      ${percentiles('t.first_response_business_ms', `t.first_response_kind = 'GUARANTEE'`)} AS guarantee,
                      ${percentiles('t.resolution_business_ms')} AS resolution
                 FROM tickets t WHERE ${scope.where}) o
        CROSS JOIN LATERAL (VALUES ('FIRST_RESPONSE', 'GOAL', o.goal), ('FIRST_RESPONSE', 'GUARANTEE', o.guarantee), ('RESOLUTION', 'GOAL', o.resolution))
              AS x(target, kind, pct))
     SELECT to_char(x.m, 'YYYY-MM') AS month, x.target, x.kind, x.met, x.breached, x.open, x.measured,
            round(p.pct[1])::float8 AS median_ms, round(p.pct[2])::float8 AS p90_ms
       FROM (SELECT CASE WHEN level = 0 THEN m END AS m, 'FIRST_RESPONSE' AS target, k AS kind,
                    fr_met AS met, fr_breached AS breached, fr_open AS open, fr_measured AS measured
               FROM rolled WHERE level IN (0, 2) AND fr_any > 0
             UNION ALL
             SELECT CASE WHEN level = 1 THEN m END, 'RESOLUTION', 'GOAL', res_met, res_breached, res_open, res_measured
               FROM rolled WHERE level IN (1, 3) AND res_any > 0) x
       LEFT JOIN p ON x.m IS NULL AND p.target = x.target AND p.kind = x.kind
      ORDER BY 1 NULLS FIRST, 2, 3`,
    scope.params,
  )
  const all = rows.map(({ median_ms, p90_ms, ...row }) => ({ ...row, medianMs: median_ms, p90Ms: p90_ms }))
  return { byMonth: all.filter((row) => row.month !== null), overall: all.filter((row) => row.month === null) }
}

export interface DistributionBucket {
  target: Target
  /** Lower bound of the bucket in business hours (the last bucket is open-ended). */
  fromHours: number
  toHours: number | null
  count: number
}

export const BUCKET_HOURS = [0, 1, 2, 4, 8, 24, 48] as const

/** How long first responses and resolutions took, in business hours (pauses excluded), bucketed in SQL. */
export async function distributions(ctx: RequestContext, input: ReportFilter): Promise<DistributionBucket[]> {
  const scope = await reportScope(ctx, input)
  // One pass with a filtered count per bucket and target (no grouping, so it runs in parallel); every bucket comes
  // back, empty ones with 0.
  const buckets = BUCKET_HOURS.map((from, i) => ({ from, to: BUCKET_HOURS[i + 1] ?? null }))
  const counts = (ms: string) =>
    buckets.map(({ from, to }) => `count(*) FILTER (WHERE ${ms} >= ${from * 3_600_000}${to === null ? '' : ` AND ${ms} < ${to * 3_600_000}`})::int`)
  const [row] = await reportQuery<{ counts: number[] }>(
    ctx,
    `SELECT ARRAY[${[...counts('t.first_response_business_ms'), ...counts('t.resolution_business_ms')].join(', ')}] AS counts
       FROM tickets t WHERE ${scope.where}`,
    scope.params,
  )
  return (['FIRST_RESPONSE', 'RESOLUTION'] as const).flatMap((target, t) =>
    buckets.map(({ from, to }, i) => ({ target, fromHours: from, toHours: to, count: row?.counts[t * buckets.length + i] ?? 0 })),
  )
}

export const BACKLOG_AGES = ['<1d', '1-3d', '3-7d', '>7d'] as const

export interface BacklogRow {
  status: string
  /** Null on the rows for both desks together. */
  desk: DeskCode | null
  age: (typeof BACKLOG_AGES)[number]
  count: number
}

/** Filters of the "now" reports as a SQL condition on `t` (tickets). */
async function nowScope(ctx: RequestContext, input: NowFilter, what: string): Promise<Scope> {
  requireStaff(ctx, what)
  const filter = parseInput(NowFilterInput, input)
  const customerId = await customerOf(ctx, filter.customerId)
  const scope = scopeBuilder()
  const where = [`t.status NOT IN ('RESOLVED', 'CLOSED')`]
  if (customerId) where.push(`t.customer_id = ${scope.param(customerId)}::uuid`)
  if (filter.desk) where.push(`t.desk = ${scope.param(filter.desk)}`)
  if (filter.plan) where.push(`t.plan = ${scope.param(filter.plan)}`)
  scope.where = where.join(' AND ')
  return scope
}

/**
 * Open tickets now (not in the date range), by status, desk and age since receipt, and by status and age over both
 * desks (desk null), in one statement. Not-entitled tickets are open work too, so they count here.
 */
export async function backlog(ctx: RequestContext, input: NowFilter): Promise<BacklogRow[]> {
  const scope = await nowScope(ctx, input, 'the backlog')
  const now = scope.param(ctx.now())
  return reportQuery(
    ctx,
    `SELECT t.status, t.desk,
            CASE WHEN ${now}::timestamptz - t.received_at < interval '1 day' THEN '<1d'
                 WHEN ${now}::timestamptz - t.received_at < interval '3 days' THEN '1-3d'
                 WHEN ${now}::timestamptz - t.received_at < interval '7 days' THEN '3-7d'
                 ELSE '>7d' END AS age,
            count(*)::int AS count
       FROM tickets t WHERE ${scope.where}
      GROUP BY GROUPING SETS ((1, 2, 3), (1, 3))
      ORDER BY 1, 2 NULLS LAST, 3`,
    scope.params,
  )
}

export interface AtRiskItem {
  ticketId: string
  target: Target
  kind: TargetKind
  dueAt: Date
}

export interface AtRisk {
  /** Open tickets with a target past 75% of its time and not yet breached. */
  count: number
  /** Open tickets with a target already breached. */
  breached: number
  /** The soonest due first, at most `limit`. */
  items: AtRiskItem[]
}

/** Tickets at risk of breaching now: a running target past its warning point, the soonest due first. */
export async function ticketsAtRisk(ctx: RequestContext, input: NowFilter & { limit?: number | null }): Promise<AtRisk> {
  const scope = await nowScope(ctx, input, 'tickets at risk')
  const limit = input.limit ?? 10
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new ValidationError([{ field: 'limit', message: 'Ask for between 1 and 50 tickets.' }])
  const [row]: [{ count: number; breached: number; items: { ticketId: string; target: Target; kind: TargetKind; dueAt: string }[] }] = await ctx.db.query(
    `WITH open AS (
       SELECT t.id, t.first_response_kind, t.first_response_state, t.first_response_due_at, t.resolution_state, t.resolution_due_at
         FROM tickets t WHERE ${scope.where}),
     warned AS (
       SELECT DISTINCT ON (o.id) o.id, x.target, x.kind, x.due_at
         FROM open o
        CROSS JOIN LATERAL (VALUES
          ('FIRST_RESPONSE', coalesce(o.first_response_kind, 'GOAL'), o.first_response_state, o.first_response_due_at),
          ('RESOLUTION', 'GOAL', o.resolution_state, o.resolution_due_at)) AS x(target, kind, state, due_at)
        WHERE x.state = 'WARNING'
        ORDER BY o.id, x.due_at)
     SELECT (SELECT count(*)::int FROM warned) AS count,
            (SELECT count(*)::int FROM open WHERE first_response_state = 'BREACHED' OR resolution_state = 'BREACHED') AS breached,
            (SELECT coalesce(json_agg(json_build_object('ticketId', w.id, 'target', w.target, 'kind', w.kind, 'dueAt', w.due_at) ORDER BY w.due_at, w.id), '[]'::json)
               FROM (SELECT * FROM warned ORDER BY due_at, id LIMIT ${scope.param(limit)}) w) AS items`,
    scope.params,
  )
  return { count: row.count, breached: row.breached, items: row.items.map((item) => ({ ...item, dueAt: new Date(item.dueAt) })) }
}

export interface ScopeMixRow {
  /** Null on the row for every category together. */
  category: string | null
  inScope: number
  needsProfessionalServices: number
  needsReview: number
  total: number
}

/**
 * Tickets received in the range by category and scope decision (how much needs Professional Services), most
 * asked first, and the same for all categories together (category null), in one statement.
 */
export async function scopeMix(ctx: RequestContext, input: ReportFilter): Promise<{ rows: ScopeMixRow[]; total: ScopeMixRow }> {
  requireStaff(ctx, 'the scope mix')
  const scope = await reportScope(ctx, input)
  const rows: ScopeMixRow[] = await reportQuery(
    ctx,
    `SELECT t.category,
            count(*) FILTER (WHERE t.scope = 'IN_SCOPE')::int AS "inScope",
            count(*) FILTER (WHERE t.scope = 'NEEDS_PROFESSIONAL_SERVICES')::int AS "needsProfessionalServices",
            count(*) FILTER (WHERE t.scope = 'NEEDS_REVIEW')::int AS "needsReview",
            count(*)::int AS total
       FROM tickets t WHERE ${scope.where}
      GROUP BY GROUPING SETS ((t.category), ())
      ORDER BY (t.category IS NULL) DESC, total DESC, t.category`,
    scope.params,
  )
  const total = rows.find((row) => row.category === null) ?? { category: null, inScope: 0, needsProfessionalServices: 0, needsReview: 0, total: 0 }
  return { rows: rows.filter((row) => row.category !== null), total }
}

export interface QuotePipelineRow {
  status: string
  currency: Currency
  count: number
  totalMinor: number
  quotedMinutes: number
  loggedMinutes: number
}

/**
 * Quotes created in the range by status, with totals per currency and delivered against quoted time. Desk is the
 * customer's home desk; the plan does not apply to quotes.
 */
export async function quotePipeline(ctx: RequestContext, input: ReportFilter): Promise<QuotePipelineRow[]> {
  requireStaff(ctx, 'the services pipeline')
  const filter = parseInput(ReportFilterInput, input)
  const customerId = await customerOf(ctx, filter.customerId)
  const scope = scopeBuilder()
  const where = [`q.created_at >= ${scope.param(filter.from)}`, `q.created_at < ${scope.param(filter.to)}`]
  if (customerId) where.push(`q.customer_id = ${scope.param(customerId)}::uuid`)
  if (filter.desk) where.push(`EXISTS (SELECT 1 FROM customers cu WHERE cu.id = q.customer_id AND cu.home_desk = ${scope.param(filter.desk)})`)
  const rows: { status: string; currency: Currency; count: number; total_minor: string; quoted_minutes: string; logged_minutes: string }[] = await ctx.db.query(
    `SELECT q.status, q.currency, count(*)::int AS count, coalesce(sum(q.total_minor), 0) AS total_minor,
            coalesce(sum(q.quoted_minutes), 0) AS quoted_minutes, coalesce(sum(e.minutes), 0) AS logged_minutes
       FROM quotes q
       LEFT JOIN (SELECT quote_id, sum(minutes) AS minutes FROM time_entries GROUP BY quote_id) e ON e.quote_id = q.id
      WHERE ${where.join(' AND ')}
      GROUP BY 1, 2
      ORDER BY array_position(ARRAY['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'], q.status), 2`,
    scope.params,
  )
  return rows.map((row) => ({
    status: row.status,
    currency: row.currency,
    count: row.count,
    totalMinor: Number(row.total_minor),
    quotedMinutes: Number(row.quoted_minutes),
    loggedMinutes: Number(row.logged_minutes),
  }))
}

export const RENEWAL_WINDOWS = [30, 60, 90] as const

export interface RenewalOutlookRow {
  /** Contracts whose cover ends within this many days from today (at the customer's desk): 30, 60 or 90. */
  withinDays: number
  currency: Currency
  count: number
  /** What renewing them costs: each contract's rate of its current license price, as a renewal would price it. */
  valueMinor: number
}

/**
 * Renewals due within 30, 60 and 90 days (each window includes the shorter ones), with their count and value per
 * currency: the same contracts as `renewalsDue` (last term neither renewed nor cancelled), counted and summed in
 * SQL. The plan filter maps to the contract kind (PREMIUM: premium support, STANDARD: maintenance).
 */
export async function renewalsOutlook(ctx: RequestContext, input: NowFilter): Promise<RenewalOutlookRow[]> {
  requireStaff(ctx, 'renewals due')
  const filter = parseInput(NowFilterInput, input)
  const customerId = await customerOf(ctx, filter.customerId)
  const scope = scopeBuilder()
  const longest = RENEWAL_WINDOWS.at(-1)!
  const today = (desk: DeskCode) => scope.param(todayAtDesk(ctx, desk))
  const where = [
    `t.cancelled_on IS NULL`,
    `NOT EXISTS (SELECT 1 FROM contract_terms later WHERE later.contract_id = t.contract_id AND later.start_date > t.start_date)`,
  ]
  // Each desk has its own today; the window starts there.
  const deskToday = `CASE cu.home_desk ${DESKS.map((desk) => `WHEN '${desk}' THEN ${today(desk)}::date`).join(' ')} END`
  where.push(`t.end_date BETWEEN ${deskToday} AND ${deskToday} + ${longest}`)
  // The same window over both desks' todays, so the end-date index finds the candidates.
  const todays = DESKS.map((desk) => todayAtDesk(ctx, desk)).sort()
  where.push(`t.end_date BETWEEN ${scope.param(todays[0])}::date AND ${scope.param(todays.at(-1))}::date + ${longest}`)
  if (customerId) where.push(`c.customer_id = ${scope.param(customerId)}::uuid`)
  if (filter.desk) where.push(`cu.home_desk = ${scope.param(filter.desk)}`)
  if (filter.plan) where.push(`c.kind = ${scope.param(filter.plan === 'PREMIUM' ? 'PREMIUM_SUPPORT' : 'MAINTENANCE')}`)
  // The renewal is priced on the license the contract follows (after upgrades, the newest replacement).
  const rate = (kind: 'MAINTENANCE' | 'PREMIUM_SUPPORT') => scope.param(DEFAULT_CONTRACT_RATES[kind])
  const rows: { within_days: number; currency: Currency; count: number; value_minor: string }[] = await ctx.db.query(
    `WITH RECURSIVE due AS (
       SELECT c.id, c.kind, c.license_id, t.end_date - ${deskToday} AS days_left
         FROM contract_terms t
         JOIN contracts c ON c.id = t.contract_id
         JOIN customers cu ON cu.id = c.customer_id
        WHERE ${where.join(' AND ')}),
     chain AS (
       SELECT d.id AS contract_id, l.id, l.replaced_by_id, l.price_minor, l.currency, 0 AS hops
         FROM due d JOIN licenses l ON l.id = d.license_id
       UNION ALL
       SELECT chain.contract_id, l.id, l.replaced_by_id, l.price_minor, l.currency, chain.hops + 1
         FROM chain JOIN licenses l ON l.id = chain.replaced_by_id WHERE chain.hops < 50),
     priced AS (
       SELECT d.days_left, ch.currency,
              -- Percent of the price, rounded half away from zero to the minor unit (prices are never negative).
              floor(ch.price_minor * CASE d.kind WHEN 'PREMIUM_SUPPORT' THEN ${rate('PREMIUM_SUPPORT')}::numeric ELSE ${rate('MAINTENANCE')}::numeric END / 100 + 0.5) AS fee
         FROM due d JOIN chain ch ON ch.contract_id = d.id AND ch.replaced_by_id IS NULL)
     SELECT w.days AS within_days, p.currency, count(*)::int AS count, sum(p.fee) AS value_minor
       FROM unnest(ARRAY[${RENEWAL_WINDOWS.join(', ')}]::int[]) AS w(days)
       JOIN priced p ON p.days_left <= w.days
      GROUP BY 1, 2 ORDER BY 1, 2`,
    scope.params,
  )
  return rows.map((row) => ({ withinDays: row.within_days, currency: row.currency, count: row.count, valueMinor: Number(row.value_minor) }))
}

export interface ReportTicketRow {
  id: string
  number: string
  received_at: Date
  first_response_business_ms: string | null
  resolution_business_ms: string | null
}

/**
 * The tickets a dated report counts, newest first, a keyset page at a time, with the business time each target
 * took: what a customer checks against their targets.
 */
export async function reportTickets(ctx: RequestContext, input: ReportFilter & PageArgs): Promise<Connection<ReportTicketRow>> {
  const scope = await reportScope(ctx, input)
  if (input.last != null || input.before != null) {
    throw new ValidationError([{ field: 'last', message: 'Report tickets page forwards only: use first and after.' }])
  }
  const page = pageRequest(input)
  let where = scope.where
  if (page.after) {
    const [at, number] = decodeCursor(page.after, 2)
    where += ` AND (t.received_at, t.number) < (${scope.param(String(at))}::timestamptz, ${scope.param(String(number))}::bigint)`
  }
  const rows: ReportTicketRow[] = await ctx.db.query(
    `SELECT t.id, t.number, t.received_at, t.first_response_business_ms, t.resolution_business_ms
       FROM tickets t WHERE ${where}
      ORDER BY t.received_at DESC, t.number DESC LIMIT ${scope.param(page.limit + 1)}`,
    scope.params,
  )
  return toConnection(rows, page, (row) => encodeCursor([new Date(row.received_at).toISOString(), String(row.number)]))
}
