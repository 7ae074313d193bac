import { breachTarget, transition, warnTarget, type TargetName } from '@covered/domain'
import type { DataSource, EntityManager } from 'typeorm'
import type { Logger } from '../../logger.js'
import { expireQuotes } from '../services/quotes.service.js'
import type { JobKind } from './jobs.js'
import { publishTicketChanged, type TicketChanged } from './pubsub.js'
import { clockColumns, clocksOf, SELECT_TICKET, type TicketRow } from './ticket.record.js'
import { updateTicket } from './tickets.queries.js'
import { recordTimeline } from './timeline.js'
import { emitTicketEvent } from '../events/ticket-events.js'
import { raiseReminders } from '../events/reminders.js'

const TARGET_OF: Record<Exclude<JobKind, 'AUTO_CLOSE'>, TargetName> = {
  FIRST_RESPONSE_WARNING: 'firstResponse',
  FIRST_RESPONSE_BREACH: 'firstResponse',
  RESOLUTION_WARNING: 'resolution',
  RESOLUTION_BREACH: 'resolution',
}

const TARGET_WORDS: Record<TargetName, string> = { firstResponse: 'first response', resolution: 'resolution' }

/**
 * Does one job on its ticket, already locked; returns what subscribers should hear, if anything changed.
 * The ticket's other jobs stay as they are: a warning or breach moves no other due time, and a job whose
 * target has since been met or moved finds nothing to do.
 */
async function runJob(manager: EntityManager, row: TicketRow, job: { kind: JobKind; due_at: Date }): Promise<TicketChanged | null> {
  const at = new Date(job.due_at)
  if (job.kind === 'AUTO_CLOSE') {
    const result = transition({ status: row.status, hasPublicStaffReply: row.has_public_staff_reply, resolvedAt: row.resolved_at }, { type: 'AUTO_CLOSE' }, at)
    if (!result.ok || !result.changed) return null
    await updateTicket(manager, row.id, { status: 'CLOSED', closed_at: at }, at)
    await recordTimeline(manager, row.id, 'SYSTEM', at, [
      { kind: 'STATUS_CHANGED', summary: 'Resolved → Closed (7 days after it was resolved)', data: { from: 'RESOLVED', to: 'CLOSED' } },
    ])
    await emitTicketEvent(manager, 'SYSTEM', at, 'ticket.status_changed', { ...row, status: 'CLOSED' }, { from: 'RESOLVED', to: 'CLOSED' })
    return { ticketId: row.id, desk: row.desk, customerId: row.customer_id, reason: 'closed' }
  }
  const target = TARGET_OF[job.kind]
  const breach = job.kind.endsWith('_BREACH')
  const outcome = breach ? breachTarget(clocksOf(row), target) : warnTarget(clocksOf(row), target)
  if (!outcome.changed) return null
  const guarantee = target === 'firstResponse' && row.first_response_kind === 'GUARANTEE'
  await updateTicket(manager, row.id, clockColumns(outcome.clocks), at)
  await recordTimeline(manager, row.id, 'SYSTEM', at, [
    {
      kind: breach ? 'SLA_BREACHED' : 'SLA_WARNING',
      summary: breach
        ? `${guarantee ? 'Premium guarantee missed' : 'Goal missed'}: ${TARGET_WORDS[target]} was due`
        : `75% of the ${TARGET_WORDS[target]} time used`,
      data: { target, kind: guarantee ? 'GUARANTEE' : 'GOAL', dueAt: breach ? at.toISOString() : undefined },
      customerVisible: false,
    },
  ])
  await emitTicketEvent(manager, 'SYSTEM', at, breach ? 'ticket.sla_breached' : 'ticket.sla_warning', { ...row, ...clockColumns(outcome.clocks) } as TicketRow, {
    target,
    kind: guarantee ? 'GUARANTEE' : 'GOAL',
    dueAt: new Date((target === 'firstResponse' ? outcome.clocks.firstResponse : outcome.clocks.resolution)!.dueAt).toISOString(),
  })
  return { ticketId: row.id, desk: row.desk, customerId: row.customer_id, reason: breach ? 'sla-breach' : 'sla-warning' }
}

/**
 * Runs every job due by `now`, each in its own transaction. A job is claimed with FOR UPDATE SKIP LOCKED, so
 * several API processes share the work and none is done twice; its ticket is then locked with SKIP LOCKED too:
 * a ticket that a request is changing right now is left for the next run (waiting on it could deadlock, since
 * the request replaces the ticket's jobs). Returns how many jobs ran.
 */
export async function runDueJobs(db: DataSource, now: Date, limit = 500): Promise<number> {
  let done = 0
  const skipped: string[] = []
  while (done + skipped.length < limit) {
    const outcome = await db.transaction(async (manager) => {
      const [job]: { id: string; ticket_id: string; kind: JobKind; due_at: Date }[] = await manager.query(
        `SELECT id, ticket_id, kind, due_at FROM scheduled_jobs
          WHERE due_at <= $1 AND id <> ALL($2::bigint[])
          ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now, skipped],
      )
      if (!job) return { kind: 'none' as const }
      const [row]: TicketRow[] = await manager.query(`${SELECT_TICKET} WHERE t.id = $1 FOR UPDATE OF t SKIP LOCKED`, [job.ticket_id])
      if (!row) return { kind: 'busy' as const, jobId: job.id }
      await manager.query('DELETE FROM scheduled_jobs WHERE id = $1', [job.id])
      return { kind: 'done' as const, event: await runJob(manager, row, job) }
    })
    if (outcome.kind === 'none') break
    if (outcome.kind === 'busy') {
      skipped.push(outcome.jobId)
      continue
    }
    done++
    if (outcome.event) publishTicketChanged(outcome.event)
  }
  return done
}

/** One scheduler pass: SLA and closing jobs, then quotes past their valid-until date. */
export async function runScheduledWork(db: DataSource, now: Date): Promise<void> {
  await runDueJobs(db, now)
  await expireQuotes(db, now)
  await raiseReminders(db, now)
}

/** Polls for due jobs every `intervalMs` until stopped; errors are logged and the loop goes on. */
export function startScheduler(db: DataSource, logger: Logger, options: { intervalMs: number; now?: () => Date }): () => Promise<void> {
  let stopped = false
  let running: Promise<unknown> = Promise.resolve()
  const tick = () => {
    if (stopped) return
    running = runScheduledWork(db, (options.now ?? (() => new Date()))())
      .catch((error: unknown) => logger.error('scheduler: a run failed', error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs)
      })
  }
  let timer = setTimeout(tick, options.intervalMs)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}
