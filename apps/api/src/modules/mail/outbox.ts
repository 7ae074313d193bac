import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { ValidationError } from '../../errors.js'

/** One message to one recipient, rendered already (text and HTML parts). */
export interface OutgoingEmail {
  /** What it is, e.g. TICKET_RECEIVED, PASSWORD_RESET, STAFF_INVITE: shown in the sent-mail log, used by preferences. */
  kind: string
  to: { address: string; name?: string }
  subject: string
  text: string
  html: string
  customerId?: string | null
  ticketId?: string | null
  /** The domain event that caused it: an event mails each recipient once. */
  domainEventId?: string | null
  /** The one-click unsubscribe address (List-Unsubscribe), for notifications. */
  unsubscribeUrl?: string | null
}

const LINE_BREAK = /[\r\n]/
const Address = z.email()

/**
 * Refuses what would break or inject into the message's headers: a malformed address, or a line break in
 * the recipient's name or the subject (header injection). Throws a ValidationError naming the field.
 */
export function checkEmailHeaders(email: Pick<OutgoingEmail, 'to' | 'subject'>): void {
  const problems: { field: string; message: string }[] = []
  if (!Address.safeParse(email.to.address).success) problems.push({ field: 'to', message: `“${email.to.address}” is not an email address like name@example.com.` })
  if (LINE_BREAK.test(email.to.name ?? '')) problems.push({ field: 'name', message: 'A name cannot contain line breaks.' })
  if (LINE_BREAK.test(email.subject)) problems.push({ field: 'subject', message: 'A subject cannot contain line breaks.' })
  if (problems.length) throw new ValidationError(problems)
}

/**
 * Queues a message in the caller's transaction; a worker sends it. Returns its id, or null when the same
 * event already mailed this recipient.
 */
export async function queueEmail(manager: EntityManager, email: OutgoingEmail, now: Date): Promise<string | null> {
  const [id] = await queueEmails(manager, [email], now)
  return id ?? null
}

/**
 * Queues several messages in one statement (an event's recipients), in the caller's transaction. Returns each
 * message's id in order, null where the same event already mailed that recipient. Throws a ValidationError
 * for the first message whose headers would break (see checkEmailHeaders) and queues none then.
 */
export async function queueEmails(manager: EntityManager, emails: readonly OutgoingEmail[], now: Date): Promise<(string | null)[]> {
  if (!emails.length) return []
  for (const email of emails) checkEmailHeaders(email)
  const params: unknown[] = [now]
  const param = (value: unknown) => `$${params.push(value)}`
  const rows = emails.map((email) => {
    const values = [
      email.kind, email.to.address.toLowerCase(), email.to.name ?? '', email.subject, email.text, email.html,
      email.customerId ?? null, email.ticketId ?? null, email.domainEventId ?? null, email.unsubscribeUrl ?? null,
    ]
    return `(${values.map(param).join(', ')}, $1, $1)`
  })
  const inserted: { id: string; to_address: string }[] = await manager.query(
    `INSERT INTO email_messages (kind, to_address, to_name, subject, text_body, html_body, customer_id, ticket_id, domain_event_id, unsubscribe_url, next_attempt_at, created_at)
     VALUES ${rows.join(', ')}
     ON CONFLICT (domain_event_id, to_address) DO NOTHING RETURNING id, to_address`,
    params,
  )
  const byAddress = new Map(inserted.map((row) => [row.to_address, row.id]))
  return emails.map((email) => byAddress.get(email.to.address.toLowerCase()) ?? null)
}
