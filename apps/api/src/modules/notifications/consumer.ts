import { autoCloseDueAt, formatMoney, formatTicketNumber, money, type Currency } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { writeBeforeCommit } from '../../db/commit-batches.js'
import { ValidationError } from '../../errors.js'
import type { DomainEventHandler, StoredDomainEvent } from '../events/domain-events.js'
import { checkEmailHeaders, queueEmails, type OutgoingEmail } from '../mail/outbox.js'
import { wants, type EmailKind, type PreferenceKind, type RecipientKind } from './kinds.js'
import { contractsUrl, emailLinkSecret, preferencesUrl, quoteUrl, signUnsubscribeToken, ticketUrl, unsubscribeUrl } from './links.js'
import { oneLine, renderEmail } from './render.js'
import { composeEmail, type EmailModel, type TicketFacts } from './templates.js'

/** Someone an event may mail, with the zone their times are shown in. */
interface Candidate {
  recipientKind: RecipientKind
  id: string
  name: string
  email: string
  timeZone: string
  /** The choice that lets them turn this off (a key contact's copy: ORGANISATION_TICKETS). */
  optOutKind: PreferenceKind
  /** Further choices that must all be on (a copy also needs the email's own kind). */
  alsoNeeds?: PreferenceKind
  why: string
  /** Their saved choices, read with them (a missing one is the kind's default). */
  choices: ReadonlyMap<PreferenceKind, boolean>
}

interface TicketRecord {
  id: string
  number: string
  subject: string
  plan: TicketFacts['plan']
  desk: 'PACIFIC' | 'UK'
  received_at: Date
  first_response_due_at: Date | null
  first_response_kind: 'GOAL' | 'GUARANTEE' | null
  resolution_due_at: Date | null
  assignee_id: string | null
  requester_id: string
  customer_id: string
  customer_name: string
  requester_name: string
}

export interface NotificationSettings {
  publicUrl: string
}

/**
 * Turns domain events into emails, in the transaction of the change: customers hear of their tickets, quotes and
 * contracts; engineers of premium assignments and SLA warnings and breaches. Internal notes are never events, so
 * they can never reach a customer from here.
 */
export function notificationHandler(settings: () => NotificationSettings): DomainEventHandler {
  return async (manager, event) => {
    const plan = await planFor(manager, event)
    if (!plan) return
    const { publicUrl } = settings()
    let secret: string | null = null
    const seen = new Set<string>()
    const outgoing: OutgoingEmail[] = []
    for (const candidate of plan.candidates) {
      const address = candidate.email.toLowerCase()
      if (seen.has(address)) continue
      seen.add(address)
      if (!wants(candidate.choices, candidate.optOutKind) || (candidate.alsoNeeds && !wants(candidate.choices, candidate.alsoNeeds))) continue
      secret ??= await linkSecretOf(manager)
      const unsubscribe = unsubscribeUrl(publicUrl, signUnsubscribeToken(secret, { recipientKind: candidate.recipientKind, recipientId: candidate.id, kind: candidate.optOutKind }))
      const model = plan.model(candidate)
      const rendered = renderEmail(composeEmail(model, candidate.timeZone, plan.link(candidate.recipientKind, publicUrl), publicUrl), {
        name: candidate.name,
        why: candidate.why,
        preferencesUrl: preferencesUrl(publicUrl, candidate.recipientKind),
        unsubscribeUrl: unsubscribe,
      })
      const email: OutgoingEmail = {
        kind: plan.kind,
        to: { address: candidate.email, name: oneLine(candidate.name) },
        ...rendered,
        customerId: event.customerId,
        ticketId: event.ticketId ?? null,
        domainEventId: event.id,
        unsubscribeUrl: unsubscribe,
      }
      try {
        checkEmailHeaders(email)
        outgoing.push(email)
      } catch (error) {
        // A stored address that is not one (from before addresses were checked) must not undo the change itself.
        if (!(error instanceof ValidationError)) throw error
      }
    }
    // Every recipient of the event in one statement; with the transaction's other events' emails when it collects.
    const queued = outgoing.map((email) => ({ email, at: event.occurredAt }))
    await writeBeforeCommit(manager, 'email_messages', queued, (all) => queueEmailsAt(manager, all))
  }
}

/** Emails queued at several instants (events of one transaction usually share one): a statement per instant. */
async function queueEmailsAt(manager: EntityManager, queued: readonly { email: OutgoingEmail; at: Date }[]): Promise<void> {
  const byInstant = new Map<number, OutgoingEmail[]>()
  for (const { email, at } of queued) {
    const emails = byInstant.get(at.getTime())
    if (emails) emails.push(email)
    else byInstant.set(at.getTime(), [email])
  }
  for (const [at, emails] of byInstant) await queueEmails(manager, emails, new Date(at))
}

/** The key that signs unsubscribe links, read once per transaction however many events it mails. */
const linkSecrets = new WeakMap<EntityManager, Promise<string>>()
function linkSecretOf(manager: EntityManager): Promise<string> {
  if (!manager.queryRunner) return emailLinkSecret(manager) // not a transaction's: nothing to keep it with
  let secret = linkSecrets.get(manager)
  if (!secret) {
    secret = emailLinkSecret(manager)
    linkSecrets.set(manager, secret)
  }
  return secret
}

interface Plan {
  kind: EmailKind
  candidates: Candidate[]
  model(candidate: Candidate): EmailModel
  link(audience: RecipientKind, publicUrl: string): string
}

async function planFor(manager: EntityManager, event: StoredDomainEvent): Promise<Plan | null> {
  const data = event.data
  switch (event.type) {
    case 'ticket.created':
      return customerTicketPlan(manager, event, 'TICKET_RECEIVED')
    case 'ticket.reply_added':
      return data.from === 'SUPPORT' ? customerTicketPlan(manager, event, 'TICKET_ANSWERED') : null
    case 'ticket.status_changed':
      if (data.to === 'WAITING_ON_CUSTOMER') return customerTicketPlan(manager, event, 'TICKET_WAITING')
      if (data.to === 'RESOLVED') return customerTicketPlan(manager, event, 'TICKET_RESOLVED')
      return null
    case 'ticket.assigned':
      return data.plan === 'PREMIUM' && typeof data.assigneeId === 'string' ? assignedPlan(manager, event, data.assigneeId) : null
    case 'ticket.sla_warning':
    case 'ticket.sla_breached':
      return slaPlan(manager, event)
    case 'quote.sent':
    case 'quote.expiring':
      return quotePlan(manager, event)
    case 'contract.expiring':
      return contractPlan(manager, event)
    default:
      return null
  }
}

const TICKET_COLUMNS = `t.id, t.number, t.subject, t.plan, t.desk, t.received_at, t.first_response_due_at, t.first_response_kind,
  t.resolution_due_at, t.assignee_id, t.requester_id, t.customer_id, cu.name AS customer_name, r.name AS requester_name`
const TICKET_JOINS = `tickets t JOIN customers cu ON cu.id = t.customer_id JOIN contacts r ON r.id = t.requester_id`

/** A recipient's saved choices ({ kind: enabled }), read with them. */
function choicesColumn(recipientKind: RecipientKind, id: string): string {
  return `(SELECT coalesce(json_object_agg(p.kind, p.enabled), '{}'::json) FROM notification_preferences p
            WHERE p.recipient_kind = '${recipientKind}' AND p.recipient_id = ${id}) AS choices`
}

function savedChoices(saved: Record<string, boolean> | null | undefined): ReadonlyMap<PreferenceKind, boolean> {
  return new Map(Object.entries(saved ?? {}) as [PreferenceKind, boolean][])
}

interface RecipientRow {
  id: string
  name: string
  email: string
  time_zone: string
  choices: Record<string, boolean>
}

/** A recipient as read (with `choicesColumn`), and why and under which choice they get the email. */
function candidateOf(recipientKind: RecipientKind, row: RecipientRow, reason: Pick<Candidate, 'optOutKind' | 'alsoNeeds' | 'why'>): Candidate {
  return { recipientKind, id: row.id, name: row.name, email: row.email, timeZone: row.time_zone, choices: savedChoices(row.choices), ...reason }
}

async function loadTicket(manager: EntityManager, ticketId: string): Promise<TicketRecord | null> {
  const [row]: TicketRecord[] = await manager.query(`SELECT ${TICKET_COLUMNS} FROM ${TICKET_JOINS} WHERE t.id = $1`, [ticketId])
  return row ?? null
}

/**
 * A ticket and the people an event about it may mail, in one statement: `recipients` is a subquery over the
 * ticket `t` (and `d`, its customer's desk) giving RecipientRow columns and `requester`; `extra` adds columns of
 * the ticket's row. Ordered requester first, then by name.
 */
async function ticketAndRecipients<Extra extends object = object>(
  manager: EntityManager,
  ticketId: string,
  recipients: string,
  params: unknown[] = [],
  extra = '',
): Promise<{ ticket: TicketRecord & Extra; recipients: (RecipientRow & { requester: boolean })[] } | null> {
  const rows: (TicketRecord & Extra & { r: (RecipientRow & { requester: boolean }) | null })[] = await manager.query(
    `SELECT ${TICKET_COLUMNS}${extra ? `, ${extra}` : ''}, CASE WHEN x.id IS NULL THEN NULL ELSE to_json(x) END AS r
       FROM ${TICKET_JOINS} JOIN desks d ON d.code = cu.home_desk
       LEFT JOIN LATERAL (${recipients}) x ON true
      WHERE t.id = $1
      ORDER BY x.requester DESC, x.name, x.id`,
    [ticketId, ...params],
  )
  const [first] = rows
  if (!first) return null
  const { r: _recipient, ...ticket } = first
  return { ticket: ticket as unknown as TicketRecord & Extra, recipients: rows.flatMap((row) => (row.r ? [row.r] : [])) }
}

function ticketFacts(row: TicketRecord, event: StoredDomainEvent): TicketFacts {
  const due = typeof event.data.firstResponseDueAt === 'string' ? new Date(event.data.firstResponseDueAt) : row.first_response_due_at
  return {
    number: typeof event.data.number === 'string' ? event.data.number : formatTicketNumber(Number(row.number)),
    subject: row.subject,
    customerName: row.customer_name,
    requesterName: row.requester_name,
    plan: row.plan,
    receivedAt: new Date(row.received_at),
    firstResponseDueAt: due ? new Date(due) : null,
    firstResponseKind: row.first_response_kind,
    resolutionDueAt: row.resolution_due_at ? new Date(row.resolution_due_at) : null,
  }
}

/** A staff member's name, as a column of a statement about something else ($n: their id, or null). */
const staffNameColumn = (param: string, alias: string) => `(SELECT s.name FROM staff_users s WHERE s.id = ${param}::uuid) AS ${alias}`

/** The requester, and the organisation's key contacts (who get copies only when they chose to). */
async function customerTicketPlan(manager: EntityManager, event: StoredDomainEvent, kind: EmailKind): Promise<Plan | null> {
  if (!event.ticketId) return null
  // Replies from an integration's token are signed by the team.
  const signedByStaff = kind === 'TICKET_ANSWERED' && event.actorKind === 'STAFF'
  const found = await ticketAndRecipients<{ reply_author: string | null }>(
    manager,
    event.ticketId,
    `SELECT c.id, c.name, c.email, coalesce(c.time_zone, d.time_zone) AS time_zone, (c.id = t.requester_id) AS requester, ${choicesColumn('CONTACT', 'c.id')}
       FROM contacts c
      WHERE c.customer_id = t.customer_id
        AND (c.id = t.requester_id OR EXISTS (SELECT 1 FROM contract_key_contacts k JOIN contracts ct ON ct.id = k.contract_id
                                               WHERE k.contact_id = c.id AND ct.customer_id = c.customer_id))`,
    [signedByStaff ? event.actorId : null],
    staffNameColumn('$2', 'reply_author'),
  )
  if (!found) return null
  const { ticket } = found
  const facts = ticketFacts(ticket, event)
  const candidates = found.recipients.map((row) =>
    candidateOf(
      'CONTACT',
      row,
      row.requester
        ? { optOutKind: kind, why: `You get this because you asked the question in ${facts.number}.` }
        : {
            optOutKind: 'ORGANISATION_TICKETS',
            alsoNeeds: kind,
            why: `You get this copy because you are a key contact of ${facts.customerName} and chose copies of your colleagues’ tickets.`,
          },
    ),
  )
  const at = event.occurredAt
  const replyAuthor = signedByStaff ? (ticket.reply_author ?? 'Covered Support') : 'Covered Support'
  return {
    kind,
    candidates,
    link: (audience, publicUrl) => ticketUrl(publicUrl, audience, ticket.id),
    model: (candidate) => {
      const copy = candidate.optOutKind === 'ORGANISATION_TICKETS'
      switch (kind) {
        case 'TICKET_ANSWERED':
          return { kind, ticket: facts, copy, reply: { authorName: replyAuthor, body: String(event.data.body ?? ''), at } }
        case 'TICKET_WAITING':
          return { kind, ticket: facts, copy, at }
        case 'TICKET_RESOLVED':
          return { kind, ticket: facts, copy, at, reopenUntil: new Date(autoCloseDueAt(at)) }
        default:
          return { kind: 'TICKET_RECEIVED', ticket: facts, copy }
      }
    },
  }
}

/** Staff as recipients: `where` over `s` (staff_users); times in their desk's zone, else the ticket's desk's. */
const staffRecipientsSql = (where: string, ticketDesk: string) =>
  `SELECT s.id, s.name, s.email, coalesce(sd.time_zone, td.time_zone) AS time_zone, false AS requester, ${choicesColumn('STAFF', 's.id')}
     FROM staff_users s LEFT JOIN desks sd ON sd.code = s.desk JOIN desks td ON td.code = ${ticketDesk}
    WHERE ${where}`

async function assignedPlan(manager: EntityManager, event: StoredDomainEvent, assigneeId: string): Promise<Plan | null> {
  // Taking a ticket yourself needs no email.
  if (event.actorKind === 'STAFF' && event.actorId === assigneeId) return null
  if (!event.ticketId) return null
  const found = await ticketAndRecipients<{ assigned_by: string | null }>(
    manager,
    event.ticketId,
    staffRecipientsSql('s.id = $2::uuid AND s.active', 't.desk'),
    [assigneeId, event.actorKind === 'STAFF' ? event.actorId : null],
    staffNameColumn('$3', 'assigned_by'),
  )
  if (!found) return null
  const { ticket } = found
  const facts = ticketFacts(ticket, event)
  const assignedBy = event.actorKind === 'STAFF' ? ticket.assigned_by : null
  return {
    kind: 'TICKET_ASSIGNED',
    candidates: found.recipients.map((row) =>
      candidateOf('STAFF', row, { optOutKind: 'TICKET_ASSIGNED', why: `You get this because ${facts.number} is assigned to you.` }),
    ),
    link: (audience, publicUrl) => ticketUrl(publicUrl, audience, ticket.id),
    model: () => ({ kind: 'TICKET_ASSIGNED', ticket: facts, assignedBy }),
  }
}

/** The assignee, or (unassigned, or no longer active) every active engineer of the ticket's desk; else the admins. */
async function slaPlan(manager: EntityManager, event: StoredDomainEvent): Promise<Plan | null> {
  if (!event.ticketId) return null
  const ticket = await loadTicket(manager, event.ticketId)
  if (!ticket) return null
  const kind: EmailKind = event.type === 'ticket.sla_breached' ? 'SLA_BREACHED' : 'SLA_WARNING'
  const facts = ticketFacts(ticket, event)
  const deskName = ticket.desk === 'UK' ? 'UK' : 'Pacific'
  let staff = ticket.assignee_id ? await staffRecipients(manager, `s.id = $2 AND s.active`, [ticket.desk, ticket.assignee_id]) : []
  let why = `You get this because ${facts.number} is assigned to you.`
  if (!staff.length) {
    staff = await staffRecipients(manager, `s.active AND s.role = 'ENGINEER' AND s.desk = $1`, [ticket.desk])
    why = `You get this because you are an engineer of the ${deskName} desk and ${facts.number} is not assigned to anyone.`
  }
  if (!staff.length) {
    staff = await staffRecipients(manager, `s.active AND s.role = 'ADMIN'`, [ticket.desk])
    why = `You get this because you are an admin and the ${deskName} desk has no active engineers.`
  }
  const assigneeName = staff.length === 1 && ticket.assignee_id === staff[0]!.id ? staff[0]!.name : null
  return {
    kind,
    candidates: staff.map((row) => candidateOf('STAFF', row, { optOutKind: kind, why })),
    link: (audience, publicUrl) => ticketUrl(publicUrl, audience, ticket.id),
    model: () => ({
      kind,
      ticket: facts,
      target: event.data.target === 'resolution' ? 'resolution' : 'firstResponse',
      targetKind: event.data.kind === 'GUARANTEE' ? 'GUARANTEE' : 'GOAL',
      dueAt: new Date(String(event.data.dueAt)),
      assigneeName,
      desk: deskName,
    }),
  }
}

async function staffRecipients(manager: EntityManager, where: string, params: [string, ...unknown[]]) {
  const rows: RecipientRow[] = await manager.query(`${staffRecipientsSql(where, '$1')} ORDER BY s.name, s.id`, params)
  return rows
}

/** Whoever can accept the quote (key contacts, customer admins), and the person whose ticket it is for. */
async function quotePlan(manager: EntityManager, event: StoredDomainEvent): Promise<Plan | null> {
  if (!event.quoteId || !event.customerId) return null
  const kind: EmailKind = event.type === 'quote.expiring' ? 'QUOTE_EXPIRING' : 'QUOTE_SENT'
  const [quote]: { id: string; number: string; total_minor: string; currency: Currency; valid_until: string; customer_name: string; ticket_number: string | null; ticket_subject: string | null; requester_id: string | null; lines: number }[] =
    await manager.query(
      `SELECT q.id, q.number, q.total_minor, q.currency, to_char(q.valid_until, 'YYYY-MM-DD') AS valid_until, cu.name AS customer_name,
              t.number AS ticket_number, t.subject AS ticket_subject, t.requester_id,
              (SELECT count(*)::int FROM quote_lines l WHERE l.quote_id = q.id) AS lines
         FROM quotes q JOIN customers cu ON cu.id = q.customer_id LEFT JOIN tickets t ON t.id = q.ticket_id
        WHERE q.id = $1`,
      [event.quoteId],
    )
  if (!quote) return null
  const rows: (RecipientRow & { may_decide: boolean })[] = await manager.query(
    `SELECT c.id, c.name, c.email, coalesce(c.time_zone, d.time_zone) AS time_zone, ${choicesColumn('CONTACT', 'c.id')},
            (c.is_customer_admin OR EXISTS (SELECT 1 FROM contract_key_contacts k JOIN contracts ct ON ct.id = k.contract_id
                                             WHERE k.contact_id = c.id AND ct.customer_id = c.customer_id)) AS may_decide
       FROM contacts c JOIN customers cu ON cu.id = c.customer_id JOIN desks d ON d.code = cu.home_desk
      WHERE c.customer_id = $1
      ORDER BY c.name, c.id`,
    [event.customerId],
  )
  const ticketNumber = quote.ticket_number ? formatTicketNumber(Number(quote.ticket_number)) : null
  const candidates: Candidate[] = rows
    .filter((row) => row.may_decide || row.id === quote.requester_id)
    .map((row) =>
      candidateOf('CONTACT', row, {
        optOutKind: kind,
        why: row.may_decide
          ? `You get this because you are a key contact or customer admin of ${quote.customer_name}, who can accept quotes.`
          : `You get this because the quote is for your ticket ${ticketNumber}.`,
      }),
    )
  const facts = {
    number: quote.number,
    customerName: quote.customer_name,
    total: formatMoney(money(Number(quote.total_minor), quote.currency)),
    validUntil: quote.valid_until,
    daysLeft: typeof event.data.daysLeft === 'number' ? event.data.daysLeft : null,
    ticketNumber,
    ticketSubject: quote.ticket_subject,
    lines: quote.lines,
  }
  return {
    kind,
    candidates,
    link: (_audience, publicUrl) => quoteUrl(publicUrl, quote.id),
    model: () => ({ kind, quote: facts }),
  }
}

const CONTRACT_KIND_LABELS: Record<string, string> = { MAINTENANCE: 'Maintenance', PREMIUM_SUPPORT: 'Premium Support' }

/** The contract's key contacts and the organisation's customer admins. */
async function contractPlan(manager: EntityManager, event: StoredDomainEvent): Promise<Plan | null> {
  if (!event.contractId || !event.customerId) return null
  const rows: (RecipientRow & { key_contact: boolean; customer_name: string })[] = await manager.query(
    `SELECT c.id, c.name, c.email, coalesce(c.time_zone, d.time_zone) AS time_zone, cu.name AS customer_name, ${choicesColumn('CONTACT', 'c.id')},
            EXISTS (SELECT 1 FROM contract_key_contacts k WHERE k.contact_id = c.id AND k.contract_id = $2) AS key_contact
       FROM contacts c JOIN customers cu ON cu.id = c.customer_id JOIN desks d ON d.code = cu.home_desk
      WHERE c.customer_id = $1
        AND (c.is_customer_admin OR EXISTS (SELECT 1 FROM contract_key_contacts k WHERE k.contact_id = c.id AND k.contract_id = $2))
      ORDER BY c.name, c.id`,
    [event.customerId, event.contractId],
  )
  const [customer]: { name: string }[] = await manager.query('SELECT name FROM customers WHERE id = $1', [event.customerId])
  const d = event.data
  const kindLabel = CONTRACT_KIND_LABELS[String(d.kind)] ?? 'Support'
  const contract = {
    kindLabel,
    customerName: customer?.name ?? '',
    endDate: String(d.endDate),
    daysLeft: Number(d.daysLeft),
    renewalFee: formatMoney(money(Number(d.feeMinor), d.currency as Currency)),
  }
  return {
    kind: 'CONTRACT_EXPIRING',
    candidates: rows.map((row) =>
      candidateOf('CONTACT', row, {
        optOutKind: 'CONTRACT_EXPIRING',
        why: row.key_contact
          ? `You get this because you are a key contact on the ${kindLabel} contract of ${contract.customerName}.`
          : `You get this because you are a customer admin of ${contract.customerName}.`,
      }),
    ),
    link: (_audience, publicUrl) => contractsUrl(publicUrl),
    model: () => ({ kind: 'CONTRACT_EXPIRING', contract }),
  }
}
