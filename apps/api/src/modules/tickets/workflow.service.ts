import {
  meetTarget,
  overrideTriage,
  pauseTicketClocks,
  resumeTicketClocks,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  transitionOrThrow,
  TRIAGE_DECISIONS,
  type TicketClocks,
  type TicketEvent,
  type TicketStatus,
} from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { emitTicketEvent } from '../events/ticket-events.js'
import { service } from '../../domain-errors.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { recordCitations } from '../knowledge/citations.service.js'
import { calendarForPlan } from '../sla/sla.service.js'
import { canWorkTickets } from './access.js'
import { scheduleJobs } from './jobs.js'
import { publishTicketChanged } from './pubsub.js'
import { clockColumns, clocksOf, type TicketRow } from './ticket.record.js'
import { lockTicket, updateTicket } from './tickets.queries.js'
import { recordTimeline, type TimelineEntry } from './timeline.js'

async function calendarOf(ctx: RequestContext, manager: EntityManager, row: TicketRow) {
  return row.plan === 'NOT_ENTITLED' ? null : calendarForPlan(ctx, row.plan, row.home_desk, { manager })
}

/**
 * Applies a status-machine event (packages/domain) to a locked ticket: the status, the SLA clocks (pause on
 * waiting, resume with due times moved by the business time paused, the first response met by a public staff
 * reply, the resolution met on RESOLVED), the scheduled jobs and the timeline. Returns what changed, and the
 * ticket as it now is.
 */
export async function applyTicketEvent(
  manager: EntityManager,
  ctx: RequestContext,
  row: TicketRow,
  event: TicketEvent,
  extraColumns: Record<string, unknown> = {},
  extraTimeline: TimelineEntry[] = [],
): Promise<{ from: TicketStatus; to: TicketStatus; ticket: TicketRow }> {
  const now = ctx.now()
  const result = transitionOrThrow(
    { status: row.status, hasPublicStaffReply: row.has_public_staff_reply, resolvedAt: row.resolved_at },
    event,
    now,
  )
  const calendar = await calendarOf(ctx, manager, row)
  let clocks: TicketClocks = clocksOf(row)
  const timeline: TimelineEntry[] = [...extraTimeline]
  const reporting: Record<string, unknown> = {}
  /** Business time from receipt to now on the ticket's calendar, pauses excluded: what reports measure. */
  const businessElapsed = () => {
    if (!calendar) return null
    const pausedNow = clocks.pausedAt === null ? 0 : calendar.businessMsBetween(clocks.pausedAt, now.getTime())
    return calendar.businessMsBetween(clocks.receivedAt, now.getTime()) - clocks.pausedBusinessMs - pausedNow
  }
  if (event.type === 'STAFF_REPLY' && event.visibility === 'PUBLIC' && clocks.firstResponse && clocks.firstResponse.metAt === null) {
    reporting.first_response_business_ms = businessElapsed()
    clocks = meetTarget(clocks, 'firstResponse', now.getTime())
    const late = clocks.firstResponse!.state === 'BREACHED'
    timeline.push({ kind: 'SLA_MET', summary: late ? 'First response sent, after its due time' : 'First response met', data: { target: 'firstResponse' } })
  }
  if (result.changed) {
    timeline.push({
      kind: 'STATUS_CHANGED',
      summary: `${TICKET_STATUS_LABELS[result.from]} → ${TICKET_STATUS_LABELS[result.to]}`,
      data: { from: result.from, to: result.to },
    })
  }
  if (result.slaEffect === 'PAUSE' && (clocks.firstResponse || clocks.resolution)) {
    clocks = pauseTicketClocks(clocks, now.getTime())
    timeline.push({ kind: 'SLA_PAUSED', summary: 'Response-time clocks paused', data: {} })
  }
  if (result.slaEffect === 'RESUME' && clocks.pausedAt !== null) {
    const before = clocks.pausedBusinessMs
    clocks = resumeTicketClocks(clocks, calendar, now.getTime())
    const minutes = Math.round((clocks.pausedBusinessMs - before) / 60_000)
    timeline.push({ kind: 'SLA_RESUMED', summary: `Response-time clocks resumed; due times moved ${minutes} business minutes later`, data: { pausedMinutes: minutes } })
  }
  if (result.to === 'RESOLVED' && result.changed && clocks.resolution && clocks.resolution.metAt === null) {
    reporting.resolution_business_ms = businessElapsed()
    clocks = meetTarget(clocks, 'resolution', now.getTime())
    timeline.push({ kind: 'SLA_MET', summary: clocks.resolution!.state === 'BREACHED' ? 'Resolved, after its due time' : 'Resolution met', data: { target: 'resolution' } })
  }
  const resolvedAt = result.ticket.resolvedAt ? new Date(result.ticket.resolvedAt) : null
  const updated = await updateTicket(
    manager,
    row.id,
    {
      status: result.to,
      has_public_staff_reply: result.ticket.hasPublicStaffReply,
      resolved_at: resolvedAt,
      closed_at: result.to === 'CLOSED' ? now : null,
      ...clockColumns(clocks),
      ...reporting,
      ...extraColumns,
    },
    now,
  )
  await recordTimeline(manager, row.id, ctx.viewer, now, timeline)
  await scheduleJobs(manager, row.id, clocks, result.to, resolvedAt)
  if (result.changed) {
    await emitTicketEvent(manager, ctx.viewer, now, 'ticket.status_changed', updated, { from: result.from, to: result.to })
  }
  return { from: result.from, to: result.to, ticket: updated }
}

const ReplyInput = z.object({
  ticketId: z.string(),
  body: z.string().trim().min(1, 'Write the reply first.').max(20_000, 'Keep a reply to 20,000 characters.'),
  internal: z.boolean().nullish(),
  citedArticleIds: z.array(z.string()).nullish(),
})

/**
 * A public reply or an internal note. Staff's first public reply meets the first response; a customer's reply
 * reopens a ticket that waited on them (or was resolved less than 7 days ago). Internal notes are staff-only
 * and never shown to customers. Staff may record the knowledge base articles the message cites in the same
 * transaction (`citedArticleIds`): the reply and its citations are saved together or not at all.
 */
export const replyToTicket = service(async (ctx: RequestContext, input: z.input<typeof ReplyInput>): Promise<TicketRow> => {
  const data = parseInput(ReplyInput, input)
  const staffSide = canWorkTickets(ctx.viewer)
  if (data.internal && !staffSide) throw new ForbiddenError('Only staff can write internal notes.')
  const citing = data.citedArticleIds?.length ? data.citedArticleIds : null
  if (citing && ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff cite knowledge base articles in replies.')
  const ticket = await withTransaction(ctx, async (manager) => {
    const row = await lockTicket(manager, ctx, data.ticketId)
    const now = ctx.now()
    const visibility = data.internal ? 'INTERNAL' : 'PUBLIC'
    const event: TicketEvent = staffSide ? { type: 'STAFF_REPLY', visibility } : { type: 'CUSTOMER_REPLY' }
    const authorKind = ctx.viewer.kind === 'staff' ? 'STAFF' : ctx.viewer.kind === 'token' ? 'TOKEN' : 'CONTACT'
    const timeline: TimelineEntry[] = [
      data.internal
        ? { kind: 'NOTE_ADDED', summary: 'Internal note added', customerVisible: false }
        : { kind: staffSide ? 'REPLIED' : 'CUSTOMER_REPLIED', summary: staffSide ? 'Support replied' : 'Customer replied' },
    ]
    const applied = await applyTicketEvent(manager, ctx, row, event, data.internal ? {} : { last_message_at: now }, timeline)
    const [message]: { id: string }[] = await manager.query(
      `INSERT INTO ticket_messages (ticket_id, author_kind, author_id, visibility, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.id, authorKind, 'id' in ctx.viewer ? ctx.viewer.id : null, visibility, data.body, now],
    )
    if (citing) await recordCitations(manager, ctx, row.id, citing, { field: 'citedArticleIds', messageId: message!.id, visibility })
    // The message and its citations are rows of their own: the ticket is as the event left it.
    const updated = applied.ticket
    // Internal notes never become events: events reach customers' inboxes and integrators.
    if (!data.internal) {
      await emitTicketEvent(manager, ctx.viewer, now, 'ticket.reply_added', updated, { messageId: message!.id, from: staffSide ? 'SUPPORT' : 'CUSTOMER', body: data.body })
    }
    return updated
  })
  publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: data.internal ? 'note' : 'reply' })
  return ticket
})

const ChangeStatusInput = z.object({
  ticketId: z.string(),
  status: z.enum(TICKET_STATUSES),
})

/** Staff move a ticket through the status machine; a move it forbids is refused with the reason. */
export const changeTicketStatus = service(async (ctx: RequestContext, input: z.input<typeof ChangeStatusInput>): Promise<TicketRow> => {
  const data = parseInput(ChangeStatusInput, input)
  if (!canWorkTickets(ctx.viewer)) throw new ForbiddenError('Only staff change a ticket’s status.')
  const ticket = await withTransaction(ctx, async (manager) => {
    const row = await lockTicket(manager, ctx, data.ticketId)
    return (await applyTicketEvent(manager, ctx, row, data.status === 'ESCALATED' ? { type: 'ESCALATE' } : { type: 'CHANGE_STATUS', to: data.status })).ticket
  })
  publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: 'status' })
  return ticket
})

const AssignInput = z.object({ ticketId: z.string(), assigneeId: z.string().nullish() })

/** Assigns a ticket to an engineer (their desk's queue) or back to the desk queue (null). */
export const assignTicket = service(async (ctx: RequestContext, input: z.input<typeof AssignInput>): Promise<TicketRow> => {
  const data = parseInput(AssignInput, input)
  if (ctx.viewer.kind !== 'staff') throw new ForbiddenError('Only staff assign tickets.')
  const ticket = await withTransaction(ctx, async (manager) => {
    const row = await lockTicket(manager, ctx, data.ticketId)
    let desk = row.desk
    let name = 'the desk queue'
    if (data.assigneeId) {
      const [user]: { id: string; name: string; desk: 'PACIFIC' | 'UK' | null; active: boolean }[] = z.uuid().safeParse(data.assigneeId).success
        ? await manager.query('SELECT id, name, desk, active FROM staff_users WHERE id = $1', [data.assigneeId])
        : []
      if (!user || !user.active) throw new ValidationError([{ field: 'assigneeId', message: 'Choose an active member of the support team.' }])
      desk = user.desk ?? row.desk
      name = user.name
    }
    if ((row.assignee_id ?? null) === (data.assigneeId ?? null)) return row
    const now = ctx.now()
    const updated = await updateTicket(manager, row.id, { assignee_id: data.assigneeId ?? null, desk }, now)
    await recordTimeline(manager, row.id, ctx.viewer, now, [
      { kind: 'ASSIGNED', summary: data.assigneeId ? `Assigned to ${name}` : 'Returned to the desk queue', data: { assigneeId: data.assigneeId ?? null, desk } },
    ])
    await emitTicketEvent(manager, ctx.viewer, now, 'ticket.assigned', updated, { previousAssigneeId: row.assignee_id ?? null, previousDesk: row.desk })
    return updated
  })
  publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: 'assigned' })
  return ticket
})

const ScopeInput = z.object({
  ticketId: z.string(),
  scope: z.enum(TRIAGE_DECISIONS),
  reason: z.string().trim().min(1, 'Write why: the reason goes into the exception register.').max(2000),
})

/**
 * An engineer overrides triage, or an admin decides a NEEDS_REVIEW case (multi-site tracking): the decision,
 * who and why go into the exception register and onto the timeline.
 */
export const decideScope = service(async (ctx: RequestContext, input: z.input<typeof ScopeInput>): Promise<TicketRow> => {
  const data = parseInput(ScopeInput, input)
  const viewer = ctx.viewer
  if (viewer.kind !== 'staff') throw new ForbiddenError('Only staff decide a ticket’s scope.')
  const ticket = await withTransaction(ctx, async (manager) => {
    const row = await lockTicket(manager, ctx, data.ticketId)
    const review = row.scope === 'NEEDS_REVIEW'
    if (review && viewer.role !== 'ADMIN') throw new ForbiddenError('Case-by-case reviews are decided by an admin.')
    if (data.scope === row.scope) throw new ValidationError([{ field: 'scope', message: 'Choose a different scope than the current one.' }])
    const decided = overrideTriage(data.scope, data.reason, review ? 'case-review' : 'engineer-override')
    const now = ctx.now()
    const updated = await updateTicket(manager, row.id, { scope: decided.decision, scope_rule: decided.rule, scope_explanation: decided.explanation }, now)
    await manager.query(
      `INSERT INTO scope_decisions (ticket_id, kind, decided_by, decided_at, before_scope, after_scope, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, review ? 'CASE_REVIEW' : 'OVERRIDE', viewer.id, now, row.scope, decided.decision, data.reason],
    )
    await recordTimeline(manager, row.id, viewer, now, [
      {
        kind: review ? 'SCOPE_REVIEWED' : 'SCOPE_OVERRIDDEN',
        summary: `Scope ${review ? 'decided' : 'changed'}: ${decided.decision.replaceAll('_', ' ').toLowerCase()}`,
        data: { from: row.scope, to: decided.decision, reason: data.reason },
      },
    ])
    return updated
  })
  publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: 'scope' })
  return ticket
})
