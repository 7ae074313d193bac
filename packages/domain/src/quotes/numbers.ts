import { DomainError } from '../errors/index.js'

/** The human quote number: (2026, 1) -> 'Q-2026-0001'; past 9999 the sequence just grows ('Q-2026-10000'). */
export function formatQuoteNumber(year: number, seq: number): string {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) {
    throw new DomainError('VALIDATION', `A quote year has four digits; got ${String(year)}.`, { field: 'year' })
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new DomainError('VALIDATION', `A quote sequence number is a whole number from 1; got ${String(seq)}.`, {
      field: 'seq',
    })
  }
  return `Q-${year}-${String(seq).padStart(4, '0')}`
}

/** Reads 'Q-2026-0001' back to { year: 2026, seq: 1 }; null when it is not a quote number. */
export function parseQuoteNumber(text: string): { year: number; seq: number } | null {
  const match = /^\s*Q-(\d{4})-(\d{4,})\s*$/i.exec(text)
  if (!match) return null
  const seq = Number(match[2])
  return Number.isSafeInteger(seq) && seq >= 1 ? { year: Number(match[1]), seq } : null
}
