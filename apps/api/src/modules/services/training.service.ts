import { z } from 'zod'
import type { RequestContext } from '../../context.js'
import { DESKS, type DeskCode } from '../../graphql/enums.js'
import { calendarForPlan } from '../sla/sla.service.js'

export interface TrainingModuleRow {
  id: string
  name: string
  description: string
  duration_minutes: number
  price_usd_minor: string
  price_gbp_minor: string
  active: boolean
  version: number
  updated_at: Date
}

export const SELECT_TRAINING_MODULE =
  'SELECT id, name, description, duration_minutes, price_usd_minor, price_gbp_minor, active, version, updated_at FROM training_modules'

/** The modules on offer (active), by name. */
export async function listTrainingModules(ctx: RequestContext, options: { includeRetired?: boolean } = {}): Promise<TrainingModuleRow[]> {
  return ctx.db.query(`${SELECT_TRAINING_MODULE} ${options.includeRetired ? '' : 'WHERE active '}ORDER BY name, id`)
}

/** Modules by id, retired ones too (a quote line keeps the module it was priced from). */
export async function loadTrainingModules(ctx: RequestContext, ids: readonly string[]): Promise<(TrainingModuleRow | null)[]> {
  const wanted = ids.filter((id) => z.uuid().safeParse(id).success)
  const rows: TrainingModuleRow[] = wanted.length ? await ctx.db.query(`${SELECT_TRAINING_MODULE} WHERE id = ANY($1::uuid[])`, [wanted]) : []
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id) ?? null)
}

export interface DemoSession {
  desk: DeskCode
  startsAt: Date
  endsAt: Date
}

/** The free Daily Demo: one hour, an hour after each desk opens, on every day that desk is open. */
export async function dailyDemoSessions(ctx: RequestContext, days: number): Promise<DemoSession[]> {
  const sessions: DemoSession[] = []
  const now = ctx.now().getTime()
  const until = now + Math.min(Math.max(days, 1), 31) * 86_400_000
  for (const desk of DESKS) {
    const calendar = await calendarForPlan(ctx, 'STANDARD', desk)
    for (const stretch of calendar.openStretches(now - 86_400_000, until)) {
      const start = stretch.start + 3_600_000
      if (start >= now && start + 3_600_000 <= stretch.end) sessions.push({ desk, startsAt: new Date(start), endsAt: new Date(start + 3_600_000) })
    }
  }
  return sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}
