import { builder } from '../../graphql/builder.js'
import { CurrencyEnum, DeskEnum } from '../../graphql/enum-types.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { CustomerType } from '../customers/customers.schema.js'
import { SlaTargetKindEnum, SupportPlanEnum } from '../sla/sla.schema.js'
import { TicketCategoryEnum, TicketStatusEnum, TicketType } from '../tickets/tickets.schema.js'
import {
  attainment,
  backlog,
  distributions,
  MAX_REPORT_DAYS,
  quotePipeline,
  renewalsOutlook,
  reportTickets,
  scopeMix,
  slaSummary,
  ticketsAtRisk,
  type AtRisk,
  type AtRiskItem,
  type AttainmentRow,
  type BacklogRow,
  type DistributionBucket,
  type QuotePipelineRow,
  type RenewalOutlookRow,
  type ReportTicketRow,
  type ScopeMixRow,
  type SlaSummary,
  type SlaSummaryRow,
} from './reporting.service.js'

const ReportFilterInput = builder.inputType('ReportFilter', {
  description: `Tickets received from \`from\` (inclusive) to \`to\` (exclusive), at most ${MAX_REPORT_DAYS} days; NOT_ENTITLED tickets never count. A contact always gets their own organisation.`,
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true }),
    desk: t.field({ type: DeskEnum }),
    plan: t.field({ type: SupportPlanEnum }),
    customerId: t.globalID({ for: CustomerType }),
  }),
})

const NowFilterInput = builder.inputType('ReportNowFilter', {
  description: 'Filters of the reports about now (backlog, tickets at risk, renewals due): no date range.',
  fields: (t) => ({
    desk: t.field({ type: DeskEnum }),
    plan: t.field({ type: SupportPlanEnum }),
    customerId: t.globalID({ for: CustomerType }),
  }),
})

const ReportTargetEnum = builder.enumType('ReportTarget', {
  description: 'Which response-time target a figure is about.',
  values: ['FIRST_RESPONSE', 'RESOLUTION'] as const,
})

const rate = (r: { met: number; breached: number }) => (r.met + r.breached ? r.met / (r.met + r.breached) : null)
const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 36_000) / 100)

const AttainmentRowType = builder.objectRef<AttainmentRow>('AttainmentRow').implement({
  description: 'Targets met and breached for tickets received in one month (UTC), on one desk and plan.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM.' }),
    desk: t.field({ type: DeskEnum, resolve: (r) => r.desk }),
    plan: t.field({ type: SupportPlanEnum, resolve: (r) => r.plan }),
    target: t.field({ type: ReportTargetEnum, resolve: (r) => r.target }),
    kind: t.field({ type: SlaTargetKindEnum, description: 'GOAL, or GUARANTEE for the premium first response.', resolve: (r) => r.kind }),
    met: t.exposeInt('met'),
    breached: t.exposeInt('breached'),
    open: t.exposeInt('open', { description: 'Not decided yet.' }),
    rate: t.float({ nullable: true, description: 'met / (met + breached), null when nothing was decided.', resolve: rate }),
  }),
})

const SlaSummaryRowType = builder.objectRef<SlaSummaryRow>('SlaSummaryRow').implement({
  description: 'Attainment and time taken for one target and kind, in one month or over the whole range.',
  fields: (t) => ({
    month: t.exposeString('month', { nullable: true, description: 'YYYY-MM (UTC, by receipt); null for the whole range.' }),
    target: t.field({ type: ReportTargetEnum, resolve: (r) => r.target }),
    kind: t.field({ type: SlaTargetKindEnum, description: 'The premium first response is the GUARANTEE; everything else a GOAL.', resolve: (r) => r.kind }),
    met: t.exposeInt('met'),
    breached: t.exposeInt('breached'),
    open: t.exposeInt('open', { description: 'Not decided yet (running, paused or warned).' }),
    rate: t.float({ nullable: true, description: 'met / (met + breached), null when nothing was decided.', resolve: rate }),
    measured: t.exposeInt('measured', { description: 'Targets with a measured time (answered, or resolved).' }),
    medianHours: t.float({ nullable: true, description: 'Median business hours taken, pauses excluded (2 decimals); on the whole-range rows only.', resolve: (r) => hours(r.medianMs) }),
    p90Hours: t.float({ nullable: true, description: '90th percentile of business hours taken, pauses excluded (2 decimals); on the whole-range rows only.', resolve: (r) => hours(r.p90Ms) }),
  }),
})

const SlaSummaryType = builder.objectRef<SlaSummary>('SlaSummary').implement({
  fields: (t) => ({
    byMonth: t.field({ type: [SlaSummaryRowType], description: 'Per month, oldest first.', resolve: (s) => s.byMonth }),
    overall: t.field({ type: [SlaSummaryRowType], description: 'The whole range.', resolve: (s) => s.overall }),
  }),
})

const DistributionType = builder.objectRef<DistributionBucket>('DurationBucket').implement({
  description: 'How many targets took from `fromHours` (inclusive) to `toHours` (exclusive; null: no upper bound) business hours.',
  fields: (t) => ({
    target: t.field({ type: ReportTargetEnum, resolve: (r) => r.target }),
    fromHours: t.exposeInt('fromHours'),
    toHours: t.exposeInt('toHours', { nullable: true }),
    count: t.exposeInt('count'),
  }),
})

const BacklogRowType = builder.objectRef<BacklogRow>('BacklogRow').implement({
  description: 'Open tickets of one status and age, on one desk or (desk null) on both together.',
  fields: (t) => ({
    status: t.field({ type: TicketStatusEnum, resolve: (r) => r.status as never }),
    desk: t.field({ type: DeskEnum, nullable: true, description: 'Null on the rows for both desks together.', resolve: (r) => r.desk }),
    age: t.exposeString('age', { description: '<1d, 1-3d, 3-7d or >7d since receipt.' }),
    count: t.exposeInt('count'),
  }),
})

const AtRiskItemType = builder.objectRef<AtRiskItem>('AtRiskTicket').implement({
  description: 'An open ticket with a target past 75% of its time and not breached yet.',
  fields: (t) => ({
    ticket: t.field({ type: TicketType, resolve: (r) => r.ticketId }),
    target: t.field({ type: ReportTargetEnum, description: 'The target due soonest among those at risk.', resolve: (r) => r.target }),
    kind: t.field({ type: SlaTargetKindEnum, resolve: (r) => r.kind }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
  }),
})

const AtRiskType = builder.objectRef<AtRisk>('TicketsAtRisk').implement({
  fields: (t) => ({
    count: t.exposeInt('count', { description: 'Open tickets at risk of a breach now.' }),
    breached: t.exposeInt('breached', { description: 'Open tickets with a target already breached.' }),
    tickets: t.field({ type: [AtRiskItemType], description: 'The soonest due first.', resolve: (r) => r.items }),
  }),
})

const ScopeMixRowType = builder.objectRef<ScopeMixRow>('ScopeMixRow').implement({
  fields: (t) => ({
    category: t.field({ type: TicketCategoryEnum, nullable: true, description: 'Null on the total row.', resolve: (r) => r.category as never }),
    inScope: t.exposeInt('inScope'),
    needsProfessionalServices: t.exposeInt('needsProfessionalServices'),
    needsReview: t.exposeInt('needsReview'),
    total: t.exposeInt('total'),
  }),
})

const ScopeMixType = builder.objectRef<{ rows: ScopeMixRow[]; total: ScopeMixRow }>('ScopeMix').implement({
  fields: (t) => ({
    rows: t.field({ type: [ScopeMixRowType], description: 'Per category, most asked first.', resolve: (r) => r.rows }),
    total: t.field({ type: ScopeMixRowType, description: 'Every category together.', resolve: (r) => r.total }),
  }),
})

const QuotePipelineRowType = builder.objectRef<QuotePipelineRow>('QuotePipelineRow').implement({
  fields: (t) => ({
    status: t.exposeString('status', { description: 'A QuoteStatus.' }),
    currency: t.field({ type: CurrencyEnum, resolve: (r) => r.currency }),
    count: t.exposeInt('count'),
    totalMinor: t.field({ type: 'SafeInt', resolve: (r) => r.totalMinor }),
    quotedMinutes: t.field({ type: 'SafeInt', resolve: (r) => r.quotedMinutes }),
    loggedMinutes: t.field({ type: 'SafeInt', description: 'Time delivered (logged) against these quotes.', resolve: (r) => r.loggedMinutes }),
  }),
})

const RenewalOutlookRowType = builder.objectRef<RenewalOutlookRow>('RenewalOutlookRow').implement({
  description: 'Contracts whose cover ends within `withinDays` days (the shorter windows included), in one currency.',
  fields: (t) => ({
    withinDays: t.exposeInt('withinDays'),
    currency: t.field({ type: CurrencyEnum, resolve: (r) => r.currency }),
    count: t.exposeInt('count'),
    valueMinor: t.field({ type: 'SafeInt', description: 'Renewal value at the current license price.', resolve: (r) => r.valueMinor }),
  }),
})

const ReportTicketType = builder.objectRef<ReportTicketRow>('ReportTicket').implement({
  description: 'A ticket a report counts, with the business time its targets took.',
  fields: (t) => ({
    ticket: t.field({ type: TicketType, resolve: (r) => r.id }),
    firstResponseHours: t.float({ nullable: true, description: 'Business hours to the first response, pauses excluded; null until answered.', resolve: (r) => hours(r.first_response_business_ms === null ? null : Number(r.first_response_business_ms)) }),
    resolutionHours: t.float({ nullable: true, description: 'Business hours to resolution, pauses excluded; null until resolved.', resolve: (r) => hours(r.resolution_business_ms === null ? null : Number(r.resolution_business_ms)) }),
  }),
})

const ERRORS = [ValidationError, ForbiddenError]
type FilterArg = { from: Date; to: Date; desk?: 'PACIFIC' | 'UK' | null; plan?: 'PREMIUM' | 'STANDARD' | null; customerId?: { id: string } | null }
type NowArg = { desk?: 'PACIFIC' | 'UK' | null; plan?: 'PREMIUM' | 'STANDARD' | null; customerId?: { id: string } | null } | null | undefined
const toFilter = (input: FilterArg) => ({ ...input, customerId: input.customerId?.id ?? null })
const toNow = (input: NowArg) => ({ desk: input?.desk ?? null, plan: input?.plan ?? null, customerId: input?.customerId?.id ?? null })

builder.queryField('slaAttainment', (t) =>
  t.field({
    type: [AttainmentRowType],
    description: 'SLA attainment per month, desk, plan and target (staff; a contact gets their own organisation’s).',
    authScopes: { signedIn: true },
    errors: { types: ERRORS, dataField: { name: 'rows' } },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => attainment(ctx, toFilter(filter)),
  }),
)

builder.queryField('slaSummary', (t) =>
  t.field({
    type: SlaSummaryType,
    description: 'Attainment per month and over the range per target, with the business time taken over the range; the premium guarantee apart from the goals (staff; a contact gets their own organisation’s).',
    authScopes: { signedIn: true },
    errors: { types: ERRORS, dataField: { name: 'summary' } },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => slaSummary(ctx, toFilter(filter)),
  }),
)

builder.queryField('responseTimes', (t) =>
  t.field({
    type: [DistributionType],
    description: 'How long first responses and resolutions took, in business hours, bucketed (every bucket, empty ones with 0).',
    authScopes: { signedIn: true },
    errors: { types: ERRORS, dataField: { name: 'buckets' } },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => distributions(ctx, toFilter(filter)),
  }),
)

builder.queryField('reportTickets', (t) =>
  t.connection({
    type: ReportTicketType,
    description: 'The tickets a report counts, newest received first, with the business time each target took.',
    authScopes: { signedIn: true },
    errors: { types: ERRORS },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter, ...page }, ctx) => reportTickets(ctx, { ...toFilter(filter), ...page }),
  }),
)

builder.queryField('backlog', (t) =>
  t.field({
    type: [BacklogRowType],
    description: 'Open tickets now, by status, desk and age, and by status and age over both desks (desk null) (staff).',
    authScopes: { staff: true },
    errors: { types: ERRORS, dataField: { name: 'rows' } },
    args: { filter: t.arg({ type: NowFilterInput }) },
    resolve: (_root, { filter }, ctx) => backlog(ctx, toNow(filter)),
  }),
)

builder.queryField('ticketsAtRisk', (t) =>
  t.field({
    type: AtRiskType,
    description: 'Open tickets at risk of breaching a target now (past 75% of its time), the soonest due first (staff).',
    authScopes: { staff: true },
    errors: { types: ERRORS, dataField: { name: 'atRisk' } },
    args: { filter: t.arg({ type: NowFilterInput }), limit: t.arg.int({ description: 'At most 50; default 10.' }) },
    resolve: (_root, { filter, limit }, ctx) => ticketsAtRisk(ctx, { ...toNow(filter), limit }),
  }),
)

builder.queryField('scopeMix', (t) =>
  t.field({
    type: ScopeMixType,
    description: 'Tickets received by category and scope decision: how much needs Professional Services (staff).',
    authScopes: { staff: true },
    errors: { types: ERRORS, dataField: { name: 'mix' } },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => scopeMix(ctx, toFilter(filter)),
  }),
)

builder.queryField('quotePipeline', (t) =>
  t.field({
    type: [QuotePipelineRowType],
    description: 'Quotes created in the range by status, totals per currency, delivered against quoted time; desk is the customer’s home desk, plan does not apply (staff).',
    authScopes: { staff: true },
    errors: { types: ERRORS, dataField: { name: 'rows' } },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => quotePipeline(ctx, toFilter(filter)),
  }),
)

builder.queryField('renewalsOutlook', (t) =>
  t.field({
    type: [RenewalOutlookRowType],
    description: 'Renewals due within 30, 60 and 90 days with their value per currency; plan PREMIUM means premium support contracts, STANDARD maintenance (staff).',
    authScopes: { staff: true },
    errors: { types: ERRORS, dataField: { name: 'rows' } },
    args: { filter: t.arg({ type: NowFilterInput }) },
    resolve: (_root, { filter }, ctx) => renewalsOutlook(ctx, toNow(filter)),
  }),
)
