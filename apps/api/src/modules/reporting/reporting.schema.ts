import { builder } from '../../graphql/builder.js'
import { CurrencyEnum, DeskEnum } from '../../graphql/enum-types.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { CustomerType } from '../customers/customers.schema.js'
import { SupportPlanEnum } from '../sla/sla.schema.js'
import {
  attainment,
  backlog,
  distributions,
  quotePipeline,
  scopeMix,
  type AttainmentRow,
  type BacklogRow,
  type DistributionBucket,
  type QuotePipelineRow,
  type ScopeMixRow,
} from './reporting.service.js'

const ReportFilterInput = builder.inputType('ReportFilter', {
  description: 'Tickets received from `from` (inclusive) to `to` (exclusive), at most 731 days; NOT_ENTITLED tickets never count.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true }),
    desk: t.field({ type: DeskEnum }),
    plan: t.field({ type: SupportPlanEnum }),
    customerId: t.globalID({ for: CustomerType }),
  }),
})

const AttainmentRowType = builder.objectRef<AttainmentRow>('AttainmentRow').implement({
  description: 'Targets met and breached for tickets received in one month (UTC), on one desk and plan.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM.' }),
    desk: t.field({ type: DeskEnum, resolve: (r) => r.desk }),
    plan: t.field({ type: SupportPlanEnum, resolve: (r) => r.plan }),
    target: t.exposeString('target', { description: 'FIRST_RESPONSE or RESOLUTION.' }),
    kind: t.exposeString('kind', { description: 'GOAL, or GUARANTEE for the premium first response.' }),
    met: t.exposeInt('met'),
    breached: t.exposeInt('breached'),
    open: t.exposeInt('open', { description: 'Not decided yet.' }),
    rate: t.float({ nullable: true, description: 'met / (met + breached), null when nothing was decided.', resolve: (r) => (r.met + r.breached ? r.met / (r.met + r.breached) : null) }),
  }),
})

const DistributionType = builder.objectRef<DistributionBucket>('DurationBucket').implement({
  fields: (t) => ({
    target: t.exposeString('target'),
    fromHours: t.exposeInt('fromHours'),
    toHours: t.exposeInt('toHours', { nullable: true }),
    count: t.exposeInt('count'),
  }),
})

const BacklogRowType = builder.objectRef<BacklogRow>('BacklogRow').implement({
  fields: (t) => ({
    status: t.exposeString('status'),
    desk: t.field({ type: DeskEnum, resolve: (r) => r.desk }),
    age: t.exposeString('age', { description: '<1d, 1-3d, 3-7d or >7d since receipt.' }),
    count: t.exposeInt('count'),
  }),
})

const ScopeMixRowType = builder.objectRef<ScopeMixRow>('ScopeMixRow').implement({
  fields: (t) => ({ category: t.exposeString('category'), scope: t.exposeString('scope'), count: t.exposeInt('count') }),
})

const QuotePipelineRowType = builder.objectRef<QuotePipelineRow>('QuotePipelineRow').implement({
  fields: (t) => ({
    status: t.exposeString('status'),
    currency: t.field({ type: CurrencyEnum, resolve: (r) => r.currency }),
    count: t.exposeInt('count'),
    totalMinor: t.field({ type: 'SafeInt', resolve: (r) => r.totalMinor }),
    quotedMinutes: t.field({ type: 'SafeInt', resolve: (r) => r.quotedMinutes }),
    loggedMinutes: t.field({ type: 'SafeInt', resolve: (r) => r.loggedMinutes }),
  }),
})

const ERRORS = [ValidationError, ForbiddenError]
const toFilter = (input: { from: Date; to: Date; desk?: 'PACIFIC' | 'UK' | null; plan?: 'PREMIUM' | 'STANDARD' | null; customerId?: { id: string } | null }) => ({
  ...input,
  customerId: input.customerId?.id ?? null,
})

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

builder.queryField('responseTimes', (t) =>
  t.field({
    type: [DistributionType],
    description: 'How long first responses and resolutions took, in business hours, bucketed.',
    authScopes: { signedIn: true },
    errors: { types: ERRORS, dataField: { name: 'buckets' } },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => distributions(ctx, toFilter(filter)),
  }),
)

builder.queryField('backlog', (t) =>
  t.field({
    type: [BacklogRowType],
    description: 'Open tickets now, by status, desk and age (staff).',
    authScopes: { staff: true },
    args: { desk: t.arg({ type: DeskEnum }), plan: t.arg({ type: SupportPlanEnum }) },
    resolve: (_root, args, ctx) => backlog(ctx, args),
  }),
)

builder.queryField('scopeMix', (t) =>
  t.field({
    type: [ScopeMixRowType],
    description: 'Tickets received by category and scope decision (staff).',
    authScopes: { staff: true },
    errors: { types: ERRORS, dataField: { name: 'rows' } },
    args: { filter: t.arg({ type: ReportFilterInput, required: true }) },
    resolve: (_root, { filter }, ctx) => scopeMix(ctx, toFilter(filter)),
  }),
)

builder.queryField('quotePipeline', (t) =>
  t.field({
    type: [QuotePipelineRowType],
    description: 'Quotes created in the range by status, totals per currency, delivered against quoted time (staff).',
    authScopes: { staff: true },
    errors: { types: ERRORS, dataField: { name: 'rows' } },
    args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
    resolve: (_root, args, ctx) => quotePipeline(ctx, args),
  }),
)
