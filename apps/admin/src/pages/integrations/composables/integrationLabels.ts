import type { Tone } from '@covered/ui'
import type { WebhookEventType } from '../../../gql/graphql'

/** The events an endpoint can subscribe to, grouped as an admin thinks of them. */
export const EVENT_GROUPS: readonly { title: string; events: readonly { value: WebhookEventType; label: string; name: string }[] }[] = [
  {
    title: 'Tickets',
    events: [
      { value: 'TICKET_CREATED' as WebhookEventType, label: 'Ticket opened', name: 'ticket.created' },
      { value: 'TICKET_STATUS_CHANGED' as WebhookEventType, label: 'Status changed', name: 'ticket.status_changed' },
      { value: 'TICKET_REPLY_ADDED' as WebhookEventType, label: 'Public reply added', name: 'ticket.reply_added' },
      { value: 'TICKET_ASSIGNED' as WebhookEventType, label: 'Assigned', name: 'ticket.assigned' },
      { value: 'TICKET_SLA_WARNING' as WebhookEventType, label: 'SLA warning (75% used)', name: 'ticket.sla_warning' },
      { value: 'TICKET_SLA_BREACHED' as WebhookEventType, label: 'SLA breached', name: 'ticket.sla_breached' },
    ],
  },
  {
    title: 'Quotes',
    events: [
      { value: 'QUOTE_SENT' as WebhookEventType, label: 'Quote sent', name: 'quote.sent' },
      { value: 'QUOTE_ACCEPTED' as WebhookEventType, label: 'Quote accepted', name: 'quote.accepted' },
      { value: 'QUOTE_DECLINED' as WebhookEventType, label: 'Quote declined', name: 'quote.declined' },
      { value: 'QUOTE_EXPIRING' as WebhookEventType, label: 'Quote about to expire', name: 'quote.expiring' },
    ],
  },
  {
    title: 'Contracts',
    events: [{ value: 'CONTRACT_EXPIRING' as WebhookEventType, label: 'Contract expiring (60 and 30 days)', name: 'contract.expiring' }],
  },
]

const EVENTS = EVENT_GROUPS.flatMap((group) => group.events)

export function eventLabel(type: string): string {
  return EVENTS.find((event) => event.value === type)?.label ?? type
}

/** The name receivers see in the body's `type`, e.g. ticket.status_changed. */
export function eventName(type: string): string {
  return EVENTS.find((event) => event.value === type)?.name ?? type.toLowerCase()
}

export function eventSummary(types: readonly string[]): string {
  if (types.length === EVENTS.length) return 'Every event'
  if (types.length <= 2) return types.map(eventLabel).join(', ')
  return `${eventLabel(types[0]!)} and ${types.length - 1} more`
}

export function tokenStatusLabel(status: string): string {
  return { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked' }[status] ?? status
}

export function tokenStatusTone(status: string): Tone {
  return status === 'ACTIVE' ? 'success' : status === 'REVOKED' ? 'danger' : 'warning'
}

export function scopeLabel(scope: string): string {
  return scope === 'READ_WRITE' ? 'Read and write' : 'Read only'
}

export function deliveryStatusLabel(status: string): string {
  return { PENDING: 'Waiting', DELIVERED: 'Delivered', FAILED: 'Failed' }[status] ?? status
}

export function deliveryStatusTone(status: string): Tone {
  return status === 'DELIVERED' ? 'success' : status === 'FAILED' ? 'danger' : 'warning'
}

/** "2 min ago", "in 3 h", "now": a time relative to now; empty for no time. */
export function relativeTime(value: string | null | undefined, now: number = Date.now()): string {
  if (!value) return ''
  const seconds = Math.round((new Date(value).getTime() - now) / 1000)
  if (Math.abs(seconds) < 5) return 'now'
  const abs = Math.abs(seconds)
  const unit = abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.round(abs / 60)} min` : abs < 86_400 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86_400)} days`
  return seconds < 0 ? `${unit} ago` : `in ${unit}`
}
