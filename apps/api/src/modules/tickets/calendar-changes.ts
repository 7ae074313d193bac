import { recomputeTicketClocks } from '@covered/domain'
import { onCalendarChanged } from '../sla/sla.service.js'
import { scheduleJobs } from './jobs.js'
import { publishTicketChanged, type TicketChanged } from './pubsub.js'
import { clockColumns, clocksOf, SELECT_TICKET, type TicketRow } from './ticket.record.js'
import { updateTicket } from './tickets.queries.js'
import { recordTimeline } from './timeline.js'

/**
 * When an admin changes a desk's hours or holidays, the running clocks of the tickets on that desk's calendar
 * (STANDARD tickets of customers on that desk, and every PREMIUM ticket, which runs on both desks) get due
 * times worked out again, in the admin's transaction, with a note on each ticket's timeline.
 */
export function recomputeClocksOnCalendarChange(): () => void {
  return onCalendarChanged(async (change) => {
    const rows: TicketRow[] = await change.manager.query(
      `${SELECT_TICKET}
        WHERE t.status NOT IN ('RESOLVED', 'CLOSED') AND t.plan <> 'NOT_ENTITLED'
          AND (t.first_response_state IN ('RUNNING', 'WARNING', 'PAUSED') OR t.resolution_state IN ('RUNNING', 'WARNING', 'PAUSED'))
          AND (t.plan = 'PREMIUM' OR cu.home_desk = $1)
        FOR UPDATE OF t`,
      [change.desk],
    )
    const changed: TicketChanged[] = []
    for (const row of rows) {
      if (row.plan === 'NOT_ENTITLED') continue
      const before = clocksOf(row)
      const after = recomputeTicketClocks(before, row.plan, change.calendarAfter(row.plan, row.home_desk))
      const moved = before.firstResponse?.dueAt !== after.firstResponse?.dueAt || before.resolution?.dueAt !== after.resolution?.dueAt
      if (!moved) continue
      await updateTicket(change.manager, row.id, clockColumns(after), change.at)
      await recordTimeline(change.manager, row.id, change.ctx.viewer, change.at, [
        {
          kind: 'CALENDAR_CHANGED',
          summary: `Due times recalculated: ${change.summary}`,
          data: {
            firstResponseDueAt: after.firstResponse ? new Date(after.firstResponse.dueAt).toISOString() : null,
            resolutionDueAt: after.resolution ? new Date(after.resolution.dueAt).toISOString() : null,
          },
        },
      ])
      await scheduleJobs(change.manager, row.id, after, row.status, row.resolved_at)
      changed.push({ ticketId: row.id, desk: row.desk, customerId: row.customer_id, reason: 'calendar' })
    }
    // Subscribers hear of it once the admin's change commits.
    if (changed.length) setImmediate(() => changed.forEach(publishTicketChanged))
  })
}
