import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorCode } from '../../errors/index.js'
import {
  addCalendarDays,
  addCalendarYears,
  calendarDaysBetween,
  compareCalendarDates,
  isCalendarDate,
  isLeapYear,
  parseCalendarDate,
  todayIn,
} from '../index.js'

function codeOf(fn: () => unknown): DomainErrorCode | 'NO_ERROR' | 'OTHER' {
  try {
    fn()
    return 'NO_ERROR'
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER'
  }
}

const utc = (iso: string): number => new Date(iso).getTime()

describe('calendar dates', () => {
  it.each([
    ['2026-01-31', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2027-02-29', false],
    ['2100-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    ['', false],
  ])('%s is a calendar date: %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected)
  })

  it('refuses non-dates with VALIDATION', () => {
    expect(codeOf(() => parseCalendarDate('2027-02-29'))).toBe('VALIDATION')
    expect(codeOf(() => parseCalendarDate(20260101))).toBe('VALIDATION')
    expect(parseCalendarDate('2026-03-31')).toBe('2026-03-31')
  })

  it('knows leap years', () => {
    expect([2024, 2028, 2000].map(isLeapYear)).toEqual([true, true, true])
    expect([2026, 2027, 2100, 1900].map(isLeapYear)).toEqual([false, false, false, false])
  })

  it('adds days across months, years and leap days', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addCalendarDays('2026-01-15', 30)).toBe('2026-02-14')
  })

  it('counts days between dates', () => {
    expect(calendarDaysBetween('2026-01-01', '2026-12-31')).toBe(364)
    expect(calendarDaysBetween('2028-01-01', '2028-12-31')).toBe(365)
    expect(calendarDaysBetween('2026-03-31', '2026-03-01')).toBe(-30)
    expect(compareCalendarDates('2026-03-01', '2026-02-28')).toBeGreaterThan(0)
  })

  it('adds years, rolling 29 February forward to 1 March', () => {
    expect(addCalendarYears('2026-04-01', 1)).toBe('2027-04-01')
    expect(addCalendarYears('2028-02-29', 1)).toBe('2029-03-01')
    expect(addCalendarYears('2028-02-29', 4)).toBe('2032-02-29')
  })

  it('addCalendarDays and calendarDaysBetween agree', () => {
    const date = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(date, fc.integer({ min: -5000, max: 5000 }), (start, days) => {
        const end = addCalendarDays(start, days)
        expect(isCalendarDate(end)).toBe(true)
        expect(calendarDaysBetween(start, end)).toBe(days)
      }),
    )
  })
})

describe('todayIn', () => {
  it('gives the date on the wall calendar of the zone', () => {
    expect(todayIn('America/Los_Angeles', utc('2026-01-01T07:59:59Z'))).toBe('2025-12-31')
    expect(todayIn('America/Los_Angeles', utc('2026-01-01T08:00:00Z'))).toBe('2026-01-01')
    expect(todayIn('Europe/London', utc('2026-01-01T00:00:00Z'))).toBe('2026-01-01')
    expect(todayIn('Europe/London', utc('2025-12-31T23:59:59Z'))).toBe('2025-12-31')
  })

  it('follows daylight saving time', () => {
    // British Summer Time: 23:30 UTC on 30 June is already 1 July in London
    expect(todayIn('Europe/London', utc('2026-06-30T23:30:00Z'))).toBe('2026-07-01')
    // Pacific Daylight Time is UTC-7: 06:59 UTC is still the day before
    expect(todayIn('America/Los_Angeles', utc('2026-07-01T06:59:59Z'))).toBe('2026-06-30')
    expect(todayIn('America/Los_Angeles', utc('2026-07-01T07:00:00Z'))).toBe('2026-07-01')
  })

  it('can differ between the two desks at the same instant', () => {
    const instant = utc('2026-03-31T23:30:00Z')
    expect(todayIn('Europe/London', instant)).toBe('2026-04-01')
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-03-31')
  })

  it('accepts a Date', () => {
    expect(todayIn('UTC', new Date('2028-02-29T12:00:00Z'))).toBe('2028-02-29')
  })

  it('refuses an unknown zone or an invalid instant', () => {
    expect(codeOf(() => todayIn('Mars/Olympus', 0))).toBe('VALIDATION')
    expect(codeOf(() => todayIn('UTC', Number.NaN))).toBe('VALIDATION')
  })
})
