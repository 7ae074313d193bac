import { builder } from '../../graphql/builder.js'
import { DeskEnum } from '../../graphql/enum-types.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { weekdayName } from './local-time.js'
import {
  addDeskHoliday,
  deskOpenStretches,
  holidaysOf,
  holidayYearsOf,
  listDesks,
  MAX_STRETCH_RANGE_DAYS,
  previewSla,
  removeDeskHoliday,
  setDeskHours,
  type DeskHolidayView,
  type DeskView,
  type LocalStretchView,
  type OpenStretchView,
  type SlaPreviewView,
} from './sla.service.js'
import type { WeeklyWindow } from '@covered/domain'

export const SupportPlanEnum = builder.enumType('SupportPlan', {
  description: 'The plan a ticket’s SLA clock runs on (policy section 5).',
  values: {
    PREMIUM: { description: 'Both desks together (follow the sun); first response guaranteed within 4 business hours.' },
    STANDARD: { description: 'The customer’s home desk alone; first response the same support day (a goal).' },
  } as const,
})

export const SlaTargetKindEnum = builder.enumType('SlaTargetKind', {
  description: 'A GOAL is reported on; a GUARANTEE missed is recorded against the premium contract.',
  values: { GOAL: {}, GUARANTEE: {} } as const,
})

const SlaWarningCodeEnum = builder.enumType('SlaWarningCode', {
  description: 'Why an answer may be less certain than usual.',
  values: {
    NO_HOLIDAYS_FOR_YEAR: { description: 'A desk has no holidays recorded for a year the answer spans: weekdays and hours alone were used.' },
  } as const,
})

const SlaCalendarDeskType = builder.objectRef<SlaPreviewView['calendarDesks'][number]>('SlaCalendarDesk').implement({
  description: 'A desk whose hours a calendar follows.',
  fields: (t) => ({
    code: t.field({ type: DeskEnum, resolve: (desk) => desk.code }),
    name: t.exposeString('name'),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone of the desk’s hours, e.g. Europe/London.' }),
  }),
})

const SlaWarningType = builder.objectRef<SlaPreviewView['warnings'][number]>('SlaWarning').implement({
  description: 'Something about the data behind an answer that a person should know.',
  fields: (t) => ({
    code: t.field({ type: SlaWarningCodeEnum, resolve: (warning) => warning.code }),
    desk: t.field({ type: DeskEnum, resolve: (warning) => warning.desk }),
    year: t.exposeInt('year'),
    message: t.exposeString('message'),
  }),
})

const SlaPreviewType = builder.objectRef<SlaPreviewView>('SlaPreview').implement({
  description: 'When a question received at an instant would be due, on the desks’ current hours and holidays.',
  fields: (t) => ({
    plan: t.field({ type: SupportPlanEnum, resolve: (preview) => preview.plan }),
    homeDesk: t.field({ type: DeskEnum, resolve: (preview) => preview.homeDesk }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    firstResponseDueAt: t.expose('firstResponseDueAt', { type: 'DateTime', description: 'UTC.' }),
    firstResponseKind: t.field({
      type: SlaTargetKindEnum,
      description: 'GUARANTEE on PREMIUM (4 business hours), GOAL on STANDARD (the same support day).',
      resolve: (preview) => preview.firstResponseKind,
    }),
    resolutionDueAt: t.expose('resolutionDueAt', { type: 'DateTime', description: 'UTC: 24 business hours after receipt.' }),
    resolutionKind: t.field({ type: SlaTargetKindEnum, resolve: (preview) => preview.resolutionKind }),
    calendarDesks: t.field({
      type: [SlaCalendarDeskType],
      description: 'The desks whose hours the calendar follows: the home desk on STANDARD, both desks on PREMIUM.',
      resolve: (preview) => preview.calendarDesks,
    }),
    warnings: t.field({ type: [SlaWarningType], resolve: (preview) => preview.warnings }),
  }),
})

builder.queryField('slaPreview', (t) =>
  t.field({
    type: SlaPreviewType,
    description: 'When would a question sent at `receivedAt` be answered? Public, for the portal and integrators.',
    authScopes: { public: true },
    errors: { types: [ValidationError], dataField: { name: 'preview' } },
    args: {
      plan: t.arg({ type: SupportPlanEnum, required: true }),
      homeDesk: t.arg({ type: DeskEnum, required: true, description: 'The customer’s home desk (used by STANDARD).' }),
      receivedAt: t.arg({ type: 'DateTime', required: true }),
    },
    resolve: (_root, args, ctx) => previewSla(ctx, args),
  }),
)

const DeskHoursType = builder.objectRef<WeeklyWindow>('DeskHours').implement({
  description: 'A weekly opening window in the desk’s local time: open from `opens` up to, not including, `closes`.',
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' }),
    weekdayName: t.string({ resolve: (window) => weekdayName(window.weekday) }),
    opens: t.exposeString('opens', { description: 'HH:MM local time.' }),
    closes: t.exposeString('closes', { description: 'HH:MM local time; 24:00 is midnight at the end of the day.' }),
  }),
})

const DeskHolidayType = builder.objectRef<DeskHolidayView>('DeskHoliday').implement({
  description: 'A local date on which the desk is closed all day.',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD in the desk’s time zone.' }),
    name: t.exposeString('name'),
  }),
})

const LocalStretchType = builder.objectRef<LocalStretchView>('LocalStretch').implement({
  description: 'An open stretch in one desk’s local wall-clock time.',
  fields: (t) => ({
    desk: t.field({ type: DeskEnum, resolve: (local) => local.desk }),
    timeZone: t.exposeString('timeZone'),
    start: t.exposeString('start', { description: 'ISO 8601 local time with that moment’s offset, e.g. 2026-01-05T07:00:00-08:00.' }),
    end: t.exposeString('end'),
  }),
})

const OpenStretchType = builder.objectRef<OpenStretchView>('OpenStretch').implement({
  description: 'A contiguous stretch of open time: open from `start`, closed from `end`.',
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime', description: 'UTC.' }),
    end: t.expose('end', { type: 'DateTime', description: 'UTC.' }),
    local: t.field({ type: [LocalStretchType], description: 'The same stretch in each desk’s local time.', resolve: (stretch) => stretch.local }),
  }),
})

export const SupportDeskType = builder.objectRef<DeskView>('SupportDesk').implement({
  description: 'A support desk with its weekly hours and holidays, which run the SLA clock.',
  authScopes: { staff: true },
  fields: (t) => ({
    code: t.field({ type: DeskEnum, resolve: (desk) => desk.code }),
    name: t.exposeString('name'),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone of the hours and holidays.' }),
    version: t.exposeInt('version', { description: 'Send it back with new hours; a stale version is refused as a CONFLICT.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    hours: t.field({ type: [DeskHoursType], description: 'Weekly windows by weekday, then opening time.', resolve: (desk) => desk.hours }),
    holidayYears: t.intList({ description: 'Years with at least one holiday recorded.', resolve: (desk) => holidayYearsOf(desk) }),
    holidays: t.field({
      type: [DeskHolidayType],
      description: 'Holidays in date order, of one year or (without `year`) all.',
      args: { year: t.arg.int() },
      resolve: (desk, { year }) => holidaysOf(desk, year),
    }),
    openStretches: t.field({
      type: [OpenStretchType],
      description: `The desk’s open stretches between two instants (at most ${MAX_STRETCH_RANGE_DAYS} days), in UTC and in each desk’s local time.`,
      errors: { types: [ValidationError], dataField: { name: 'stretches' } },
      args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
      resolve: (desk, args, ctx) => deskOpenStretches(ctx, desk, args),
    }),
  }),
})

builder.queryField('desks', (t) =>
  t.field({
    type: [SupportDeskType],
    description: 'Both support desks with their hours and holidays (staff).',
    authScopes: { staff: true },
    resolve: (_root, _args, ctx) => listDesks(ctx),
  }),
)

const DeskHoursInput = builder.inputType('DeskHoursInput', {
  description: 'A weekly opening window in the desk’s local time.',
  fields: (t) => ({
    weekday: t.int({ required: true, description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' }),
    opens: t.string({ required: true, description: 'HH:MM, 00:00-23:59.' }),
    closes: t.string({ required: true, description: 'HH:MM after `opens`; 24:00 for midnight.' }),
  }),
})

const CHANGE_ERRORS = [ValidationError, ConflictError, NotFoundError, ForbiddenError]

builder.mutationField('setDeskHours', (t) =>
  t.field({
    type: SupportDeskType,
    description: 'Replaces a desk’s weekly hours (admins). Due times use them at once; the change is audited.',
    authScopes: { admin: true },
    errors: { types: CHANGE_ERRORS, dataField: { name: 'desk' } },
    args: {
      desk: t.arg({ type: DeskEnum, required: true }),
      expectedVersion: t.arg.int({ required: true, description: 'The desk’s version as loaded.' }),
      hours: t.arg({ type: [DeskHoursInput], required: true }),
    },
    resolve: (_root, args, ctx) => setDeskHours(ctx, args),
  }),
)

builder.mutationField('addDeskHoliday', (t) =>
  t.field({
    type: SupportDeskType,
    description: 'Closes a desk all day on a local date (admins). Audited.',
    authScopes: { admin: true },
    errors: { types: CHANGE_ERRORS, dataField: { name: 'desk' } },
    args: {
      desk: t.arg({ type: DeskEnum, required: true }),
      date: t.arg.string({ required: true, description: 'YYYY-MM-DD, between 2000 and 2100.' }),
      name: t.arg.string({ required: true, description: 'E.g. "Boxing Day (substitute day)".' }),
    },
    resolve: (_root, args, ctx) => addDeskHoliday(ctx, args),
  }),
)

builder.mutationField('removeDeskHoliday', (t) =>
  t.field({
    type: SupportDeskType,
    description: 'Removes a desk’s holiday on a local date (admins). Audited.',
    authScopes: { admin: true },
    errors: { types: CHANGE_ERRORS, dataField: { name: 'desk' } },
    args: {
      desk: t.arg({ type: DeskEnum, required: true }),
      date: t.arg.string({ required: true, description: 'YYYY-MM-DD.' }),
    },
    resolve: (_root, args, ctx) => removeDeskHoliday(ctx, args),
  }),
)
