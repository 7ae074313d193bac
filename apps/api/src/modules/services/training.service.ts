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
}

export async function listTrainingModules(ctx: RequestContext): Promise<TrainingModuleRow[]> {
  return ctx.db.query('SELECT id, name, description, duration_minutes, price_usd_minor, price_gbp_minor FROM training_modules WHERE active ORDER BY name')
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
