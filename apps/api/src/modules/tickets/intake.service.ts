import {
  startTicketClocks,
  TICKET_CATEGORY_CODES,
  triage,
  type ClockPlan,
  type TicketCategory,
} from '@covered/domain'
import { createHash } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { actorOf, withTransaction, type RequestContext } from '../../context.js'
import { acrossCustomers } from '../../db/row-security.js'
import { service } from '../../domain-errors.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import type { DeskCode } from '../../graphql/enums.js'
import { DESKS } from '../../graphql/enums.js'
import { parseInput } from '../../validation.js'
import { entitlementWithFacts } from '../contracts/entitlement.service.js'
import { Contact } from '../customers/contact.entity.js'
import { canSeeCustomer } from '../customers/customers.service.js'
import { calendarForPlan } from '../sla/sla.service.js'
import { scheduleJobs } from './jobs.js'
import { publishTicketChanged } from './pubsub.js'
import { emitTicketEvent } from '../events/ticket-events.js'
import { clockColumns, type TicketRow } from './ticket.record.js'
import { reloadTicket } from './tickets.queries.js'
import { recordTimeline, type TimelineEntry } from './timeline.js'

/** The documented limits of a question. */
export const SUBJECT_MAX = 200
export const BODY_MAX = 20_000

export const OpenTicketInput = z.object({
  requesterId: z.string().nullish(),
  subject: z.string().trim().min(1, 'Enter a subject: one line saying what the question is about.').max(SUBJECT_MAX, `Keep the subject to ${SUBJECT_MAX} characters.`),
  body: z.string().trim().min(1, 'Describe the question.').max(BODY_MAX, `The description is over ${BODY_MAX.toLocaleString('en')} characters; shorten it or split it into two tickets.`),
  category: z.enum(TICKET_CATEGORY_CODES as [TicketCategory, ...TicketCategory[]], { message: 'Choose one of the listed categories.' }),
  labelsRequested: z.number().int().min(1, 'Ask for at least 1 label.').max(100).nullish(),
  joinedLabels: z.number().int().min(2, 'A combination joins at least 2 labels.').max(100).nullish(),
  idempotencyKey: z.string().trim().min(1).max(200, 'Use an idempotency key of at most 200 characters.').nullish(),
})

type OpenTicketData = z.output<typeof OpenTicketInput>

function fingerprint(data: OpenTicketData, requesterId: string): string {
  const { subject, body, category, labelsRequested, joinedLabels } = data
  return createHash('sha256')
    .update(JSON.stringify([requesterId, subject, body, category, labelsRequested ?? null, joinedLabels ?? null]))
    .digest('hex')
}

async function requesterFor(ctx: RequestContext, requesterId: string | null | undefined): Promise<Contact> {
  const viewer = ctx.viewer
  if (viewer.kind === 'contact') {
    if (requesterId && requesterId !== viewer.id) throw new ForbiddenError('Contacts open tickets for themselves.')
    return (await ctx.db.getRepository(Contact).findOneBy({ id: viewer.id }))!
  }
  if (viewer.kind === 'token' && viewer.scope !== 'READ_WRITE') throw new ForbiddenError('A read-only API token cannot open tickets.')
  if (viewer.kind !== 'staff' && viewer.kind !== 'token') throw new ForbiddenError('Sign in to open a ticket.')
  if (!requesterId) throw new ValidationError([{ field: 'requesterId', message: 'Choose the contact the ticket is for.' }])
  const contact = z.uuid().safeParse(requesterId).success ? await ctx.db.getRepository(Contact).findOneBy({ id: requesterId }) : null
  if (!contact || !canSeeCustomer(viewer, contact.customerId)) {
    throw new ValidationError([{ field: 'requesterId', message: 'That contact does not exist.' }])
  }
  return contact
}

/** The existing ticket for a repeated idempotency key; the same key with another payload is refused. */
async function replayed(manager: EntityManager, ctx: RequestContext, key: string, print: string): Promise<TicketRow | null> {
  const { actorKind, actorId } = actorOf(ctx.viewer)
  const [existing]: { id: string; idempotency_fingerprint: string }[] = await manager.query(
    `SELECT id, idempotency_fingerprint FROM tickets WHERE opened_by_kind = $1 AND opened_by_id = $2 AND idempotency_key = $3`,
    [actorKind, actorId, key],
  )
  if (!existing) return null
  if (existing.idempotency_fingerprint !== print) {
    throw new ValidationError([{ field: 'idempotencyKey', message: 'This idempotency key was already used for a different ticket; use a new key for a new question.' }])
  }
  return reloadTicket(manager, existing.id)
}

/**
 * Premium routing: the least-loaded active engineer of a desk that is open now, else of the desk that opens
 * next (then the other desk, when the first has no engineers). Engineers marked away, and those invited who
 * have not set a password yet, get no automatic assignments.
 */
async function premiumAssignee(manager: EntityManager, ctx: RequestContext, now: number): Promise<{ desk: DeskCode; assigneeId: string | null }> {
  const desks = await Promise.all(
    DESKS.map(async (desk) => {
      const calendar = await calendarForPlan(ctx, 'STANDARD', desk, { manager })
      return { desk, opensAt: calendar.isOpen(now) ? now : calendar.nextOpen(now) }
    }),
  )
  desks.sort((a, b) => a.opensAt - b.opensAt)
  for (const { desk } of desks) {
    // Every customer's open tickets count towards an engineer's load: read past a contact's tenant fence.
    const [engineer]: { id: string }[] = await acrossCustomers(manager, () => manager.query(
      `SELECT u.id FROM staff_users u
        WHERE u.active AND NOT u.away AND u.password_hash IS NOT NULL AND u.role = 'ENGINEER' AND u.desk = $1
        ORDER BY (SELECT count(*) FROM tickets t WHERE t.assignee_id = u.id AND t.status NOT IN ('RESOLVED', 'CLOSED')), u.name, u.id
        LIMIT 1`,
      [desk],
    ))
    if (engineer) return { desk, assigneeId: engineer.id }
  }
  return { desk: desks[0]!.desk, assigneeId: null }
}

/**
 * The basic labels the customer's tickets of this contract term count already. Read under a lock on the
 * customer's row held until commit, so that basic-label intakes of one customer take turns and the allowance is
 * counted exactly (no two see the same count). FOR NO KEY UPDATE: other intakes, and anything inserting a row
 * that refers to the customer, are not held up; only basic-label tickets need the count, so only they lock.
 */
async function basicLabelsUsed(manager: EntityManager, customerId: string, termId: string | null): Promise<number> {
  const [customer] = await manager.query('SELECT id FROM customers WHERE id = $1 FOR NO KEY UPDATE', [customerId])
  if (!customer) throw new NotFoundError('That customer')
  // A statement of its own after the lock: it sees what the intake that held the lock before committed.
  const [labels]: { used: string }[] = await manager.query(
    `SELECT coalesce(sum(labels_counted), 0) AS used FROM tickets
      WHERE customer_id = $1 AND category = 'BASIC_LABELS' AND contract_term_id IS NOT DISTINCT FROM $2::uuid`,
    [customerId, termId],
  )
  return Number(labels?.used ?? 0)
}

/**
 * Intake (policy sections 4 to 7): decides entitlement and plan, triages the scope, starts the SLA clocks,
 * routes premium tickets to an engineer, and records it all on the timeline, in one transaction. With an
 * idempotency key a repeated submission returns the first ticket (the insert finds the key taken and writes
 * nothing).
 */
export const openTicket = service(async (ctx: RequestContext, input: z.input<typeof OpenTicketInput>): Promise<TicketRow> => {
  const data = parseInput(OpenTicketInput, input)
  const requester = await requesterFor(ctx, data.requesterId)
  const print = fingerprint(data, requester.id)
  const { entitlement, customer, contracts } = await entitlementWithFacts(ctx, requester)
  const entitling = contracts.find((contract) => contract.id === entitlement.contractId)
  const termId = entitling?.currentTerm.id ?? null
  const homeDesk = customer.homeDesk
  const now = ctx.now()

  const ticket = await withTransaction(ctx, async (manager) => {
    const plan: ClockPlan = entitlement.plan
    const calendar = plan === 'NOT_ENTITLED' ? null : await calendarForPlan(ctx, plan, homeDesk, { manager })
    const clocks = startTicketClocks(plan, calendar, now.getTime())
    const routing = plan === 'PREMIUM' ? await premiumAssignee(manager, ctx, now.getTime()) : { desk: homeDesk, assigneeId: null }
    // Counted last before the insert, so that a basic-label intake holds its lock as briefly as it can.
    const scope = triage({
      category: data.category,
      basicLabelsUsedThisTerm: data.category === 'BASIC_LABELS' ? await basicLabelsUsed(manager, requester.customerId, termId) : 0,
      labelsRequested: data.labelsRequested ?? undefined,
      joinedLabels: data.joinedLabels ?? undefined,
    })
    const { actorKind, actorId } = actorOf(ctx.viewer)

    const columns: Record<string, unknown> = {
      subject: data.subject,
      category: data.category,
      labels_requested: data.labelsRequested ?? null,
      joined_labels: data.joinedLabels ?? null,
      customer_id: requester.customerId,
      requester_id: requester.id,
      opened_by_kind: actorKind,
      opened_by_id: actorId,
      plan,
      lane: entitlement.lane,
      entitlement: JSON.stringify(entitlement),
      contract_id: entitling?.id ?? null,
      contract_term_id: termId,
      scope: scope.decision,
      scope_rule: scope.rule,
      scope_explanation: scope.explanation,
      labels_counted: scope.labelsCounted ?? 0,
      status: 'NEW',
      desk: routing.desk,
      assignee_id: routing.assigneeId,
      received_at: now,
      last_message_at: now,
      queue_priority: plan === 'PREMIUM' ? 0 : 1,
      idempotency_key: data.idempotencyKey ?? null,
      idempotency_fingerprint: data.idempotencyKey ? print : null,
      created_at: now,
      updated_at: now,
      ...clockColumns(clocks),
    }
    const names = Object.keys(columns)
    const param = (name: string) => `$${names.indexOf(name) + 1}`
    // A key used before finds its ticket here (without taking a ticket number); one a concurrent submission is
    // using at the same moment, at the unique index once that commits.
    const [inserted]: Omit<TicketRow, 'home_desk'>[] = await manager.query(
      `INSERT INTO tickets (${names.join(', ')}) SELECT ${names.map(param).join(', ')}
        WHERE NOT EXISTS (SELECT 1 FROM tickets x WHERE x.opened_by_kind = ${param('opened_by_kind')} AND x.opened_by_id = ${param('opened_by_id')}
                                                    AND x.idempotency_key = ${param('idempotency_key')})
       ON CONFLICT (opened_by_kind, opened_by_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING *`,
      Object.values(columns),
    )
    if (!inserted) {
      // The key was used before (or by a concurrent submission that won the race): answer with that ticket.
      return (await replayed(manager, ctx, data.idempotencyKey!, print))!
    }
    const created: TicketRow = { ...inserted, home_desk: homeDesk }
    await manager.query(
      `INSERT INTO ticket_messages (ticket_id, author_kind, author_id, visibility, body, created_at) VALUES ($1, 'CONTACT', $2, 'PUBLIC', $3, $4)`,
      [created.id, requester.id, data.body, now],
    )
    const entries: TimelineEntry[] = [
      { kind: 'CREATED', summary: `Ticket received from ${requester.name}`, data: { category: data.category } },
      {
        kind: 'ENTITLEMENT',
        summary: plan === 'NOT_ENTITLED' ? 'Not entitled to support: no response-time target runs' : `Plan ${plan.toLowerCase()}${entitlement.lane === 'PROSPECT' ? ' (prospect)' : ''}`,
        data: { plan, lane: entitlement.lane, rule: entitlement.rule, reasons: entitlement.reasons },
      },
      { kind: 'SCOPE_DECIDED', summary: scope.explanation, data: { scope: scope.decision, rule: scope.rule } },
    ]
    if (routing.assigneeId) {
      entries.push({ kind: 'ASSIGNED', summary: `Premium ticket routed to the ${routing.desk === 'UK' ? 'UK' : 'Pacific'} desk`, data: { assigneeId: routing.assigneeId, desk: routing.desk } })
    }
    await recordTimeline(manager, created.id, ctx.viewer, now, entries)
    await scheduleJobs(manager, created.id, clocks, 'NEW', null)
    await emitTicketEvent(manager, ctx.viewer, now, 'ticket.created', created)
    if (routing.assigneeId) {
      await emitTicketEvent(manager, 'SYSTEM', now, 'ticket.assigned', created, { previousAssigneeId: null, previousDesk: homeDesk, routed: 'PREMIUM' })
    }
    return created
  })
  publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: 'created' })
  return ticket
})
