import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorCode } from '../../errors/index.js'
import {
  CONTRACT_STATUSES,
  addCalendarDays,
  calendarDaysBetween,
  checkTermDates,
  contractStatus,
  coveredDates,
  daysLeftInTerm,
  nextTerm,
  oneYearTerm,
  termCovers,
  termLengthInDays,
  termStatus,
  termsOverlap,
} from '../index.js'

function codeOf(fn: () => unknown): DomainErrorCode | 'NO_ERROR' | 'OTHER' {
  try {
    fn()
    return 'NO_ERROR'
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER'
  }
}

const year2026 = { start: '2026-01-01', end: '2026-12-31' }

describe('termStatus', () => {
  it('lists the derived contract statuses', () => {
    expect(CONTRACT_STATUSES).toEqual(['UPCOMING', 'ACTIVE', 'EXPIRING', 'LAPSED', 'CANCELLED'])
  })

  it.each([
    ['the day before the start', '2025-12-31', 'UPCOMING'],
    ['the first day', '2026-01-01', 'ACTIVE'],
    ['mid-term', '2026-06-15', 'ACTIVE'],
    ['61 days before the end (62 days left)', '2026-10-31', 'ACTIVE'],
    ['exactly 60 days before the end (61 days left)', '2026-11-01', 'ACTIVE'],
    ['59 days before the end (60 days left)', '2026-11-02', 'EXPIRING'],
    ['the day before the last day', '2026-12-30', 'EXPIRING'],
    ['the last day of the term', '2026-12-31', 'EXPIRING'],
    ['the day after the end', '2027-01-01', 'LAPSED'],
    ['long after the end', '2030-01-01', 'LAPSED'],
  ])('on %s (%s) it is %s', (_name, today, expected) => {
    expect(termStatus(year2026, today)).toBe(expected)
  })

  it('counts days left including today and the last day', () => {
    expect(daysLeftInTerm(year2026, '2026-12-31')).toBe(1)
    expect(daysLeftInTerm(year2026, '2026-11-02')).toBe(60)
    expect(daysLeftInTerm(year2026, '2026-11-01')).toBe(61)
    expect(daysLeftInTerm(year2026, '2027-01-01')).toBe(0)
    expect(daysLeftInTerm(year2026, '2025-06-01')).toBe(365)
  })

  it('uses the expiring period given (an admin setting)', () => {
    expect(termStatus(year2026, '2026-10-03', 90)).toBe('EXPIRING') // 90 days left
    expect(termStatus(year2026, '2026-10-02', 90)).toBe('ACTIVE') // 91 days left
    expect(termStatus(year2026, '2026-12-31', 0)).toBe('ACTIVE')
    expect(codeOf(() => termStatus(year2026, '2026-12-31', -1))).toBe('VALIDATION')
    expect(codeOf(() => termStatus(year2026, '2026-12-31', 1.5))).toBe('VALIDATION')
  })

  it('a renewed term stays ACTIVE to its last day and is RENEWED after it, never LAPSED', () => {
    const renewed = { ...year2026, renewed: true }
    expect(termStatus(renewed, '2026-12-31')).toBe('ACTIVE')
    expect(termStatus(renewed, '2026-11-15')).toBe('ACTIVE')
    expect(termStatus(renewed, '2027-01-01')).toBe('RENEWED')
  })

  it('is CANCELLED from the cancellation date on', () => {
    const cancelled = { ...year2026, cancelledAt: '2026-06-15' }
    expect(termStatus(cancelled, '2026-06-14')).toBe('ACTIVE')
    expect(termStatus(cancelled, '2026-06-15')).toBe('CANCELLED')
    expect(termStatus(cancelled, '2027-06-15')).toBe('CANCELLED')
    expect(termStatus({ ...year2026, cancelledAt: '2025-12-01' }, '2025-12-15')).toBe('CANCELLED')
    expect(termStatus({ ...year2026, cancelledAt: '2025-12-01' }, '2025-11-15')).toBe('UPCOMING')
  })

  describe('leap years', () => {
    const endingOnLeapDay = { start: '2027-03-01', end: '2028-02-29' }

    it('a term ending 2028-02-29 has 366 days', () => {
      expect(termLengthInDays(endingOnLeapDay)).toBe(366)
    })

    it.each([
      ['2027-12-31', 61, 'ACTIVE'],
      ['2028-01-01', 60, 'EXPIRING'],
      ['2028-02-28', 2, 'EXPIRING'],
      ['2028-02-29', 1, 'EXPIRING'],
      ['2028-03-01', 0, 'LAPSED'],
    ])('a term ending 2028-02-29 on %s: %i days left, %s', (today, left, status) => {
      expect(daysLeftInTerm(endingOnLeapDay, today)).toBe(left)
      expect(termStatus(endingOnLeapDay, today)).toBe(status)
    })

    it('without a leap day the expiring window starts a day earlier in the calendar', () => {
      const endingFeb28 = { start: '2026-03-01', end: '2027-02-28' }
      expect(termStatus(endingFeb28, '2026-12-30')).toBe('ACTIVE') // 61 left
      expect(termStatus(endingFeb28, '2026-12-31')).toBe('EXPIRING') // 60 left
    })
  })

  it('refuses an end before the start, and bad dates', () => {
    expect(codeOf(() => termStatus({ start: '2026-02-01', end: '2026-01-31' }, '2026-01-15'))).toBe('VALIDATION')
    expect(codeOf(() => termStatus(year2026, '2026-02-30'))).toBe('VALIDATION')
    expect(codeOf(() => checkTermDates({ start: '2026-1-1', end: '2026-12-31' }))).toBe('VALIDATION')
    expect(checkTermDates({ start: '2026-01-01', end: '2026-01-01' })).toEqual({ start: '2026-01-01', end: '2026-01-01' })
  })

  it('EXPIRING is exactly the last 60 days of cover, on any term', () => {
    const date = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(date, fc.integer({ min: -30, max: 420 }), (start, offset) => {
        const term = oneYearTerm(start)
        const today = addCalendarDays(start, offset)
        const left = calendarDaysBetween(today, term.end) + 1
        const status = termStatus(term, today)
        if (offset < 0) expect(status).toBe('UPCOMING')
        else if (left <= 0) expect(status).toBe('LAPSED')
        else expect(status).toBe(left <= 60 ? 'EXPIRING' : 'ACTIVE')
      }),
    )
  })
})

describe('contractStatus', () => {
  const first = { start: '2026-01-01', end: '2026-12-31' }
  const second = { start: '2027-01-01', end: '2027-12-31' }

  it('follows the single term of a new contract', () => {
    expect(contractStatus([first], '2025-12-01')).toBe('UPCOMING')
    expect(contractStatus([first], '2026-12-31')).toBe('EXPIRING')
    expect(contractStatus([first], '2027-01-01')).toBe('LAPSED')
  })

  it('a renewed contract is not EXPIRING, and continues into its next term', () => {
    expect(contractStatus([second, first], '2026-12-31')).toBe('ACTIVE')
    expect(contractStatus([first, second], '2027-01-01')).toBe('ACTIVE')
    expect(contractStatus([first, second], '2027-12-31')).toBe('EXPIRING')
    expect(contractStatus([first, second], '2028-01-01')).toBe('LAPSED')
  })

  it('is UPCOMING in a gap before a later renewal', () => {
    const later = { start: '2027-03-01', end: '2028-02-29' }
    expect(contractStatus([first, later], '2027-02-01')).toBe('UPCOMING')
  })

  it('is CANCELLED when the current term is cancelled', () => {
    expect(contractStatus([{ ...first, cancelledAt: '2026-05-01' }], '2026-05-01')).toBe('CANCELLED')
  })

  it('needs at least one term', () => {
    expect(codeOf(() => contractStatus([], '2026-01-01'))).toBe('VALIDATION')
  })
})

describe('oneYearTerm and nextTerm', () => {
  it('a year runs to the day before the anniversary', () => {
    expect(oneYearTerm('2026-04-01')).toEqual({ start: '2026-04-01', end: '2027-03-31' })
    expect(oneYearTerm('2026-01-01')).toEqual({ start: '2026-01-01', end: '2026-12-31' })
    expect(oneYearTerm('2027-03-01')).toEqual({ start: '2027-03-01', end: '2028-02-29' })
  })

  it('a term starting on 29 February ends on 28 February, a full 366 days', () => {
    const term = oneYearTerm('2028-02-29')
    expect(term).toEqual({ start: '2028-02-29', end: '2029-02-28' })
    expect(termLengthInDays(term)).toBe(366)
    expect(nextTerm(term)).toEqual({ start: '2029-03-01', end: '2030-02-28' })
  })

  it('renewal starts the day after the end', () => {
    expect(nextTerm({ start: '2026-01-01', end: '2026-12-31' })).toEqual({ start: '2027-01-01', end: '2027-12-31' })
    expect(nextTerm({ start: '2027-03-01', end: '2028-02-28' })).toEqual({ start: '2028-02-29', end: '2029-02-28' })
  })

  it('every renewal is adjacent to its term, does not overlap it, and lasts 365 or 366 days', () => {
    const date = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 800 }), (start, length) => {
        const term = { start, end: addCalendarDays(start, length) }
        const next = nextTerm(term)
        expect(next.start).toBe(addCalendarDays(term.end, 1))
        expect(termsOverlap(term, next)).toBe(false)
        expect([365, 366]).toContain(termLengthInDays(next))
      }),
    )
  })
})

describe('termsOverlap and coverage', () => {
  it.each([
    ['the same term', year2026, year2026, true],
    ['sharing only the last day', year2026, { start: '2026-12-31', end: '2027-12-30' }, true],
    ['adjacent terms', year2026, { start: '2027-01-01', end: '2027-12-31' }, false],
    ['one inside the other', year2026, { start: '2026-05-01', end: '2026-05-31' }, true],
    ['far apart', year2026, { start: '2028-01-01', end: '2028-12-31' }, false],
  ])('%s: %s', (_name, a, b, expected) => {
    expect(termsOverlap(a, b)).toBe(expected)
    expect(termsOverlap(b, a)).toBe(expected)
  })

  it('a cancellation cuts the covered days short', () => {
    expect(coveredDates({ ...year2026, cancelledAt: '2026-06-01' })).toEqual({ start: '2026-01-01', end: '2026-05-31' })
    expect(coveredDates({ ...year2026, cancelledAt: '2026-01-01' })).toBeNull()
    expect(coveredDates({ ...year2026, cancelledAt: '2027-06-01' })).toEqual(year2026)
    expect(termCovers({ ...year2026, cancelledAt: '2026-06-01' }, '2026-05-31')).toBe(true)
    expect(termCovers({ ...year2026, cancelledAt: '2026-06-01' }, '2026-06-01')).toBe(false)
    expect(termCovers(year2026, '2026-12-31')).toBe(true)
    expect(termCovers(year2026, '2027-01-01')).toBe(false)
  })
})
