import { builder } from '../../graphql/builder.js'
import { NotFoundError, ValidationError } from '../../errors.js'
import { EMAIL_KINDS, PREFERENCE_BY_KIND } from '../notifications/kinds.js'
import { TicketType } from '../tickets/tickets.schema.js'
import {
  attemptsOfEmails,
  emailCounts,
  listEmailMessages,
  loadEmailMessages,
  previewEmail,
  sendEmailPreview,
  type DeliveryAttemptRow,
  type EmailMessageRow,
  type EmailPreview,
} from './mail.service.js'

export const EmailStatusEnum = builder.enumType('EmailStatus', {
  description: 'QUEUED (waiting for the worker, or for its next try), SENT, or FAILED (given up after retries, or refused for good).',
  values: ['QUEUED', 'SENT', 'FAILED'] as const,
})

export const EmailKindEnum = builder.enumType('EmailKind', {
  description: 'A kind of notification email, with its own template.',
  values: EMAIL_KINDS,
})

const RecipientKindEnum = builder.enumType('EmailAudience', {
  description: 'Who a kind of email goes to: CONTACT (customers, links to the portal) or STAFF (links to the admin app).',
  values: ['CONTACT', 'STAFF'] as const,
})

const DeliveryAttemptType = builder.objectRef<DeliveryAttemptRow>('EmailDeliveryAttempt').implement({
  description: 'One try at handing a message to the mail server (or, without SMTP_URL, keeping it).',
  fields: (t) => ({
    id: t.exposeID('id'),
    attemptedAt: t.expose('attempted_at', { type: 'DateTime' }),
    outcome: t.exposeString('outcome', { description: 'SENT or FAILED.' }),
    detail: t.exposeString('detail', { description: 'What the server answered, or why it failed.' }),
  }),
})

export const EmailMessageType = builder.loadableNodeRef<EmailMessageRow, string>('EmailMessage', {
  id: { resolve: (m) => m.id },
  load: (ids, ctx) => loadEmailMessages(ctx, ids),
  sort: (m) => m.id,
})

EmailMessageType.implement({
  description: 'One email in the outbox (admins): its parts as sent, its status and its delivery log.',
  authScopes: { admin: true },
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'TICKET_RECEIVED, SLA_BREACHED, PASSWORD_RESET, ...' }),
    kindLabel: t.string({
      description: 'The kind in words.',
      resolve: (m) => PREFERENCE_BY_KIND.get(m.kind as never)?.label ?? m.kind.toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    }),
    toAddress: t.exposeString('to_address'),
    toName: t.exposeString('to_name'),
    subject: t.exposeString('subject'),
    textBody: t.exposeString('text_body'),
    htmlBody: t.exposeString('html_body', { description: 'The HTML part as sent: show it in a sandboxed frame.' }),
    status: t.field({ type: EmailStatusEnum, resolve: (m) => m.status }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the worker tries it next (QUEUED only).',
      resolve: (m) => (m.status === 'QUEUED' ? m.next_attempt_at : null),
    }),
    lastError: t.exposeString('last_error', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    sentAt: t.expose('sent_at', { type: 'DateTime', nullable: true }),
    ticket: t.field({
      type: TicketType,
      nullable: true,
      resolve: (m) => m.ticket_id,
    }),
    deliveryAttempts: t.loadableList({
      type: DeliveryAttemptType,
      description: 'Every attempt, oldest first.',
      load: (ids: string[], ctx) => attemptsOfEmails(ctx, ids),
      resolve: (m) => m.id,
    }),
  }),
})

const EmailCountsType = builder.objectRef<Record<'QUEUED' | 'SENT' | 'FAILED', number>>('EmailCounts').implement({
  fields: (t) => ({
    queued: t.int({ resolve: (c) => c.QUEUED }),
    sent: t.int({ resolve: (c) => c.SENT }),
    failed: t.int({ resolve: (c) => c.FAILED }),
  }),
})

builder.queryField('emailMessages', (t) =>
  t.connection({
    type: EmailMessageType,
    description: 'The outbox, newest first (admins): what was sent, to whom, and what is still queued or failed.',
    authScopes: { admin: true },
    args: {
      status: t.arg({ type: EmailStatusEnum }),
      kind: t.arg.string({ description: 'Only this kind, e.g. SLA_BREACHED.' }),
      search: t.arg.string({ description: 'Part of the recipient’s address or of the subject.' }),
    },
    resolve: (_root, args, ctx) => listEmailMessages(ctx, args),
  }),
)

builder.queryField('emailCounts', (t) =>
  t.field({
    type: EmailCountsType,
    description: 'How many messages are queued, sent and failed (admins).',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => emailCounts(ctx),
  }),
)

builder.queryField('emailMessage', (t) =>
  t.field({
    type: EmailMessageType,
    nullable: true,
    description: 'One message with its parts and delivery log (admins); null when there is no such message.',
    authScopes: { admin: true },
    args: { id: t.arg.globalID({ required: true, for: EmailMessageType }) },
    resolve: (_root, { id }, ctx) => EmailMessageType.getDataloader(ctx).load(id.id).catch(() => null),
  }),
)

const EmailPreviewType = builder.objectRef<EmailPreview>('EmailPreview').implement({
  description: 'A kind of email rendered with sample data, as its recipient would get it.',
  fields: (t) => ({
    kind: t.field({ type: EmailKindEnum, resolve: (p) => p.kind }),
    label: t.string({ resolve: (p) => PREFERENCE_BY_KIND.get(p.kind)!.label }),
    description: t.string({ resolve: (p) => PREFERENCE_BY_KIND.get(p.kind)!.description }),
    audience: t.field({ type: RecipientKindEnum, resolve: (p) => p.audience }),
    recipientName: t.exposeString('recipientName'),
    timeZone: t.exposeString('timeZone', { description: 'The sample recipient’s time zone: every time in the email is in it.' }),
    subject: t.exposeString('subject'),
    text: t.exposeString('text'),
    html: t.exposeString('html', { description: 'Everything user-entered is escaped: show it in a sandboxed frame.' }),
  }),
})

builder.queryField('emailPreview', (t) =>
  t.field({
    type: EmailPreviewType,
    description: 'One kind of notification rendered with sample data (staff).',
    authScopes: { staff: true },
    args: { kind: t.arg({ type: EmailKindEnum, required: true }) },
    resolve: (_root, { kind }, ctx) => previewEmail(ctx, kind),
  }),
)

builder.mutationField('sendEmailPreview', (t) =>
  t.field({
    type: EmailMessageType,
    description: 'Queues a sample of one kind to an address, to check it in a real mail client (admins).',
    authScopes: { admin: true },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: 'email' } },
    args: { kind: t.arg({ type: EmailKindEnum, required: true }), to: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => sendEmailPreview(ctx, args),
  }),
)
