import { DomainError } from '../errors/index.js'

/** The human ticket number: 123 -> 'CT-000123' (six digits at least; 1234567 -> 'CT-1234567'). */
export function formatTicketNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new DomainError('VALIDATION', `A ticket number is a whole number from 1; got ${String(n)}.`, { field: 'number' })
  }
  return `CT-${String(n).padStart(6, '0')}`
}

/** Reads 'CT-000123' (also 'ct-123', 'CT123', surrounding spaces) back to 123; null when it is not a ticket number. */
export function parseTicketNumber(text: string): number | null {
  const match = /^\s*CT-?(\d+)\s*$/i.exec(text)
  if (!match) return null
  const n = Number(match[1])
  return Number.isSafeInteger(n) && n >= 1 ? n : null
}
