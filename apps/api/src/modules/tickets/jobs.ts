import { autoCloseDueAt, type TicketClocks, type TicketStatus } from '@covered/domain'
import type { EntityManager } from 'typeorm'

export type JobKind = 'FIRST_RESPONSE_WARNING' | 'FIRST_RESPONSE_BREACH' | 'RESOLUTION_WARNING' | 'RESOLUTION_BREACH' | 'AUTO_CLOSE'

/** The instants at which the scheduler must act on this ticket, from its clocks and status. */
export function jobsFor(clocks: TicketClocks, status: TicketStatus, resolvedAt: Date | null): { kind: JobKind; dueAt: Date }[] {
  const jobs: { kind: JobKind; dueAt: Date }[] = []
  const fr = clocks.firstResponse
  const res = clocks.resolution
  if (fr?.state === 'RUNNING') jobs.push({ kind: 'FIRST_RESPONSE_WARNING', dueAt: new Date(fr.warningAt) })
  if (fr?.state === 'RUNNING' || fr?.state === 'WARNING') jobs.push({ kind: 'FIRST_RESPONSE_BREACH', dueAt: new Date(fr.dueAt) })
  if (res?.state === 'RUNNING') jobs.push({ kind: 'RESOLUTION_WARNING', dueAt: new Date(res.warningAt) })
  if (res?.state === 'RUNNING' || res?.state === 'WARNING') jobs.push({ kind: 'RESOLUTION_BREACH', dueAt: new Date(res.dueAt) })
  if (status === 'RESOLVED' && resolvedAt) jobs.push({ kind: 'AUTO_CLOSE', dueAt: new Date(autoCloseDueAt(resolvedAt)) })
  return jobs
}

/**
 * Replaces the ticket's scheduled jobs, in the same transaction as the change that moved its clocks, in one
 * statement: jobs of kinds no longer due go, the others are written with their new times.
 */
export async function scheduleJobs(
  manager: EntityManager,
  ticketId: string,
  clocks: TicketClocks,
  status: TicketStatus,
  resolvedAt: Date | null,
): Promise<void> {
  const jobs = jobsFor(clocks, status, resolvedAt)
  await manager.query(
    `WITH gone AS (DELETE FROM scheduled_jobs WHERE ticket_id = $1 AND kind <> ALL($2::text[]))
     INSERT INTO scheduled_jobs (ticket_id, kind, due_at)
     SELECT $1, job.kind, job.due_at FROM unnest($2::text[], $3::timestamptz[]) AS job(kind, due_at)
     ON CONFLICT (ticket_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at`,
    [ticketId, jobs.map((job) => job.kind), jobs.map((job) => job.dueAt)],
  )
}
