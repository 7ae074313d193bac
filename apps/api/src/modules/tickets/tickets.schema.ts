import {
  allowedStatusChanges,
  businessMinutesUntil,
  categoryInfo,
  formatTicketNumber,
  scopeHint,
  TICKET_CATEGORIES,
  TICKET_CATEGORY_CODES,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TRIAGE_DECISIONS,
  type BusinessCalendar,
  type TicketCategory,
} from '@covered/domain'
import { createContextCache, initContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { Repeater } from 'graphql-yoga'
import { builder } from '../../graphql/builder.js'
import { DeskEnum } from '../../graphql/enum-types.js'
import { ForbiddenError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import { StaffUserType } from '../accounts/accounts.schema.js'
import { EntitlementPlanEnum, EntitlementType, SupportLaneEnum } from '../contracts/contracts.schema.js'
import { ContactType, CustomerType } from '../customers/customers.schema.js'
import { SlaTargetKindEnum } from '../sla/sla.schema.js'
import { calendarForPlan, freshCalendarForPlan } from '../sla/sla.service.js'
import {
  lastMessagesOfTickets,
  messagesOfTickets,
  previewOf,
  timelinesOfTickets,
  type EventRow,
  type MessagePreview,
  type MessageRow,
} from './conversation.queries.js'
import { recomputeClocksOnCalendarChange } from './calendar-changes.js'
import { openTicket } from './intake.service.js'
import { subscribeTicketChanges } from './pubsub.js'
import { isListRow, type TicketRow, type TicketSource } from './ticket.record.js'
import { assigneeOf, customerOf, primeTicketRelations, requesterOf } from './ticket-relations.js'
import { listTickets } from './tickets.list.js'
import { loadTickets } from './tickets.queries.js'
import { ArticleType } from '../knowledge/article.ref.js'
import { assignTicket, changeTicketStatus, decideScope, replyToTicket } from './workflow.service.js'

export const TicketStatusEnum = builder.enumType('TicketStatus', {
  description: 'NEW, OPEN, WAITING_ON_CUSTOMER (clocks paused), ESCALATED to Professional Services (clocks paused), RESOLVED, CLOSED.',
  values: TICKET_STATUSES,
})
export const TicketCategoryEnum = builder.enumType('TicketCategory', {
  description: 'What the question is about; decides whether it is support or Professional Services.',
  values: TICKET_CATEGORY_CODES as TicketCategory[],
})
export const ScopeDecisionEnum = builder.enumType('ScopeDecision', { values: TRIAGE_DECISIONS })
const TargetStateEnum = builder.enumType('SlaTargetState', {
  description: 'RUNNING; PAUSED while waiting on the customer or a quote; WARNING past 75% of its time; MET; BREACHED.',
  values: ['RUNNING', 'PAUSED', 'WARNING', 'MET', 'BREACHED'] as const,
})
const TicketOrderEnum = builder.enumType('TicketOrder', {
  description: 'QUEUE: premium first, then the earliest due. RECENT_ACTIVITY: the latest message first.',
  values: ['QUEUE', 'RECENT_ACTIVITY'] as const,
})

interface TargetView {
  ticket: TicketSource
  kind: 'GOAL' | 'GUARANTEE'
  dueAt: Date
  warningAt: Date | null
  state: 'RUNNING' | 'PAUSED' | 'WARNING' | 'MET' | 'BREACHED'
  metAt: Date | null
}

const SlaTargetType = builder.objectRef<TargetView>('SlaTarget').implement({
  description: 'One response-time target of a ticket: a GOAL or the premium GUARANTEE.',
  fields: (t) => ({
    kind: t.expose('kind', { type: SlaTargetKindEnum }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
    warningAt: t.expose('warningAt', { type: 'DateTime', nullable: true }),
    state: t.expose('state', { type: TargetStateEnum }),
    metAt: t.expose('metAt', { type: 'DateTime', nullable: true }),
    businessMinutesLeft: t.int({
      nullable: true,
      description: 'Business minutes until the due time on the ticket’s calendar (negative when overdue); null once met or while paused.',
      resolve: (target, _args, ctx) => {
        if (target.state === 'MET' || target.state === 'PAUSED' || target.metAt) return null
        const plan = target.ticket.plan
        if (plan === 'NOT_ENTITLED') return null
        const minutesLeft = (calendar: BusinessCalendar) => businessMinutesUntil(calendar, ctx.now().getTime(), target.dueAt.getTime())
        // A queue page asks this of a hundred targets: answered at once while the desks are cached.
        const cached = freshCalendarForPlan(ctx, plan, target.ticket.home_desk)
        return cached ? minutesLeft(cached) : calendarForPlan(ctx, plan, target.ticket.home_desk).then(minutesLeft)
      },
    }),
  }),
})

const MessageType = builder.objectRef<MessageRow>('TicketMessage').implement({
  description: 'A public reply, or an internal note (staff only; never shown to customers).',
  fields: (t) => ({
    id: t.exposeID('id'),
    body: t.exposeString('body'),
    internal: t.boolean({ resolve: (m) => m.visibility === 'INTERNAL' }),
    authorKind: t.exposeString('author_kind', { description: 'STAFF, CONTACT, TOKEN or SYSTEM.' }),
    authorName: t.exposeString('author_name', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
})

const MessagePreviewType = builder.objectRef<MessagePreview>('TicketMessagePreview').implement({
  description: 'The start of a message on one line, for lists.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The message’s id, as on Ticket.messages.' }),
    excerpt: t.exposeString('excerpt', { description: 'At most 140 characters, ending in … when the message goes on.' }),
    internal: t.exposeBoolean('internal', { description: 'An internal note (staff only; contacts never see one).' }),
    authorKind: t.exposeString('authorKind', { description: 'STAFF, CONTACT, TOKEN or SYSTEM.' }),
    authorName: t.exposeString('authorName', { nullable: true, description: 'Who wrote it; null for the system.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
  }),
})

/** Latest messages of tickets that were not read as a page (a page brings its own). */
const lastMessageLoader = createContextCache(
  (ctx: Parameters<typeof lastMessagesOfTickets>[0]) => new DataLoader((ids: readonly string[]) => lastMessagesOfTickets(ctx, ids)),
)

function lastMessageOf(row: TicketSource, ctx: Parameters<typeof lastMessagesOfTickets>[0]): MessagePreview | null | Promise<MessagePreview | null> {
  if (row.lm_id === undefined) return lastMessageLoader(ctx).load(row.id)
  if (row.lm_id === null) return null
  return previewOf({
    id: row.lm_id,
    author_kind: row.lm_author_kind!,
    author_name: row.lm_author_name ?? null,
    visibility: row.lm_visibility!,
    body: row.lm_body!,
    created_at: row.lm_created_at!,
  })
}

const TimelineEventType = builder.objectRef<EventRow>('TicketEvent').implement({
  description: 'One change on a ticket’s timeline.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    kind: t.exposeString('kind', { description: 'CREATED, STATUS_CHANGED, ASSIGNED, SLA_WARNING, SLA_BREACHED, ...' }),
    summary: t.exposeString('summary'),
    actorKind: t.exposeString('actor_kind'),
    actorName: t.exposeString('actor_name', { nullable: true }),
    data: t.string({
      nullable: true,
      description: 'Details as JSON (staff only).',
      resolve: (e, _args, ctx) => (ctx.viewer.kind === 'staff' ? JSON.stringify(e.data) : null),
    }),
  }),
})

/**
 * A column a list row does not read, from the whole ticket: loaded by the Ticket dataloader, so a page asking
 * for it costs one statement more, not one per row.
 */
function fromWholeTicket<T>(ticket: TicketSource, ctx: Parameters<typeof loadTickets>[0], read: (whole: TicketRow) => T): T | Promise<T> {
  if (!isListRow(ticket)) return read(ticket)
  return TicketType.getDataloader(ctx)
    .load(ticket.id)
    .then((whole) => {
      if (isListRow(whole)) throw new Error('The Ticket dataloader holds whole tickets only (loadTickets).')
      return read(whole)
    })
}

const ScopeType = builder.objectRef<TicketSource>('TicketScope').implement({
  description: 'Support or Professional Services, with the rule that decided it.',
  fields: (t) => ({
    decision: t.expose('scope', { type: ScopeDecisionEnum }),
    rule: t.string({ resolve: (r, _args, ctx) => fromWholeTicket(r, ctx, (whole) => whole.scope_rule) }),
    explanation: t.string({ resolve: (r, _args, ctx) => fromWholeTicket(r, ctx, (whole) => whole.scope_explanation) }),
    labelsCounted: t.int({
      description: 'Basic labels this ticket counts against the term’s allowance.',
      resolve: (r, _args, ctx) => fromWholeTicket(r, ctx, (whole) => whole.labels_counted),
    }),
  }),
})

export const TicketType = builder.loadableNodeRef<TicketSource, string>('Ticket', {
  id: { resolve: (ticket) => ticket.id },
  load: async (ids, ctx) => {
    const rows = await loadTickets(ctx, ids)
    primeTicketRelations(ctx, rows)
    return rows
  },
  sort: (ticket) => ticket.id,
})

const target = (ticket: TicketSource, which: 'first' | 'resolution'): TargetView | null => {
  const dueAt = which === 'first' ? ticket.first_response_due_at : ticket.resolution_due_at
  const state = which === 'first' ? ticket.first_response_state : ticket.resolution_state
  if (!dueAt || !state) return null
  return {
    ticket,
    kind: which === 'first' ? (ticket.first_response_kind ?? 'GOAL') : 'GOAL',
    dueAt: new Date(dueAt),
    warningAt: (which === 'first' ? ticket.first_response_warning_at : ticket.resolution_warning_at) ?? null,
    state,
    metAt: which === 'first' ? ticket.first_responded_at : state === 'MET' || state === 'BREACHED' ? ticket.resolved_at : null,
  }
}

TicketType.implement({
  description: 'A question from a customer, with its plan, scope, conversation, timeline and response-time targets.',
  authScopes: (ticket) => ({ customer: ticket.customer_id }),
  fields: (t) => ({
    number: t.string({ description: 'E.g. CT-001234.', resolve: (r) => formatTicketNumber(Number(r.number)) }),
    subject: t.exposeString('subject'),
    category: t.expose('category', { type: TicketCategoryEnum }),
    categoryLabel: t.string({ resolve: (r) => categoryInfo(r.category).label }),
    status: t.expose('status', { type: TicketStatusEnum }),
    statusLabel: t.string({ resolve: (r) => TICKET_STATUS_LABELS[r.status] }),
    waitingOnCustomer: t.boolean({ resolve: (r) => r.status === 'WAITING_ON_CUSTOMER' }),
    plan: t.expose('plan', { type: EntitlementPlanEnum }),
    lane: t.expose('lane', { type: SupportLaneEnum }),
    entitlement: t.field({
      type: EntitlementType,
      description: 'Decided at intake, with the reasons.',
      resolve: (r, _args, ctx) => fromWholeTicket(r, ctx, (whole) => whole.entitlement),
    }),
    scope: t.field({ type: ScopeType, resolve: (r) => r }),
    desk: t.expose('desk', { type: DeskEnum }),
    assignee: t.field({ type: StaffUserType, nullable: true, authScopes: { staff: true }, resolve: (r, _args, ctx, info) => assigneeOf(r, ctx, info) }),
    customer: t.field({ type: CustomerType, resolve: (r, _args, ctx, info) => customerOf(r, ctx, info) }),
    requester: t.field({ type: ContactType, resolve: (r, _args, ctx, info) => requesterOf(r, ctx, info) }),
    receivedAt: t.expose('received_at', { type: 'DateTime' }),
    lastMessageAt: t.expose('last_message_at', { type: 'DateTime' }),
    resolvedAt: t.expose('resolved_at', { type: 'DateTime', nullable: true }),
    firstResponse: t.field({ type: SlaTargetType, nullable: true, description: 'Null when no clock runs (not entitled).', resolve: (r) => target(r, 'first') }),
    resolution: t.field({ type: SlaTargetType, nullable: true, resolve: (r) => target(r, 'resolution') }),
    paused: t.boolean({ description: 'True while the clocks are stopped.', resolve: (r) => r.paused_at !== null }),
    messages: t.loadableList({
      type: MessageType,
      description: 'The conversation, oldest first (customers never see internal notes).',
      load: (ids: string[], ctx) => messagesOfTickets(ctx, ids),
      resolve: (r) => r.id,
    }),
    lastMessage: t.field({
      type: MessagePreviewType,
      nullable: true,
      description: 'The latest message you may see (customers never see internal notes), shortened for lists.',
      resolve: (r, _args, ctx) => lastMessageOf(r, ctx),
    }),
    timeline: t.loadableList({
      type: TimelineEventType,
      description: 'Every change, oldest first.',
      load: (ids: string[], ctx) => timelinesOfTickets(ctx, ids),
      resolve: (r) => r.id,
    }),
    allowedStatusChanges: t.field({
      type: [TicketStatusEnum],
      authScopes: { staff: true },
      description: 'The statuses staff may move this ticket to now.',
      resolve: (r) => allowedStatusChanges({ status: r.status, hasPublicStaffReply: r.has_public_staff_reply, resolvedAt: r.resolved_at }),
    }),
    version: t.exposeInt('version'),
  }),
})

builder.queryField('ticket', (t) =>
  t.field({
    type: TicketType,
    nullable: true,
    description: 'One ticket; null when it does not exist or is not yours to see.',
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ required: true, for: TicketType }) },
    resolve: (_root, { id }, ctx) => TicketType.getDataloader(ctx).load(id.id).catch(() => null),
  }),
)

builder.queryField('tickets', (t) =>
  t.connection({
    type: TicketType,
    description: 'Tickets you may see: a desk queue, your own queue (mine), a customer’s tickets; filtered and in queue or activity order.',
    authScopes: { signedIn: true },
    args: {
      desk: t.arg({ type: DeskEnum }),
      mine: t.arg.boolean(),
      statuses: t.arg({ type: [TicketStatusEnum] }),
      plan: t.arg({ type: EntitlementPlanEnum }),
      category: t.arg({ type: TicketCategoryEnum }),
      scope: t.arg({ type: ScopeDecisionEnum }),
      assigneeId: t.arg.globalID({ for: StaffUserType }),
      unassigned: t.arg.boolean(),
      atRisk: t.arg.boolean({ description: 'Only tickets past 75% of a target or past its due time.' }),
      customerId: t.arg.globalID({ for: CustomerType }),
      order: t.arg({ type: TicketOrderEnum }),
    },
    resolve: (_root, args, ctx) => listTickets(ctx, { ...args, assigneeId: args.assigneeId?.id ?? null, customerId: args.customerId?.id ?? null }),
  }),
)

const TicketCategoryInfo = builder.objectRef<(typeof TICKET_CATEGORIES)[number]>('TicketCategoryInfo').implement({
  fields: (t) => ({
    code: t.field({ type: TicketCategoryEnum, resolve: (c) => c.code }),
    label: t.exposeString('label'),
    description: t.exposeString('description'),
    usualScope: t.field({ type: ScopeDecisionEnum, resolve: (c) => c.usualScope }),
    hint: t.string({ description: 'A hint for the category picker, e.g. "This usually needs Professional Services".', resolve: (c) => scopeHint(c.code).message }),
  }),
})

builder.queryField('ticketCategories', (t) =>
  t.field({
    type: [TicketCategoryInfo],
    description: 'Every category, with what it covers and whether it is usually support or Professional Services.',
    authScopes: { public: true },
    resolve: () => [...TICKET_CATEGORIES],
  }),
)

const WRITE_ERRORS = [ValidationError, NotFoundError, ForbiddenError, PolicyError]

/**
 * A ticket a mutation changed, read back after its commit as the ticket page reads it: one prepared statement
 * that brings its customer, requester, assignee and latest message, primed for those fields (instead of a
 * statement each). The change's own row if the read finds nothing.
 */
async function readBack(ctx: Parameters<typeof loadTickets>[0], changed: Promise<TicketRow>): Promise<TicketSource> {
  const row = await changed
  const loader = TicketType.getDataloader(ctx)
  return loader.clear(row.id).load(row.id).catch(() => row)
}

const OpenTicketInput = builder.inputType('OpenTicketInput', {
  fields: (t) => ({
    requesterId: t.globalID({ for: ContactType, description: 'Staff and API tokens open tickets for a contact; contacts for themselves.' }),
    subject: t.string({ required: true, description: 'One line, at most 200 characters.' }),
    body: t.string({ required: true, description: 'The question, at most 20,000 characters.' }),
    category: t.field({ type: TicketCategoryEnum, required: true }),
    labelsRequested: t.int({ description: 'BASIC_LABELS: how many labels (default 1).' }),
    joinedLabels: t.int({ description: 'COMBINATION_LABELS: how many labels are joined.' }),
    idempotencyKey: t.string({ description: 'Send the same key again and the first ticket is returned, not a second one.' }),
  }),
})

builder.mutationField('openTicket', (t) =>
  t.field({
    type: TicketType,
    description: 'Opens a ticket: entitlement, scope and due times are decided at once and shown with their reasons.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'ticket' } },
    args: { input: t.arg({ type: OpenTicketInput, required: true }) },
    resolve: (_root, { input }, ctx) => readBack(ctx, openTicket(ctx, { ...input, requesterId: input.requesterId?.id ?? null })),
  }),
)

builder.mutationField('replyToTicket', (t) =>
  t.field({
    type: TicketType,
    description: 'A public reply, or an internal note (staff only). A customer’s reply reopens a ticket waiting on them.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'ticket' } },
    args: {
      ticketId: t.arg.globalID({ required: true, for: TicketType }),
      body: t.arg.string({ required: true }),
      internal: t.arg.boolean({ description: 'An internal note, never shown to the customer.' }),
      citedArticleIds: t.arg.globalIDList({
        for: ArticleType,
        description:
          'Staff: the knowledge base articles the message links to, recorded on the ticket in the same transaction (each once per ticket). Only published articles; a public reply cannot cite an INTERNAL article, since the customer cannot open it.',
      }),
    },
    resolve: (_root, args, ctx) =>
      readBack(
        ctx,
        replyToTicket(ctx, { ticketId: args.ticketId.id, body: args.body, internal: args.internal, citedArticleIds: args.citedArticleIds?.map((a) => a.id) ?? null }),
      ),
  }),
)

builder.mutationField('changeTicketStatus', (t) =>
  t.field({
    type: TicketType,
    description: 'Moves a ticket through the status machine; a move it forbids is refused with the reason.',
    authScopes: { signedIn: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'ticket' } },
    args: { ticketId: t.arg.globalID({ required: true, for: TicketType }), status: t.arg({ type: TicketStatusEnum, required: true }) },
    resolve: (_root, args, ctx) => readBack(ctx, changeTicketStatus(ctx, { ticketId: args.ticketId.id, status: args.status })),
  }),
)

builder.mutationField('assignTicket', (t) =>
  t.field({
    type: TicketType,
    description: 'Assigns a ticket to a member of the team, or back to the desk queue (no assigneeId).',
    authScopes: { staff: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'ticket' } },
    args: { ticketId: t.arg.globalID({ required: true, for: TicketType }), assigneeId: t.arg.globalID({ for: StaffUserType }) },
    resolve: (_root, args, ctx) => readBack(ctx, assignTicket(ctx, { ticketId: args.ticketId.id, assigneeId: args.assigneeId?.id ?? null })),
  }),
)

builder.mutationField('decideTicketScope', (t) =>
  t.field({
    type: TicketType,
    description: 'An engineer overrides triage, or an admin decides a case-by-case review; the reason goes into the exception register.',
    authScopes: { staff: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'ticket' } },
    args: {
      ticketId: t.arg.globalID({ required: true, for: TicketType }),
      scope: t.arg({ type: ScopeDecisionEnum, required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => readBack(ctx, decideScope(ctx, { ...args, ticketId: args.ticketId.id })),
  }),
)

/** Yields the ticket each time a matching change is published, re-read with the subscriber's own visibility. */
function ticketFeed(ctx: Parameters<typeof loadTickets>[0], matches: (event: { ticketId: string; desk: string }) => boolean) {
  return new Repeater<TicketRow>(async (push, stop) => {
    const iterator = subscribeTicketChanges()[Symbol.asyncIterator]()
    void stop.then(() => iterator.return?.())
    for (;;) {
      const next = await Promise.race([iterator.next(), stop.then(() => ({ done: true as const, value: undefined }))])
      if (next.done) break
      if (!matches(next.value)) continue
      const [row] = await loadTickets(ctx, [next.value.ticketId])
      if (!row || row instanceof Error) continue
      // One context serves the whole subscription: give each event fresh Pothos caches (dataloaders, scopes).
      Object.assign(ctx, initContextCache())
      await push(row)
    }
    stop()
  })
}

builder.subscriptionType({ description: 'Live updates over server-sent events.' })

builder.subscriptionField('ticketChanged', (t) =>
  t.field({
    type: TicketType,
    description: 'The ticket, each time it changes (a reply, a status, an SLA warning or breach).',
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ required: true, for: TicketType }) },
    subscribe: (_root, { id }, ctx) => ticketFeed(ctx, (event) => event.ticketId === id.id),
    resolve: (ticket) => ticket,
  }),
)

builder.subscriptionField('queueChanged', (t) =>
  t.field({
    type: TicketType,
    description: 'Any ticket of a desk (or every desk) that changes, for live queues (staff, and API tokens: a token bound to a customer hears only that customer’s tickets).',
    authScopes: { staff: true, apiToken: true },
    args: { desk: t.arg({ type: DeskEnum }) },
    subscribe: (_root, { desk }, ctx) => ticketFeed(ctx, (event) => !desk || event.desk === desk),
    resolve: (ticket) => ticket,
  }),
)

// Running clocks follow admins' changes to desk hours and holidays.
recomputeClocksOnCalendarChange()
