import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorCode } from '../../errors/index.js'
import type { Money } from '../../money/index.js'
import {
  QUOTE_STATUSES,
  checkQuoteEditable,
  checkQuoteRevisable,
  checkQuoteTransition,
  formatQuoteNumber,
  parseQuoteNumber,
  quantityToHundredths,
  quoteLineTotal,
  quoteTotals,
  validUntilDefault,
  type QuoteState,
  type QuoteStatus,
} from '../index.js'

function errorOf(fn: () => unknown): DomainError | null {
  try {
    fn()
    return null
  } catch (error) {
    if (error instanceof DomainError) return error
    throw error
  }
}
const codeOf = (fn: () => unknown): DomainErrorCode | 'NO_ERROR' => errorOf(fn)?.code ?? 'NO_ERROR'

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' })
const gbp = (amountMinor: number): Money => ({ amountMinor, currency: 'GBP' })

describe('quote numbers', () => {
  it.each([
    [2026, 1, 'Q-2026-0001'],
    [2026, 42, 'Q-2026-0042'],
    [2027, 9999, 'Q-2027-9999'],
    [2027, 10000, 'Q-2027-10000'],
  ])('(%i, %i) -> %s', (year, seq, text) => {
    expect(formatQuoteNumber(year, seq)).toBe(text)
    expect(parseQuoteNumber(text)).toEqual({ year, seq })
  })

  it('refuses a bad year or sequence', () => {
    expect(codeOf(() => formatQuoteNumber(26, 1))).toBe('VALIDATION')
    expect(codeOf(() => formatQuoteNumber(2026, 0))).toBe('VALIDATION')
    expect(codeOf(() => formatQuoteNumber(2026, 1.5))).toBe('VALIDATION')
  })

  it('rejects text that is not a quote number', () => {
    expect(parseQuoteNumber('CT-000123')).toBeNull()
    expect(parseQuoteNumber('Q-2026-1')).toBeNull()
    expect(parseQuoteNumber('Q-2026-0000')).toBeNull()
  })
})

describe('quote lines and totals', () => {
  it('reads quantities exactly in hundredths', () => {
    expect(quantityToHundredths(1)).toBe(100)
    expect(quantityToHundredths(1.25)).toBe(125)
    expect(quantityToHundredths(0.01)).toBe(1)
    expect(quantityToHundredths(0.29)).toBe(29) // 0.29 * 100 is 28.999999999999996 in floats
  })

  it.each([
    ['zero', 0],
    ['negative', -1],
    ['more than 2 decimals', 1.255],
    ['NaN', Number.NaN],
  ])('refuses a %s quantity', (_name, quantity) => {
    expect(codeOf(() => quantityToHundredths(quantity))).toBe('VALIDATION')
  })

  it.each([
    [1, 15000, 15000],
    [1.25, 9999, 12499], // 12498.75 -> 12499
    [0.5, 1, 1], // 0.5 -> 1, half away from zero
    [0.01, 49, 0], // 0.49 -> 0
    [0.01, 50, 1], // 0.50 -> 1
    [0.01, 150, 2], // 1.50 -> 2
    [2.5, 333, 833], // 832.5 -> 833
    [3, 0, 0], // the free Daily Demo
  ])('%f × %i minor = %i minor', (quantity, unit, total) => {
    expect(quoteLineTotal({ description: 'x', quantity, unitPrice: usd(unit) })).toEqual(usd(total))
  })

  it('totals a quote from its rounded lines in the customer currency', () => {
    const totals = quoteTotals(
      [
        { description: 'Consulting, log file format', quantity: 1.25, unitPrice: gbp(9999) },
        { description: 'Training module: labels', quantity: 1, unitPrice: gbp(45000) },
        { description: ' Daily Demo ', quantity: 1, unitPrice: gbp(0) },
      ],
      'GBP',
    )
    expect(totals.lines.map((l) => l.total.amountMinor)).toEqual([12499, 45000, 0])
    expect(totals.lines.map((l) => l.quantityHundredths)).toEqual([125, 100, 100])
    expect(totals.lines[2]?.description).toBe('Daily Demo')
    expect(totals.total).toEqual(gbp(57499))
    expect(totals.currency).toBe('GBP')
  })

  it('an empty quote totals zero', () => {
    expect(quoteTotals([], 'USD').total).toEqual(usd(0))
  })

  it('refuses a line in another currency with MIXED_CURRENCY', () => {
    expect(codeOf(() => quoteTotals([{ description: 'x', quantity: 1, unitPrice: usd(100) }], 'GBP'))).toBe('MIXED_CURRENCY')
  })

  it('refuses bad lines with VALIDATION naming the line', () => {
    const error = errorOf(() =>
      quoteTotals(
        [
          { description: 'ok', quantity: 1, unitPrice: usd(100) },
          { description: 'bad', quantity: 0, unitPrice: usd(100) },
        ],
        'USD',
      ),
    )
    expect(error?.code).toBe('VALIDATION')
    expect(error?.message).toMatch(/^Line 2 quantity must be more than zero/)
    expect(codeOf(() => quoteTotals([{ description: '  ', quantity: 1, unitPrice: usd(1) }], 'USD'))).toBe('VALIDATION')
    expect(codeOf(() => quoteTotals([{ description: 'x', quantity: 1, unitPrice: usd(-1) }], 'USD'))).toBe('VALIDATION')
    expect(codeOf(() => quoteTotals([{ description: 'x', quantity: 1, unitPrice: usd(1.5) }], 'USD'))).toBe('VALIDATION')
  })

  it('the total is the sum of the rounded lines, each within half a minor unit of exact', () => {
    const line = fc.record({
      hundredths: fc.integer({ min: 1, max: 100_000 }),
      unit: fc.integer({ min: 0, max: 10_000_000 }),
    })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const totals = quoteTotals(
          lines.map((l) => ({ description: 'work', quantity: l.hundredths / 100, unitPrice: usd(l.unit) })),
          'USD',
        )
        let sum = 0
        totals.lines.forEach((computed, i) => {
          const exactHundredths = BigInt(lines[i]!.unit) * BigInt(lines[i]!.hundredths) // in 1/100 minor units
          const error = BigInt(computed.total.amountMinor) * 100n - exactHundredths
          expect(error > -50n && error <= 50n).toBe(true) // halves go up, never down
          sum += computed.total.amountMinor
        })
        expect(totals.total.amountMinor).toBe(sum)
      }),
    )
  })

  it('a line total never decreases when the quantity grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), fc.nat(1_000_000), (a, b, unit) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const total = (h: number) => quoteLineTotal({ description: 'x', quantity: h / 100, unitPrice: usd(unit) }).amountMinor
        expect(total(lo)).toBeLessThanOrEqual(total(hi))
      }),
    )
  })
})

describe('validUntilDefault', () => {
  it('is 30 days after today by default', () => {
    expect(validUntilDefault('2026-01-15')).toBe('2026-02-14')
    expect(validUntilDefault('2028-02-01')).toBe('2028-03-02') // through a leap day
    expect(validUntilDefault('2026-12-15')).toBe('2027-01-14')
    expect(validUntilDefault('2026-01-15', 14)).toBe('2026-01-29')
  })

  it('refuses bad input', () => {
    expect(codeOf(() => validUntilDefault('2026-02-30'))).toBe('VALIDATION')
    expect(codeOf(() => validUntilDefault('2026-01-15', -1))).toBe('VALIDATION')
  })
})

describe('quote status machine', () => {
  const ALLOWED: Record<QuoteStatus, QuoteStatus[]> = {
    DRAFT: ['SENT', 'WITHDRAWN'],
    SENT: ['ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'],
    ACCEPTED: [],
    DECLINED: [],
    EXPIRED: [],
    WITHDRAWN: [],
  }
  const today = '2026-03-10'
  const quote = (status: QuoteStatus, over: Partial<QuoteState> = {}): QuoteState => ({
    status,
    validUntil: '2026-03-31',
    lineCount: 1,
    ...over,
  })
  const pairs = QUOTE_STATUSES.flatMap((from) => QUOTE_STATUSES.map((to) => [from, to] as const))

  it.each(pairs)('%s -> %s', (from, to) => {
    // EXPIRED needs a passed date; every other move is judged while the quote is still valid
    const day = to === 'EXPIRED' ? '2026-04-01' : today
    const code = codeOf(() => checkQuoteTransition(quote(from), to, day))
    expect(code).toBe(ALLOWED[from].includes(to) ? 'NO_ERROR' : 'INVALID_TRANSITION')
  })

  it('a quote can be accepted on its last valid day, not after', () => {
    expect(codeOf(() => checkQuoteTransition(quote('SENT'), 'ACCEPTED', '2026-03-31'))).toBe('NO_ERROR')
    const error = errorOf(() => checkQuoteTransition(quote('SENT'), 'ACCEPTED', '2026-04-01'))
    expect(error?.code).toBe('INVALID_TRANSITION')
    expect(error?.message).toBe(
      'This quote expired after 2026-03-31 and can no longer be accepted; ask for a revised quote.',
    )
  })

  it('expires only once its valid-until date has passed', () => {
    expect(codeOf(() => checkQuoteTransition(quote('SENT'), 'EXPIRED', '2026-03-31'))).toBe('INVALID_TRANSITION')
    expect(codeOf(() => checkQuoteTransition(quote('SENT'), 'EXPIRED', '2026-04-01'))).toBe('NO_ERROR')
  })

  it('a superseded quote cannot be accepted', () => {
    const error = errorOf(() => checkQuoteTransition(quote('SENT', { supersededByQuoteId: 'q2' }), 'ACCEPTED', today))
    expect(error?.code).toBe('INVALID_TRANSITION')
    expect(error?.message).toMatch(/replaced by a revised quote/)
  })

  it('withdrawn, expired and declined quotes cannot be accepted', () => {
    for (const status of ['WITHDRAWN', 'EXPIRED', 'DECLINED'] as const) {
      expect(codeOf(() => checkQuoteTransition(quote(status), 'ACCEPTED', today))).toBe('INVALID_TRANSITION')
    }
  })

  it('sending needs a line and a valid-until date not yet passed', () => {
    expect(codeOf(() => checkQuoteTransition(quote('DRAFT', { lineCount: 0 }), 'SENT', today))).toBe('VALIDATION')
    expect(codeOf(() => checkQuoteTransition(quote('DRAFT', { validUntil: '2026-03-09' }), 'SENT', today))).toBe('VALIDATION')
    expect(codeOf(() => checkQuoteTransition(quote('DRAFT', { validUntil: today }), 'SENT', today))).toBe('NO_ERROR')
  })

  it('only a draft can be edited; a sent quote needs a revision', () => {
    expect(codeOf(() => checkQuoteEditable({ status: 'DRAFT' }))).toBe('NO_ERROR')
    const error = errorOf(() => checkQuoteEditable({ status: 'SENT' }))
    expect(error?.code).toBe('RULE_VIOLATION')
    expect(error?.message).toBe('A sent quote is never edited; create a revision, which replaces it once sent.')
    for (const status of ['ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'] as const) {
      expect(codeOf(() => checkQuoteEditable({ status }))).toBe('RULE_VIOLATION')
    }
  })

  it('sent, declined and expired quotes can be revised once', () => {
    for (const status of ['SENT', 'DECLINED', 'EXPIRED'] as const) {
      expect(codeOf(() => checkQuoteRevisable(quote(status)))).toBe('NO_ERROR')
    }
    for (const status of ['DRAFT', 'ACCEPTED', 'WITHDRAWN'] as const) {
      expect(codeOf(() => checkQuoteRevisable(quote(status)))).toBe('RULE_VIOLATION')
    }
    expect(codeOf(() => checkQuoteRevisable(quote('SENT', { supersededByQuoteId: 'q2' })))).toBe('RULE_VIOLATION')
  })
})
