import type { Currency } from '@covered/domain'
import { z } from 'zod'
import type { RequestContext } from '../../context.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import type { DeskCode } from '../../graphql/enums.js'
import { parseInput } from '../../validation.js'

/** At most this long a range: reports stay fast and a range always has an end. */
export const MAX_REPORT_DAYS = 731

const ReportFilterInput = z
  .object({
    from: z.date(),
    to: z.date(),
    desk: z.enum(['PACIFIC', 'UK']).nullish(),
    plan: z.enum(['PREMIUM', 'STANDARD']).nullish(),
    customerId: z.string().nullish(),
  })
  .superRefine((value, issues) => {
    if (value.to.getTime() <= value.from.getTime()) {
      issues.addIssue({ code: 'custom', path: ['to'], message: 'The end of the range must come after its start.' })
    } else if (value.to.getTime() - value.from.getTime() > MAX_REPORT_DAYS * 86_400_000) {
      issues.addIssue({ code: 'custom', path: ['to'], message: `Choose a range of at most ${MAX_REPORT_DAYS} days.` })
    }
  })

export type ReportFilter = z.input<typeof ReportFilterInput>

interface Scope {
  where: string
  params: unknown[]
}

/**
 * The tickets a report covers: received in the range, matching the filters, never NOT_ENTITLED (no target ran),
 * and for a customer only their own. Returns a SQL condition on `t` and its parameters.
 */
function reportScope(ctx: RequestContext, input: ReportFilter): Scope {
  const filter = parseInput(ReportFilterInput, input)
  const params: unknown[] = [filter.from, filter.to]
  const param = (value: unknown) => `$${params.push(value)}`
  const where = [`t.received_at >= $1`, `t.received_at < $2`, `t.plan <> 'NOT_ENTITLED'`]
  const viewer = ctx.viewer
  if (viewer.kind === 'contact') where.push(`t.customer_id = ${param(viewer.customerId)}::uuid`)
  else if (viewer.kind === 'token' && viewer.customerId) where.push(`t.customer_id = ${param(viewer.customerId)}::uuid`)
  else if (viewer.kind !== 'staff' && viewer.kind !== 'token') throw new ForbiddenError('Sign in to see reports.')
  if (filter.customerId) {
    if (!z.uuid().safeParse(filter.customerId).success) throw new ValidationError([{ field: 'customerId', message: 'That customer does not exist.' }])
    where.push(`t.customer_id = ${param(filter.customerId)}::uuid`)
  }
  if (filter.desk) where.push(`t.desk = ${param(filter.desk)}`)
  if (filter.plan) where.push(`t.plan = ${param(filter.plan)}`)
  return { where: where.join(' AND '), params }
}

export interface AttainmentRow {
  month: string
  desk: DeskCode
  plan: 'PREMIUM' | 'STANDARD'
  target: 'FIRST_RESPONSE' | 'RESOLUTION'
  kind: 'GOAL' | 'GUARANTEE'
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
  const scope = reportScope(ctx, input)
  return ctx.db.query(
    `SELECT to_char(date_trunc('month', t.received_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, t.desk, t.plan, x.target, x.kind,
            count(*) FILTER (WHERE x.state = 'MET')::int AS met,
            count(*) FILTER (WHERE x.state = 'BREACHED')::int AS breached,
            count(*) FILTER (WHERE x.state NOT IN ('MET', 'BREACHED'))::int AS open
       FROM tickets t
       CROSS JOIN LATERAL (VALUES
         ('FIRST_RESPONSE', coalesce(t.first_response_kind, 'GOAL'), t.first_response_state),
         ('RESOLUTION', 'GOAL', t.resolution_state)) AS x(target, kind, state)
      WHERE ${scope.where} AND x.state IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, 2, 3, 4`,
    scope.params,
  )
}

export interface DistributionBucket {
  target: 'FIRST_RESPONSE' | 'RESOLUTION'
  /** Lower bound of the bucket in business hours (the last bucket is open-ended). */
  fromHours: number
  toHours: number | null
  count: number
}

const BUCKETS = [0, 1, 2, 4, 8, 24, 48] as const

/** How long first responses and resolutions took, in business hours (pauses excluded), bucketed in SQL. */
export async function distributions(ctx: RequestContext, input: ReportFilter): Promise<DistributionBucket[]> {
  const scope = reportScope(ctx, input)
  const edges = BUCKETS.map((hours) => hours * 3_600_000)
  const rows: { target: 'FIRST_RESPONSE' | 'RESOLUTION'; bucket: number; count: number }[] = await ctx.db.query(
    `SELECT x.target, width_bucket(x.ms, ARRAY[${edges.join(', ')}]::bigint[]) AS bucket, count(*)::int AS count
       FROM tickets t
       CROSS JOIN LATERAL (VALUES ('FIRST_RESPONSE', t.first_response_business_ms), ('RESOLUTION', t.resolution_business_ms)) AS x(target, ms)
      WHERE ${scope.where} AND x.ms IS NOT NULL
      GROUP BY 1, 2`,
    scope.params,
  )
  const result: DistributionBucket[] = []
  for (const target of ['FIRST_RESPONSE', 'RESOLUTION'] as const) {
    BUCKETS.forEach((from, i) => {
      const row = rows.find((r) => r.target === target && r.bucket === i + 1)
      result.push({ target, fromHours: from, toHours: BUCKETS[i + 1] ?? null, count: row?.count ?? 0 })
    })
  }
  return result
}

export interface BacklogRow {
  status: string
  desk: DeskCode
  age: '<1d' | '1-3d' | '3-7d' | '>7d'
  count: number
}

/** Open tickets now (not in the date range), by status, desk and age since receipt. */
export async function backlog(ctx: RequestContext, input: Pick<ReportFilter, 'desk' | 'plan'>): Promise<BacklogRow[]> {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff see the backlog.')
  const params: unknown[] = [ctx.now()]
  const where = [`t.status NOT IN ('RESOLVED', 'CLOSED')`]
  if (input.desk) where.push(`t.desk = $${params.push(input.desk)}`)
  if (input.plan) where.push(`t.plan = $${params.push(input.plan)}`)
  return ctx.db.query(
    `SELECT t.status, t.desk,
            CASE WHEN $1::timestamptz - t.received_at < interval '1 day' THEN '<1d'
                 WHEN $1::timestamptz - t.received_at < interval '3 days' THEN '1-3d'
                 WHEN $1::timestamptz - t.received_at < interval '7 days' THEN '3-7d'
                 ELSE '>7d' END AS age,
            count(*)::int AS count
       FROM tickets t WHERE ${where.join(' AND ')}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    params,
  )
}

export interface ScopeMixRow {
  category: string
  scope: string
  count: number
}

/** Tickets received in the range by category and scope decision (how much needs Professional Services). */
export async function scopeMix(ctx: RequestContext, input: ReportFilter): Promise<ScopeMixRow[]> {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff see the scope mix.')
  const scope = reportScope(ctx, input)
  return ctx.db.query(
    `SELECT t.category, t.scope, count(*)::int AS count FROM tickets t WHERE ${scope.where} GROUP BY 1, 2 ORDER BY 1, 2`,
    scope.params,
  )
}

export interface QuotePipelineRow {
  status: string
  currency: Currency
  count: number
  totalMinor: number
  quotedMinutes: number
  loggedMinutes: number
}

/** Quotes created in the range by status, with totals per currency and delivered against quoted time. */
export async function quotePipeline(ctx: RequestContext, input: Pick<ReportFilter, 'from' | 'to'>): Promise<QuotePipelineRow[]> {
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff see the services pipeline.')
  const { from, to } = parseInput(ReportFilterInput, input)
  const rows: { status: string; currency: Currency; count: number; total_minor: string; quoted_minutes: string; logged_minutes: string }[] = await ctx.db.query(
    `SELECT q.status, q.currency, count(*)::int AS count, coalesce(sum(q.total_minor), 0) AS total_minor,
            coalesce(sum(q.quoted_minutes), 0) AS quoted_minutes,
            coalesce(sum((SELECT sum(e.minutes) FROM time_entries e WHERE e.quote_id = q.id)), 0) AS logged_minutes
       FROM quotes q WHERE q.created_at >= $1 AND q.created_at < $2
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [from, to],
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
