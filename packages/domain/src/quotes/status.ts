import { addCalendarDays, compareCalendarDates, parseCalendarDate, type CalendarDate } from '../contracts/index.js'
import { DomainError } from '../errors/index.js'

/** Quote statuses (section 8). */
export const QUOTE_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'] as const

/** One of {@link QUOTE_STATUSES}. */
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]

/**
 * The quote status machine: a draft is sent (or discarded as WITHDRAWN); a sent quote is accepted,
 * declined, expires, or is withdrawn (also when a revision supersedes it). All other statuses are final.
 */
export const QUOTE_STATUS_CHANGES: Readonly<Record<QuoteStatus, readonly QuoteStatus[]>> = {
  DRAFT: ['SENT', 'WITHDRAWN'],
  SENT: ['ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'],
  ACCEPTED: [],
  DECLINED: [],
  EXPIRED: [],
  WITHDRAWN: [],
}

/** Default validity of a quote, in days (an admin setting). */
export const DEFAULT_QUOTE_VALID_DAYS = 30

/** What the quote rules look at. */
export interface QuoteState {
  readonly status: QuoteStatus
  /** Last day the quote can be accepted (inclusive, calendar date). */
  readonly validUntil: CalendarDate
  /** Number of lines; sending needs at least one. */
  readonly lineCount?: number
  /** Set when a revision replaced this quote. */
  readonly supersededByQuoteId?: string | null
}

/** The default valid-until date: `days` (default 30) after `today`, so 2026-01-15 -> 2026-02-14. */
export function validUntilDefault(today: CalendarDate, days: number = DEFAULT_QUOTE_VALID_DAYS): CalendarDate {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new DomainError('VALIDATION', 'A quote validity must be a whole number of days, 0 or more.', { field: 'days' })
  }
  return addCalendarDays(parseCalendarDate(today, 'today'), days)
}

/** True when a sent quote is past its valid-until date on `today` (it may still be acceptable on that date itself). */
export function isQuotePastValidity(quote: QuoteState, today: CalendarDate): boolean {
  return compareCalendarDates(parseCalendarDate(today, 'today'), parseCalendarDate(quote.validUntil, 'Valid until')) > 0
}

/**
 * Checks a move of `quote` to `to` on `today`; throws INVALID_TRANSITION with what to do instead, or
 * VALIDATION when sending a quote with no lines or an already passed valid-until date.
 * Accepting needs a sent quote that is not superseded and not past its valid-until date (even before
 * the scheduler has marked it EXPIRED); expiring needs that date to have passed.
 */
export function checkQuoteTransition(quote: QuoteState, to: QuoteStatus, today: CalendarDate): void {
  const from = quote.status
  if (!QUOTE_STATUS_CHANGES[from].includes(to)) {
    throw new DomainError('INVALID_TRANSITION', refusalMessage(from, to), { from, to })
  }
  if (to === 'SENT') {
    if (quote.lineCount !== undefined && quote.lineCount < 1) {
      throw new DomainError('VALIDATION', 'Add at least one line before sending the quote.', { field: 'lines' })
    }
    if (isQuotePastValidity(quote, today)) {
      throw new DomainError('VALIDATION', `The valid-until date ${quote.validUntil} has passed; set a later date before sending.`, {
        field: 'validUntil',
      })
    }
  }
  if (to === 'ACCEPTED') {
    if (quote.supersededByQuoteId != null) {
      throw new DomainError('INVALID_TRANSITION', 'This quote was replaced by a revised quote; accept the newer one instead.', {
        from,
        to,
        supersededByQuoteId: quote.supersededByQuoteId,
      })
    }
    if (isQuotePastValidity(quote, today)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `This quote expired after ${quote.validUntil} and can no longer be accepted; ask for a revised quote.`,
        { from, to },
      )
    }
  }
  if (to === 'EXPIRED' && !isQuotePastValidity(quote, today)) {
    throw new DomainError('INVALID_TRANSITION', `This quote is valid until ${quote.validUntil} and cannot expire before then.`, {
      from,
      to,
    })
  }
}

/** A quote can be edited only while it is a draft; throws RULE_VIOLATION otherwise. */
export function checkQuoteEditable(quote: Pick<QuoteState, 'status'>): void {
  if (quote.status !== 'DRAFT') {
    throw new DomainError(
      'RULE_VIOLATION',
      quote.status === 'SENT'
        ? 'A sent quote is never edited; create a revision, which replaces it once sent.'
        : `A ${quote.status.toLowerCase()} quote cannot be edited.`,
      { status: quote.status },
    )
  }
}

/**
 * A revision (a new draft that supersedes this quote when sent) can be made of a sent, declined or
 * expired quote; a draft is simply edited, an accepted one is extended by a change order (a further
 * quote), a withdrawn one is final. Throws RULE_VIOLATION otherwise.
 */
export function checkQuoteRevisable(quote: QuoteState): void {
  if (quote.supersededByQuoteId != null) {
    throw new DomainError('RULE_VIOLATION', 'This quote already has a revision; revise the newest one.', {
      supersededByQuoteId: quote.supersededByQuoteId,
    })
  }
  const hints: Partial<Record<QuoteStatus, string>> = {
    DRAFT: 'A draft is edited directly; no revision is needed.',
    ACCEPTED: 'An accepted quote is not revised; quote the extra work as a change order (a further quote).',
    WITHDRAWN: 'A withdrawn quote cannot be revised; start a new quote.',
  }
  const hint = hints[quote.status]
  if (hint !== undefined) throw new DomainError('RULE_VIOLATION', hint, { status: quote.status })
}

function refusalMessage(from: QuoteStatus, to: QuoteStatus): string {
  if (from === 'DRAFT') return `A draft quote must be sent before it can be ${to.toLowerCase()}.`
  if (from === 'SENT' && to === 'DRAFT') return 'A sent quote never goes back to draft; create a revision instead.'
  if (from === 'SENT') return `A sent quote cannot become ${to.toLowerCase()}.`
  return `This quote is ${from.toLowerCase()}, which is final; it cannot become ${to.toLowerCase()}.`
}
