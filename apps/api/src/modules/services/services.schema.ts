import { QUOTE_STATUSES, type Money } from '@covered/domain'
import { builder } from '../../graphql/builder.js'
import { CurrencyEnum } from '../../graphql/enum-types.js'
import { MoneyType } from '../../graphql/money.js'
import { ConflictError, ForbiddenError, NotFoundError, PolicyError, TooManyAttemptsError, ValidationError } from '../../errors.js'
import { ContractType } from '../contracts/contracts.schema.js'
import { ContactType, CustomerType } from '../customers/customers.schema.js'
import { TicketType } from '../tickets/tickets.schema.js'
import { listConsultingRequests, submitConsultingRequest, type ConsultingRequestRow } from './consulting.service.js'
import { createRenewalQuote, escalateTicket, logTime, type LoggedTime } from './escalation.service.js'
import { LINE_KINDS } from './quote-lines.js'
import { quoteRecipients, type QuoteRecipient } from './quote-recipient.js'
import {
  createQuote,
  decideQuote,
  listQuotes,
  loadQuotes,
  quotesOfTickets,
  reviseQuote,
  sendQuote,
  updateDraftQuote,
  withdrawQuote,
  type QuoteLineRow,
  type QuoteRow,
} from './quotes.service.js'
import { TrainingModuleType } from './training.schema.js'
import { loadTrainingModules } from './training.service.js'
import './rate-card.schema.js'

const QuoteStatusEnum = builder.enumType('QuoteStatus', {
  description: 'DRAFT (staff only), SENT, ACCEPTED, DECLINED, EXPIRED (past its valid-until date), WITHDRAWN (also when revised).',
  values: QUOTE_STATUSES,
})
const QuoteLineKindEnum = builder.enumType('QuoteLineKind', { values: [...LINE_KINDS, 'RENEWAL'] as const })

const money = (amountMinor: number | string, currency: Money['currency']): Money => ({ amountMinor: Number(amountMinor), currency })

const QuoteLineType = builder.objectRef<QuoteLineRow & { currency: Money['currency'] }>('QuoteLine').implement({
  fields: (t) => ({
    position: t.exposeInt('position'),
    kind: t.field({ type: QuoteLineKindEnum, resolve: (l) => l.kind as (typeof LINE_KINDS)[number] }),
    description: t.exposeString('description'),
    quantity: t.string({ description: 'Hours or a count, exact to 2 decimals.', resolve: (l) => (Number(l.quantityHundredths) / 100).toFixed(2) }),
    unitPrice: t.field({ type: MoneyType, resolve: (l) => money(l.unitPriceMinor, l.currency) }),
    total: t.field({ type: MoneyType, description: 'Computed by the server, rounded half away from zero.', resolve: (l) => money(l.totalMinor, l.currency) }),
    trainingModule: t.loadable({
      type: TrainingModuleType,
      nullable: true,
      description: 'The training module a TRAINING_MODULE line was priced from (it may since have been retired).',
      load: (ids: string[], ctx) => loadTrainingModules(ctx, ids),
      resolve: (l) => l.trainingModuleId,
    }),
  }),
})

const QuoteRecipientType = builder.objectRef<QuoteRecipient>('QuoteRecipient').implement({
  description: 'The person a quote is addressed to.',
  fields: (t) => ({ name: t.exposeString('name'), email: t.exposeString('email') }),
})

export const QuoteType = builder.loadableNodeRef<QuoteRow, string>('Quote', {
  id: { resolve: (quote) => quote.id },
  load: (ids, ctx) => loadQuotes(ctx, ids),
  sort: (quote) => quote.id,
})

QuoteType.implement({
  description: 'A custom quote for Professional Services or a renewal. Nothing is delivered before the customer accepts one.',
  authScopes: (quote) => ({ customer: quote.customer_id }),
  fields: (t) => ({
    number: t.exposeString('number', { description: 'Q-2026-0001: gapless within a year, never reused.' }),
    purpose: t.exposeString('purpose', { description: 'SERVICES or RENEWAL.' }),
    status: t.field({ type: QuoteStatusEnum, resolve: (q) => q.status }),
    currency: t.field({ type: CurrencyEnum, resolve: (q) => q.currency }),
    validUntil: t.field({ type: 'Date', resolve: (q) => q.valid_until }),
    lines: t.field({ type: [QuoteLineType], resolve: (q) => q.lines.map((line) => ({ ...line, currency: q.currency })) }),
    total: t.field({ type: MoneyType, resolve: (q) => money(q.total_minor, q.currency) }),
    quotedMinutes: t.exposeInt('quoted_minutes', { description: 'The hours quoted, in minutes.' }),
    loggedMinutes: t.exposeInt('logged_minutes', { description: 'Time delivered against it so far.' }),
    customer: t.field({ type: CustomerType, resolve: (q) => q.customer_id }),
    ticket: t.field({ type: TicketType, nullable: true, resolve: (q) => q.ticket_id }),
    contract: t.field({ type: ContractType, nullable: true, resolve: (q) => q.contract_id }),
    supersedes: t.field({ type: QuoteType, nullable: true, resolve: (q) => q.supersedes_id }),
    supersededBy: t.field({ type: QuoteType, nullable: true, resolve: (q) => q.superseded_by_id }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    sentAt: t.expose('sent_at', { type: 'DateTime', nullable: true }),
    decidedAt: t.expose('decided_at', { type: 'DateTime', nullable: true }),
    decidedBy: t.field({ type: ContactType, nullable: true, description: 'The contact who accepted or declined.', resolve: (q) => q.decided_by_contact_id }),
    decisionNote: t.exposeString('decision_note', { nullable: true }),
    addressedTo: t.loadable({
      type: QuoteRecipientType,
      nullable: true,
      description: 'Who the quote is addressed to: the ticket’s requester, the consulting request’s sender, or a key contact of the renewed contract.',
      load: (ids: string[], ctx) => quoteRecipients(ctx, ids),
      resolve: (q) => q.id,
    }),
    version: t.exposeInt('version'),
  }),
})

builder.queryField('quotes', (t) =>
  t.connection({
    type: QuoteType,
    description: 'Quotes, newest first (customers see their own once sent).',
    authScopes: { signedIn: true },
    args: { status: t.arg({ type: QuoteStatusEnum }), customerId: t.arg.globalID({ for: CustomerType }), ticketId: t.arg.globalID({ for: TicketType }) },
    resolve: (_root, args, ctx) => listQuotes(ctx, { ...args, customerId: args.customerId?.id, ticketId: args.ticketId?.id }),
  }),
)

builder.queryField('quote', (t) =>
  t.field({
    type: QuoteType,
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ required: true, for: QuoteType }) },
    resolve: (_root, { id }, ctx) => QuoteType.getDataloader(ctx).load(id.id).catch(() => null),
  }),
)

builder.objectField(TicketType, 'quotes', (t) =>
  t.loadableList({
    type: QuoteType,
    description: 'Quotes for this ticket’s Professional Services, newest first.',
    load: (ticketIds: string[], ctx) => quotesOfTickets(ctx, ticketIds),
    resolve: (ticket) => ticket.id,
  }),
)

builder.objectField(TicketType, 'recommendsTraining', (t) =>
  t.boolean({
    description: 'For general training questions: recommend the free Daily Demo or an in-depth training module.',
    resolve: (ticket) => ticket.category === 'GENERAL_TRAINING',
  }),
)

const QuoteLineInput = builder.inputType('QuoteLineInput', {
  fields: (t) => ({
    kind: t.field({ type: builder.enumType('QuoteLineInputKind', { values: LINE_KINDS }), required: true }),
    description: t.string(),
    quantity: t.string({ required: true, description: 'Hours for HOURS, else a count; e.g. "1.25".' }),
    trainingModuleId: t.id(),
    unitPrice: t.string({ description: 'For OTHER lines, e.g. "250.00" in the customer’s currency.' }),
  }),
})

const QUOTE_ERRORS = [ValidationError, NotFoundError, ForbiddenError, ConflictError, PolicyError]

builder.mutationField('createQuote', (t) =>
  t.field({
    type: QuoteType,
    description: 'A draft quote in the customer’s currency; the server prices every line and the total.',
    authScopes: { staff: true },
    errors: { types: QUOTE_ERRORS, dataField: { name: 'quote' } },
    args: {
      customerId: t.arg.globalID({ required: true, for: CustomerType }),
      ticketId: t.arg.globalID({ for: TicketType }),
      consultingRequestId: t.arg.id(),
      lines: t.arg({ type: [QuoteLineInput], required: true }),
      validUntil: t.arg({ type: 'Date' }),
    },
    resolve: (_root, args, ctx) =>
      createQuote(ctx, {
        customerId: args.customerId.id,
        ticketId: args.ticketId?.id,
        consultingRequestId: args.consultingRequestId ? String(args.consultingRequestId) : null,
        lines: args.lines.map((line) => ({ ...line, trainingModuleId: line.trainingModuleId ? String(line.trainingModuleId) : null })),
        validUntil: args.validUntil,
      }),
  }),
)

builder.mutationField('updateDraftQuote', (t) =>
  t.field({
    type: QuoteType,
    description: 'Changes a draft; a sent quote is never edited (revise it instead).',
    authScopes: { staff: true },
    errors: { types: QUOTE_ERRORS, dataField: { name: 'quote' } },
    args: { quoteId: t.arg.globalID({ required: true, for: QuoteType }), lines: t.arg({ type: [QuoteLineInput] }), validUntil: t.arg({ type: 'Date' }) },
    resolve: (_root, args, ctx) =>
      updateDraftQuote(ctx, {
        quoteId: args.quoteId.id,
        lines: args.lines?.map((line) => ({ ...line, trainingModuleId: line.trainingModuleId ? String(line.trainingModuleId) : null })),
        validUntil: args.validUntil,
      }),
  }),
)

for (const [name, description, run] of [
  ['sendQuote', 'Sends a draft to the customer for acceptance.', sendQuote],
  ['withdrawQuote', 'Withdraws a draft or a sent quote.', withdrawQuote],
  ['reviseQuote', 'Starts a revision: a new draft that supersedes this quote (a sent one is withdrawn).', reviseQuote],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: QuoteType,
      description,
      authScopes: { staff: true },
      errors: { types: QUOTE_ERRORS, dataField: { name: 'quote' } },
      args: { quoteId: t.arg.globalID({ required: true, for: QuoteType }) },
      resolve: (_root, { quoteId }, ctx) => run(ctx, quoteId.id),
    }),
  )
}

builder.mutationField('createRenewalQuote', (t) =>
  t.field({
    type: QuoteType,
    description: 'A renewal quote for a maintenance or premium contract, priced by the contract rules.',
    authScopes: { staff: true },
    errors: { types: QUOTE_ERRORS, dataField: { name: 'quote' } },
    args: { contractId: t.arg.globalID({ required: true, for: ContractType }) },
    resolve: (_root, { contractId }, ctx) => createRenewalQuote(ctx, contractId.id),
  }),
)

for (const [name, decision] of [
  ['acceptQuote', 'ACCEPTED'],
  ['declineQuote', 'DECLINED'],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: QuoteType,
      description: `The customer ${decision === 'ACCEPTED' ? 'accepts' : 'declines'} a sent quote (a key contact or customer admin, in the portal).`,
      authScopes: { contact: true },
      errors: { types: QUOTE_ERRORS, dataField: { name: 'quote' } },
      args: { quoteId: t.arg.globalID({ required: true, for: QuoteType }), note: t.arg.string() },
      resolve: (_root, args, ctx) => decideQuote(ctx, decision, { quoteId: args.quoteId.id, note: args.note }),
    }),
  )
}

builder.mutationField('escalateTicket', (t) =>
  t.field({
    type: QuoteType,
    description: 'Escalates a ticket to Professional Services: its clocks pause and a draft quote starts with the estimated hours.',
    authScopes: { staff: true },
    errors: { types: QUOTE_ERRORS, dataField: { name: 'quote' } },
    args: { ticketId: t.arg.globalID({ required: true, for: TicketType }), estimatedHours: t.arg.string({ required: true }), description: t.arg.string() },
    resolve: (_root, args, ctx) => escalateTicket(ctx, { ...args, ticketId: args.ticketId.id }),
  }),
)

const LoggedTimeType = builder.objectRef<LoggedTime>('LoggedTime').implement({
  fields: (t) => ({
    quote: t.field({ type: QuoteType, resolve: (l) => l.quote }),
    minutes: t.exposeInt('minutes'),
    warning: t.exposeString('warning', { nullable: true, description: 'Set from 80% of the quoted hours.' }),
    remainingMinutes: t.exposeInt('remainingMinutes'),
  }),
})

builder.mutationField('logTime', (t) =>
  t.field({
    type: LoggedTimeType,
    description: 'Logs Professional Services time on a ticket against its accepted quote; refused past 100% without a change order.',
    authScopes: { staff: true },
    errors: { types: QUOTE_ERRORS, dataField: { name: 'logged' } },
    args: {
      ticketId: t.arg.globalID({ required: true, for: TicketType }),
      minutes: t.arg.int({ required: true }),
      note: t.arg.string({ required: true }),
      workedOn: t.arg({ type: 'Date' }),
    },
    resolve: (_root, args, ctx) => logTime(ctx, { ...args, ticketId: args.ticketId.id }),
  }),
)

const ConsultingRequestType = builder.objectRef<ConsultingRequestRow>('ConsultingRequest').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    organisation: t.exposeString('organisation'),
    contactName: t.exposeString('contact_name'),
    email: t.exposeString('email'),
    phone: t.exposeString('phone', { nullable: true }),
    message: t.exposeString('message'),
    status: t.exposeString('status'),
    customer: t.field({ type: CustomerType, resolve: (r) => r.customer_id }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
})

builder.queryField('consultingRequests', (t) =>
  t.connection({
    type: ConsultingRequestType,
    description: 'Requests from the public consulting form, newest first (staff).',
    authScopes: { staff: true },
    args: { status: t.arg.string() },
    resolve: (_root, args, ctx) => listConsultingRequests(ctx, args),
  }),
)

const ConsultingReceived = builder.objectRef<{ accepted: true }>('ConsultingRequestReceived').implement({
  fields: (t) => ({ accepted: t.boolean({ resolve: () => true }) }),
})

builder.mutationField('submitConsultingRequest', (t) =>
  t.field({
    type: ConsultingReceived,
    description: 'The public consulting request form (no sign-in); an unknown organisation becomes a prospect.',
    authScopes: { public: true },
    errors: { types: [ValidationError, TooManyAttemptsError], dataField: { name: 'received' } },
    args: {
      organisation: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      phone: t.arg.string(),
      message: t.arg.string({ required: true }),
      website: t.arg.string({ description: 'Leave empty.' }),
    },
    resolve: (_root, args, ctx) => submitConsultingRequest(ctx, args),
  }),
)
