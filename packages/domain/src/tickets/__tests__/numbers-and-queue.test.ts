import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../errors/index.js'
import { compareQueueOrder, formatTicketNumber, parseTicketNumber, type QueueItem } from '../index.js'

describe('ticket numbers', () => {
  it.each([
    [1, 'CT-000001'],
    [123, 'CT-000123'],
    [999_999, 'CT-999999'],
    [1_234_567, 'CT-1234567'],
  ])('%i -> %s', (n, text) => {
    expect(formatTicketNumber(n)).toBe(text)
    expect(parseTicketNumber(text)).toBe(n)
  })

  it('refuses numbers that are not positive whole numbers', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => formatTicketNumber(n)).toThrow(DomainError)
  })

  it('reads what people type and rejects the rest', () => {
    expect(parseTicketNumber(' ct-123 ')).toBe(123)
    expect(parseTicketNumber('CT000123')).toBe(123)
    expect(parseTicketNumber('Q-2026-0001')).toBeNull()
    expect(parseTicketNumber('CT-000000')).toBeNull()
    expect(parseTicketNumber('123')).toBeNull()
  })

  it('round-trips and keeps numeric order in text order up to a million', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), (a, b) => {
        expect(parseTicketNumber(formatTicketNumber(a))).toBe(a)
        expect(Math.sign(formatTicketNumber(a).localeCompare(formatTicketNumber(b)))).toBe(Math.sign(a - b))
      }),
    )
  })
})

describe('compareQueueOrder', () => {
  const t = (number: number, plan: QueueItem['plan'], dueAt: number | null, receivedAt = 0): QueueItem => ({
    number,
    plan,
    dueAt,
    receivedAt,
  })

  it('puts PREMIUM first, then the earliest due, tickets without a clock last', () => {
    const queue = [
      t(1, 'STANDARD', 1_000),
      t(2, 'NOT_ENTITLED', null),
      t(3, 'PREMIUM', 9_000),
      t(4, 'STANDARD', 500),
      t(5, 'PREMIUM', 2_000),
      t(6, 'STANDARD', null),
    ]
    expect([...queue].sort(compareQueueOrder).map((x) => x.number)).toEqual([5, 3, 4, 1, 2, 6])
  })

  it('breaks ties by receipt, then number; accepts Dates', () => {
    const a = { plan: 'STANDARD', dueAt: new Date(1_000), receivedAt: new Date(10), number: 9 } as const
    const b = { plan: 'STANDARD', dueAt: 1_000, receivedAt: 5, number: 10 } as const
    const c = { plan: 'STANDARD', dueAt: 1_000, receivedAt: 5, number: 8 } as const
    expect([a, b, c].sort(compareQueueOrder).map((x) => x.number)).toEqual([8, 10, 9])
  })

  it('a premium ticket is never behind a non-premium one', () => {
    const item = fc.record({
      plan: fc.constantFrom('PREMIUM', 'STANDARD', 'NOT_ENTITLED' as const),
      dueAt: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: null }),
    })
    fc.assert(
      fc.property(fc.array(item), (items) => {
        const sorted = [...items].sort(compareQueueOrder)
        const firstOther = sorted.findIndex((x) => x.plan !== 'PREMIUM')
        if (firstOther >= 0) expect(sorted.slice(firstOther).some((x) => x.plan === 'PREMIUM')).toBe(false)
        for (let i = 1; i < sorted.length; i++) {
          const [prev, cur] = [sorted[i - 1]!, sorted[i]!]
          if ((prev.plan === 'PREMIUM') === (cur.plan === 'PREMIUM') && prev.dueAt !== null && cur.dueAt !== null) {
            expect(prev.dueAt).toBeLessThanOrEqual(cur.dueAt)
          }
        }
      }),
    )
  })
})
