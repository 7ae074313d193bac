/**
 * What the printable quote (UiQuoteDocument) shows, as both SPAs read it from the API: plain fields, so each app's
 * generated fragment type fits. Amounts are integer minor units (the API's SafeInt), never floats.
 */
import { currencyLabel, deskTimeZone, formatMinorMoney } from './labels'
import { formatWorkMinutes, quoteLineKindLabel } from './quoteLabels'

export interface QuoteDocumentMoney {
  amountMinor: unknown
  currency: string
}

export interface QuoteDocumentLine {
  position: number
  kind: string
  description: string
  /** Exact to 2 decimals, e.g. "2.50". */
  quantity: string
  unitPrice: QuoteDocumentMoney
  total: QuoteDocumentMoney
  trainingModule?: { name: string } | null
}

export interface QuoteDocumentData {
  number: string
  status: string
  purpose: string
  currency: string
  validUntil: unknown
  createdAt: string
  sentAt: string | null
  decidedAt: string | null
  quotedMinutes: number
  total: QuoteDocumentMoney
  lines: readonly QuoteDocumentLine[]
  customer: { name: string; homeDesk: string }
  addressedTo?: { name: string; email: string } | null
  decidedBy?: { name: string } | null
  ticket?: { number: string; subject: string } | null
  contract?: { kind: string } | null
  supersedes?: { number: string } | null
}

/** "US dollar" */
function currencyName(currency: string): string {
  return currencyLabel(currency).replace(/\s*\([A-Z]{3}\)$/, '')
}

/** An amount in minor units for people, in its currency: "$1,234.50". */
export function documentMoney(value: QuoteDocumentMoney): string {
  return formatMinorMoney(Number(value.amountMinor), value.currency)
}

/** The calendar date (YYYY-MM-DD) of an instant at the customer's desk, where the quote's dates are counted. */
export function dateAtDesk(instant: string, homeDesk: string): string {
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return ''
  const format = (timeZone?: string) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(date)
  try {
    return format(deskTimeZone(homeDesk))
  } catch {
    return format('UTC')
  }
}

/** "2.50 h" for hours, "2" for a count of modules or sessions. */
export function documentQuantity(line: Pick<QuoteDocumentLine, 'kind' | 'quantity'>): string {
  if (line.kind === 'HOURS') return `${line.quantity} h`
  return line.quantity.endsWith('.00') ? line.quantity.slice(0, -3) : line.quantity
}

/** What kind of line it is, under its description: the training module's name when the description leaves it out. */
export function quoteLineKind(line: Pick<QuoteDocumentLine, 'kind' | 'description' | 'trainingModule'>): string {
  const module = line.trainingModule?.name
  if (module && !line.description.includes(module)) return `Training module: ${module}`
  return quoteLineKindLabel(line.kind)
}

/** The terms printed under every quote: nothing is delivered before acceptance, and what the hours quoted mean. */
export function quoteTerms(quote: Pick<QuoteDocumentData, 'purpose' | 'quotedMinutes' | 'currency' | 'customer'>, validUntil: string): string[] {
  const terms: string[] = []
  if (quote.purpose === 'RENEWAL') {
    terms.push(`The renewal takes effect only once ${quote.customer.name} has accepted this quote.`)
  } else {
    terms.push(
      `Nothing is delivered before acceptance: Covered starts the work, and logs no time, until a key contact or customer admin of ${quote.customer.name} has accepted this quote in the Covered support portal.`,
    )
  }
  if (quote.quotedMinutes > 0) {
    terms.push(
      `Hours quoted: ${formatWorkMinutes(quote.quotedMinutes)} of Professional Services. Time is logged against these hours; work beyond them needs a change order, a further quote you accept.`,
    )
  }
  terms.push(`Valid until ${validUntil}. All amounts are in ${quote.currency} (${currencyName(quote.currency)}), priced by Covered from its rate card.`)
  terms.push('A sent quote is never changed: a revision is a new quote that replaces it.')
  return terms
}
