import type { EmailKind } from './kinds.js'
import { formatDate, formatInstant, oneLine, type ComposedEmail } from './render.js'

/** What a ticket email says about its ticket (already loaded; times as instants). */
export interface TicketFacts {
  number: string
  subject: string
  customerName: string
  requesterName: string
  plan: 'PREMIUM' | 'STANDARD' | 'NOT_ENTITLED'
  receivedAt: Date
  firstResponseDueAt: Date | null
  firstResponseKind: 'GOAL' | 'GUARANTEE' | null
  resolutionDueAt: Date | null
}

export type EmailModel =
  | { kind: 'TICKET_RECEIVED'; ticket: TicketFacts; copy: boolean }
  | { kind: 'TICKET_ANSWERED'; ticket: TicketFacts; copy: boolean; reply: { authorName: string; body: string; at: Date } }
  | { kind: 'TICKET_WAITING'; ticket: TicketFacts; copy: boolean; at: Date }
  | { kind: 'TICKET_RESOLVED'; ticket: TicketFacts; copy: boolean; at: Date; reopenUntil: Date }
  | { kind: 'QUOTE_SENT' | 'QUOTE_EXPIRING'; quote: QuoteFacts }
  | { kind: 'CONTRACT_EXPIRING'; contract: ContractFacts }
  | { kind: 'TICKET_ASSIGNED'; ticket: TicketFacts; assignedBy: string | null }
  | { kind: 'SLA_WARNING' | 'SLA_BREACHED'; ticket: TicketFacts; target: 'firstResponse' | 'resolution'; targetKind: 'GOAL' | 'GUARANTEE'; dueAt: Date; assigneeName: string | null; desk: string }

export interface QuoteFacts {
  number: string
  customerName: string
  total: string
  validUntil: string
  daysLeft: number | null
  ticketNumber: string | null
  ticketSubject: string | null
  lines: number
}

export interface ContractFacts {
  kindLabel: string
  customerName: string
  endDate: string
  daysLeft: number
  /** The current term's fee (the renewal is priced when it is issued). */
  renewalFee: string
}

const PLAN_WORDS: Record<TicketFacts['plan'], string> = {
  PREMIUM: 'Premium Support',
  STANDARD: 'Standard support',
  NOT_ENTITLED: 'Not covered by a support contract',
}
const TARGET_WORDS = { firstResponse: 'first response', resolution: 'resolution' } as const

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`)
const tag = (ticket: TicketFacts) => `[${ticket.number}]`
const subjectOf = (ticket: TicketFacts) => oneLine(ticket.subject)

/**
 * A reply's links as an email reader can follow them. In the portal, `[label](/portal/…)` (how an engineer's
 * "Cite an article" writes a link) is a link; in an email it becomes `label (https://…/portal/…)`, the path put
 * after the address Covered is served at. Anything that is not an http(s) address or a path on the site stays as
 * written.
 */
export function emailLinks(text: string, siteUrl: string): string {
  return text.replace(/\[([^[\]\n]{1,300})\]\(([^()\s]{1,2000})\)/g, (whole, label: string, target: string) => {
    if (target.startsWith('/') && !target.startsWith('//') && !target.includes('\\')) return `${label} (${siteUrl.replace(/\/+$/, '')}${target})`
    if (/^https?:\/\/[^/]/i.test(target)) return `${label} (${target})`
    return whole
  })
}

/**
 * The words of each kind for one recipient: their time zone decides every time shown. `link` is the page it
 * concerns (the portal for customers, the admin app for staff); `siteUrl` (PUBLIC_URL) makes the site's own links
 * in a reply whole.
 */
export function composeEmail(model: EmailModel, timeZone: string, link: string, siteUrl?: string): ComposedEmail {
  const at = (instant: Date) => formatInstant(instant, timeZone)
  switch (model.kind) {
    case 'TICKET_RECEIVED': {
      const { ticket } = model
      const due = ticket.firstResponseDueAt
      const expectation = !due
        ? 'This question is not covered by a support contract, so no response time applies. We record every question and answer it when we can; a renewal, or your customer admin naming you as a key contact, brings you under cover.'
        : ticket.firstResponseKind === 'GUARANTEE'
          ? `Premium Support guarantees a first response by ${at(due)}.`
          : `You can expect a first response by ${at(due)}.`
      return {
        subject: `${tag(ticket)} ${model.copy ? `${oneLine(ticket.requesterName)} opened` : 'We received'}: ${subjectOf(ticket)}`,
        heading: model.copy ? `${oneLine(ticket.requesterName)} opened a ticket for ${ticket.customerName}` : 'We received your question',
        blocks: [
          {
            type: 'paragraph',
            text: model.copy
              ? `A new ticket was opened for ${ticket.customerName}: “${subjectOf(ticket)}”.`
              : `Thank you: your question for ${ticket.customerName}, “${subjectOf(ticket)}”, is with our support team.`,
          },
          { type: 'paragraph', text: expectation },
          {
            type: 'facts',
            rows: [
              ['Ticket', ticket.number],
              ['Received', at(ticket.receivedAt)],
              ['Plan', PLAN_WORDS[ticket.plan]],
              ...(due ? [[ticket.firstResponseKind === 'GUARANTEE' ? 'First response guaranteed by' : 'First response expected by', at(due)] as const] : []),
            ],
          },
        ],
        action: { label: 'View the ticket', url: link },
      }
    }
    case 'TICKET_ANSWERED': {
      const { ticket, reply } = model
      return {
        subject: `${tag(ticket)} New answer: ${subjectOf(ticket)}`,
        heading: `${oneLine(reply.authorName)} answered`,
        blocks: [
          { type: 'paragraph', text: `There is a new answer on ${model.copy ? `${oneLine(ticket.requesterName)}’s` : 'your'} ticket “${subjectOf(ticket)}” (${ticket.number}), sent ${at(reply.at)}.` },
          { type: 'quote', by: oneLine(reply.authorName), text: siteUrl ? emailLinks(reply.body, siteUrl) : reply.body },
          { type: 'paragraph', text: 'To answer, reply on the ticket page in the portal, so the whole conversation stays in one place.' },
        ],
        action: { label: 'Reply on the ticket', url: link },
      }
    }
    case 'TICKET_WAITING': {
      const { ticket } = model
      return {
        subject: `${tag(ticket)} Waiting for you: ${subjectOf(ticket)}`,
        heading: 'We need something from you',
        blocks: [
          {
            type: 'paragraph',
            text: `Our support team needs an answer from ${model.copy ? oneLine(ticket.requesterName) : 'you'} to go on with “${subjectOf(ticket)}” (${ticket.number}). The latest reply on the ticket says what is needed.`,
          },
          { type: 'paragraph', text: 'While the ticket waits on you, its response times are paused; they run again as soon as you reply.' },
          { type: 'facts', rows: [['Ticket', ticket.number], ['Waiting since', at(model.at)]] },
        ],
        action: { label: 'Answer on the ticket', url: link },
      }
    }
    case 'TICKET_RESOLVED': {
      const { ticket } = model
      return {
        subject: `${tag(ticket)} Resolved: ${subjectOf(ticket)}`,
        heading: 'Your ticket is resolved',
        blocks: [
          { type: 'paragraph', text: `We have marked “${subjectOf(ticket)}” (${ticket.number}) resolved.` },
          {
            type: 'paragraph',
            text: `If something is still not right, reply on the ticket before ${at(model.reopenUntil)} and it opens again. After that it closes by itself; a new question is always welcome as a new ticket.`,
          },
          { type: 'facts', rows: [['Ticket', ticket.number], ['Resolved', at(model.at)], ['Reopen by replying until', at(model.reopenUntil)]] },
        ],
        action: { label: 'View the ticket', url: link },
      }
    }
    case 'QUOTE_SENT':
    case 'QUOTE_EXPIRING': {
      const { quote } = model
      const about = quote.ticketNumber ? ` for ticket ${quote.ticketNumber}${quote.ticketSubject ? ` (“${oneLine(quote.ticketSubject)}”)` : ''}` : ''
      const expiring = model.kind === 'QUOTE_EXPIRING'
      return {
        subject: expiring
          ? `Quote ${quote.number} expires ${quote.daysLeft === 0 ? 'today' : `in ${days(quote.daysLeft ?? 0)}`}`
          : `Quote ${quote.number} for ${quote.customerName}: ${quote.total}`,
        heading: expiring ? `Quote ${quote.number} is about to expire` : `A quote is ready for ${quote.customerName}`,
        blocks: [
          {
            type: 'paragraph',
            text: expiring
              ? `Quote ${quote.number}${about} is valid until ${formatDate(quote.validUntil)}. If you would like the work done, accept it in the portal before then; if not, declining it tells us so.`
              : `We have prepared quote ${quote.number}${about}. Professional Services start once a key contact or customer admin accepts it in the portal.`,
          },
          { type: 'facts', rows: [['Quote', quote.number], ['Total', quote.total], ['Valid until', formatDate(quote.validUntil)]] },
        ],
        action: { label: 'Review the quote', url: link },
      }
    }
    case 'CONTRACT_EXPIRING': {
      const { contract } = model
      return {
        subject: `${contract.customerName}: ${contract.kindLabel} ends in ${days(contract.daysLeft)}`,
        heading: `Your ${contract.kindLabel.toLowerCase()} ends on ${formatDate(contract.endDate)}`,
        blocks: [
          {
            type: 'paragraph',
            text: `The ${contract.kindLabel.toLowerCase()} contract of ${contract.customerName} ends on ${formatDate(contract.endDate)}, in ${days(contract.daysLeft)}. Renewing it keeps support and upgrades going without a gap.`,
          },
          { type: 'facts', rows: [['Contract', contract.kindLabel], ['Last day of cover', formatDate(contract.endDate)], ['Fee for the current term', contract.renewalFee]] },
        ],
        action: { label: 'See your contracts', url: link },
      }
    }
    case 'TICKET_ASSIGNED': {
      const { ticket } = model
      const due = ticket.firstResponseDueAt
      return {
        subject: `${tag(ticket)} Premium ticket assigned to you: ${subjectOf(ticket)}`,
        heading: 'A premium ticket is yours',
        blocks: [
          {
            type: 'paragraph',
            text: `${model.assignedBy ? `${oneLine(model.assignedBy)} assigned` : 'Premium routing assigned'} you “${subjectOf(ticket)}” from ${ticket.customerName} (${oneLine(ticket.requesterName)}).`,
          },
          {
            type: 'facts',
            rows: [
              ['Ticket', ticket.number],
              ['Customer', ticket.customerName],
              ['Received', at(ticket.receivedAt)],
              ...(due ? [['First response guaranteed by', at(due)] as const] : []),
            ],
          },
        ],
        action: { label: 'Open the ticket', url: link },
      }
    }
    case 'SLA_WARNING':
    case 'SLA_BREACHED': {
      const { ticket } = model
      const breach = model.kind === 'SLA_BREACHED'
      const what = TARGET_WORDS[model.target]
      const promise = model.targetKind === 'GUARANTEE' ? 'premium guarantee' : 'goal'
      return {
        subject: breach
          ? `${tag(ticket)} ${model.targetKind === 'GUARANTEE' ? 'Guarantee missed' : 'Goal missed'}: ${what} was due ${at(model.dueAt)}`
          : `${tag(ticket)} SLA warning: ${what} due ${at(model.dueAt)}`,
        heading: breach ? `The ${what} ${promise} was missed` : `75% of the ${what} time is used`,
        blocks: [
          {
            type: 'paragraph',
            text: breach
              ? `“${subjectOf(ticket)}” from ${ticket.customerName} passed its ${what} due time. A reply now is still recorded; the breach stays on the ticket.`
              : `“${subjectOf(ticket)}” from ${ticket.customerName} has used three quarters of its ${what} time.`,
          },
          {
            type: 'facts',
            rows: [
              ['Ticket', ticket.number],
              ['Plan', PLAN_WORDS[ticket.plan]],
              [breach ? 'Was due' : 'Due', at(model.dueAt)],
              ['Assigned to', model.assigneeName ? oneLine(model.assigneeName) : `Nobody yet (${model.desk} desk queue)`],
            ],
          },
        ],
        action: { label: 'Open the ticket', url: link },
      }
    }
  }
}

/** Sample data for the template preview: one model of each kind, the way a real event fills it. */
export function sampleModel(kind: EmailKind, now: Date): EmailModel {
  const hour = 3_600_000
  const ticket: TicketFacts = {
    number: 'CT-000123',
    subject: 'Report totals differ from the <raw> export & the dashboard',
    customerName: 'Acme Analytics',
    requesterName: 'Alex Doe',
    plan: kind === 'TICKET_ASSIGNED' || kind === 'SLA_BREACHED' ? 'PREMIUM' : 'STANDARD',
    receivedAt: new Date(now.getTime() - 2 * hour),
    firstResponseDueAt: new Date(now.getTime() + 2 * hour),
    firstResponseKind: kind === 'TICKET_ASSIGNED' || kind === 'SLA_BREACHED' ? 'GUARANTEE' : 'GOAL',
    resolutionDueAt: new Date(now.getTime() + 22 * hour),
  }
  const quote: QuoteFacts = {
    number: 'Q-2026-0042',
    customerName: 'Acme Analytics',
    total: '$1,500.00',
    validUntil: new Date(now.getTime() + (kind === 'QUOTE_EXPIRING' ? 3 : 30) * 24 * hour).toISOString().slice(0, 10),
    daysLeft: kind === 'QUOTE_EXPIRING' ? 3 : 30,
    ticketNumber: 'CT-000123',
    ticketSubject: 'Server log file analysis',
    lines: 2,
  }
  switch (kind) {
    case 'TICKET_RECEIVED':
      return { kind, ticket, copy: false }
    case 'TICKET_ANSWERED':
      return {
        kind,
        ticket,
        copy: false,
        reply: { authorName: 'Sam Engineer', body: 'Thanks for the export.\nThe dashboard counts sessions in your desk’s time zone; the export uses UTC. Both are right.', at: now },
      }
    case 'TICKET_WAITING':
      return { kind, ticket, copy: false, at: now }
    case 'TICKET_RESOLVED':
      return { kind, ticket, copy: false, at: now, reopenUntil: new Date(now.getTime() + 7 * 24 * hour) }
    case 'QUOTE_SENT':
    case 'QUOTE_EXPIRING':
      return { kind, quote }
    case 'CONTRACT_EXPIRING':
      return {
        kind,
        contract: { kindLabel: 'Maintenance', customerName: 'Acme Analytics', endDate: new Date(now.getTime() + 60 * 24 * hour).toISOString().slice(0, 10), daysLeft: 60, renewalFee: '$2,000.00' },
      }
    case 'TICKET_ASSIGNED':
      return { kind, ticket, assignedBy: null }
    case 'SLA_WARNING':
    case 'SLA_BREACHED':
      return {
        kind,
        ticket,
        target: 'firstResponse',
        targetKind: ticket.firstResponseKind ?? 'GOAL',
        dueAt: kind === 'SLA_BREACHED' ? new Date(now.getTime() - 10 * 60_000) : ticket.firstResponseDueAt!,
        assigneeName: 'Sam Engineer',
        desk: 'Pacific',
      }
  }
}
