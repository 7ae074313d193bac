import { builder } from '../../graphql/builder.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { StaffUserType } from '../accounts/accounts.schema.js'
import { CustomerType, customerIdFrom } from '../customers/customers.schema.js'
import { DOMAIN_EVENT_TYPES, type DomainEventType } from '../events/domain-events.js'
import {
  attemptsOfDeliveries,
  createWebhookEndpoint,
  getWebhookEndpoint,
  listDeliveries,
  listWebhookEndpoints,
  queueWebhooksOnDomainEvents,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from './webhooks.service.js'

const EVENT_DESCRIPTIONS: Record<DomainEventType, string> = {
  'ticket.created': 'A customer (or an integrator) opened a ticket.',
  'ticket.status_changed': 'A ticket moved to another status (`data.from`, `data.to`), including closing itself 7 days after it was resolved.',
  'ticket.reply_added': 'A public reply was added by support or by the customer (`data.from`, `data.body`). Internal notes are never sent.',
  'ticket.assigned': 'A ticket was assigned to an engineer or put back in its desk queue (`data.assigned`).',
  'ticket.sla_warning': '75% of a response-time target’s business time is used (`data.target`, `data.dueAt`).',
  'ticket.sla_breached': 'A response-time target passed its due time unmet (`data.kind` says GOAL or GUARANTEE).',
  'quote.sent': 'A Professional Services quote was sent to the customer.',
  'quote.accepted': 'The customer accepted a quote (`data.note` holds their note, if any).',
  'quote.declined': 'The customer declined a quote (`data.note` holds their note, if any).',
  'quote.expiring': 'A sent quote expires within 3 days (`data.daysLeft`).',
  'contract.expiring': 'A contract term ends in 60 or in 30 days and is not renewed (`data.milestone`).',
}

/** The enum value of an event type: `ticket.status_changed` is TICKET_STATUS_CHANGED. */
const enumName = (type: string) => type.replace('.', '_').toUpperCase()

export const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'What happened. The webhook body’s `type` is the lower-case dotted name, e.g. `ticket.status_changed` for TICKET_STATUS_CHANGED.',
  values: Object.fromEntries(DOMAIN_EVENT_TYPES.map((type) => [enumName(type), { value: type, description: EVENT_DESCRIPTIONS[type] }])) as Record<
    string,
    { value: DomainEventType; description: string }
  >,
})

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a delivery stands.',
  values: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or for a retry.' },
    DELIVERED: { description: 'The endpoint answered with a 2xx status.' },
    FAILED: { description: 'Every attempt for 24 hours failed; redeliver it once the endpoint is fixed.' },
  },
})

const AttemptType = builder.objectRef<WebhookAttemptRow>('WebhookDeliveryAttempt').implement({
  description: 'One POST of a delivery to its endpoint.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The attempt’s id.' }),
    attemptedAt: t.expose('attempted_at', { type: 'DateTime', description: 'When the request was sent (its `Covered-Timestamp`).' }),
    responseStatus: t.exposeInt('response_status', { nullable: true, description: 'The HTTP status the endpoint answered with; null when it did not answer.' }),
    durationMs: t.exposeInt('duration_ms', { description: 'How long the request took, in milliseconds.' }),
    succeeded: t.exposeBoolean('succeeded', { description: 'True when the endpoint answered with a 2xx status.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed: the HTTP status, a timeout or a connection error.' }),
  }),
})

const DeliveryType = builder.objectRef<WebhookDeliveryRow>('WebhookDelivery').implement({
  description: 'One event on its way to one endpoint, with every attempt to deliver it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The delivery’s id (for redeliverWebhook).' }),
    eventId: t.exposeID('domain_event_id', { description: 'The event’s id, sent as `Covered-Event-Id` and as `id` in the body: the same on every retry and redelivery.' }),
    eventType: t.field({ type: WebhookEventTypeEnum, description: 'What happened.', resolve: (d) => d.event_type as DomainEventType }),
    status: t.field({ type: DeliveryStatusEnum, description: 'Where the delivery stands.', resolve: (d) => d.status }),
    attemptCount: t.exposeInt('attempts', { description: 'How many attempts were made.' }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the next attempt is due; null once delivered or failed.',
      resolve: (d) => (d.status === 'PENDING' ? d.next_attempt_at : null),
    }),
    giveUpAt: t.expose('give_up_at', { type: 'DateTime', description: 'Retries stop at this time (24 hours after it was queued or redelivered).' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the event happened and the delivery was queued.' }),
    deliveredAt: t.expose('delivered_at', { type: 'DateTime', nullable: true, description: 'When the endpoint accepted it.' }),
    lastResponseStatus: t.exposeInt('last_response_status', { nullable: true, description: 'The HTTP status of the latest attempt.' }),
    lastError: t.exposeString('last_error', { nullable: true, description: 'Why the latest attempt failed.' }),
    payload: t.exposeString('body', { description: 'The exact JSON body sent on every attempt.' }),
    attempts: t.loadableList({
      type: AttemptType,
      description: 'Every attempt, oldest first.',
      load: (ids: string[], ctx) => attemptsOfDeliveries(ctx, ids),
      resolve: (d) => d.id,
    }),
  }),
})

export const WebhookEndpointType = builder.objectRef<WebhookEndpointRow>('WebhookEndpoint').implement({
  description: 'A URL that receives signed POSTs for the event types it subscribes to.',
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The endpoint’s id.' }),
    url: t.exposeString('url', { description: 'Where events are POSTed.' }),
    description: t.exposeString('description', { description: 'What the endpoint is for, in the admin’s words.' }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'The event types it receives.', resolve: (e) => e.event_types as DomainEventType[] }),
    customer: t.field({ type: CustomerType, nullable: true, description: 'When set, only this customer’s events are sent.', resolve: (e) => e.customer_id }),
    active: t.exposeBoolean('active', { description: 'Paused endpoints receive nothing; their waiting deliveries resume when reactivated.' }),
    secretPrefix: t.exposeString('secret_prefix', { description: 'The first characters of the signing secret, to tell secrets apart.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was registered.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When it was last changed.' }),
    createdBy: t.field({ type: StaffUserType, description: 'The admin who registered it.', resolve: (e) => e.created_by_id }),
    pendingCount: t.exposeInt('pending_count', { description: 'Deliveries waiting for an attempt or a retry.' }),
    failedCount: t.exposeInt('failed_count', { description: 'Deliveries that failed for 24 hours.' }),
    lastDeliveredAt: t.expose('last_delivered_at', { type: 'DateTime', nullable: true, description: 'When it last accepted a delivery.' }),
    deliveries: t.connection({
      type: DeliveryType,
      description: 'Its deliveries, newest first.',
      args: { status: t.arg({ type: DeliveryStatusEnum, description: 'Only deliveries in this state.' }) },
      resolve: (e, args, ctx) => listDeliveries(ctx, e.id, args),
    }),
  }),
})

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: [WebhookEndpointType],
    description: 'Every webhook endpoint, newest first (admins).',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => listWebhookEndpoints(ctx),
  }),
)

builder.queryField('webhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointType,
    nullable: true,
    description: 'One webhook endpoint, or null when there is none with that id (admins).',
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true, description: 'The endpoint’s id.' }) },
    resolve: (_root, { id }, ctx) => getWebhookEndpoint(ctx, String(id)),
  }),
)

const CreatedWebhookEndpoint = builder.objectRef<{ endpoint: WebhookEndpointRow; signingSecret: string }>('WebhookEndpointWithSecret').implement({
  description: 'An endpoint and its signing secret, shown only this once.',
  fields: (t) => ({
    endpoint: t.field({ type: WebhookEndpointType, description: 'The endpoint.', resolve: (created) => created.endpoint }),
    signingSecret: t.exposeString('signingSecret', {
      description: 'Verify each delivery’s `Covered-Signature` with it (HMAC-SHA256 of "<Covered-Timestamp>.<body>"). Store it now: it is not shown again.',
    }),
  }),
})

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  description: 'A new webhook endpoint.',
  fields: (t) => ({
    url: t.string({ required: true, description: 'The full http:// or https:// URL that receives the POSTs.' }),
    description: t.string({ description: 'What it is for (at most 200 characters).' }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], required: true, description: 'The event types to send (at least one).' }),
    customerId: t.globalID({ description: 'Send only this customer’s events (a Customer id); omit for every customer.' }),
    active: t.boolean({ description: 'Start sending at once (default true).' }),
  }),
})

const UpdateWebhookEndpointInput = builder.inputType('UpdateWebhookEndpointInput', {
  description: 'Changes to a webhook endpoint; fields left out stay as they are.',
  fields: (t) => ({
    url: t.string({ description: 'The new URL.' }),
    description: t.string({ description: 'The new description.' }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'The new set of event types (at least one).' }),
    customerId: t.globalID({ description: 'Send only this customer’s events; null sends every customer’s.' }),
    active: t.boolean({ description: 'False pauses the endpoint; true resumes it.' }),
  }),
})

const WRITE_ERRORS = [ValidationError, NotFoundError, ForbiddenError]

builder.mutationField('createWebhookEndpoint', (t) =>
  t.field({
    type: CreatedWebhookEndpoint,
    description: 'Registers a webhook endpoint and returns its signing secret once (admins).',
    authScopes: { admin: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'created' } },
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true, description: 'The endpoint.' }) },
    resolve: (_root, { input }, ctx) =>
      createWebhookEndpoint(ctx, { ...input, eventTypes: input.eventTypes as DomainEventType[], customerId: customerIdFrom(input.customerId) }),
  }),
)

builder.mutationField('updateWebhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointType,
    description: 'Changes a webhook endpoint’s URL, event types, customer filter, description, or pauses and resumes it (admins).',
    authScopes: { admin: true },
    errors: { types: WRITE_ERRORS, dataField: { name: 'endpoint' } },
    args: {
      id: t.arg.id({ required: true, description: 'The endpoint’s id.' }),
      input: t.arg({ type: UpdateWebhookEndpointInput, required: true, description: 'What to change.' }),
    },
    resolve: (_root, { id, input }, ctx) =>
      updateWebhookEndpoint(ctx, String(id), {
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes as DomainEventType[] | null | undefined,
        active: input.active,
        customerId: input.customerId === undefined ? undefined : customerIdFrom(input.customerId),
      }),
  }),
)

builder.mutationField('rotateWebhookSigningSecret', (t) =>
  t.field({
    type: CreatedWebhookEndpoint,
    description: 'Replaces an endpoint’s signing secret and returns the new one once; later deliveries are signed with it (admins).',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ForbiddenError], dataField: { name: 'rotated' } },
    args: { id: t.arg.id({ required: true, description: 'The endpoint’s id.' }) },
    resolve: (_root, { id }, ctx) => rotateWebhookSecret(ctx, String(id)),
  }),
)

builder.mutationField('redeliverWebhook', (t) =>
  t.field({
    type: DeliveryType,
    description: 'Sends a delivery again now, with the same event id, and retries it for another 24 hours (admins).',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ForbiddenError], dataField: { name: 'delivery' } },
    args: { deliveryId: t.arg.id({ required: true, description: 'The delivery’s id.' }) },
    resolve: (_root, { deliveryId }, ctx) => redeliverWebhook(ctx, String(deliveryId)),
  }),
)

// Every domain event queues its webhook deliveries in its own transaction.
queueWebhooksOnDomainEvents()
