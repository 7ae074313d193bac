import { describe, expect, it } from 'vitest'
import { isDomainError } from '../../errors/index.js'
import {
  BusinessCalendar,
  calendarFor,
  calendarWarnings,
  computeDueTimes,
  DEFAULT_DESKS,
  SlaError,
  slaPreview,
  validateDeskDefinition,
  type DeskCode,
  type DeskDefinition,
  type SupportPlanForClock,
} from '../index.js'

const Z = (iso: string) => Date.parse(iso)
const base: DeskDefinition = {
  code: 'TEST',
  timeZone: 'Europe/London',
  weeklyHours: [{ weekday: 1, opens: '08:00', closes: '17:00' }],
  holidays: ['2026-12-25'],
}
const codesOf = (def: DeskDefinition, yearRange?: [number, number]) => validateDeskDefinition(def, { yearRange }).map((p) => p.code)

describe('validateDeskDefinition', () => {
  it('accepts the shipped desks for 2026-2027', () => {
    expect(validateDeskDefinition(DEFAULT_DESKS.PACIFIC, { yearRange: [2026, 2027] })).toEqual([])
    expect(validateDeskDefinition(DEFAULT_DESKS.UK, { yearRange: [2026, 2027] })).toEqual([])
  })

  it.each<[string, Partial<DeskDefinition>, string[]]>([
    ['closing equal to opening', { weeklyHours: [{ weekday: 1, opens: '09:00', closes: '09:00' }] }, ['CLOSES_NOT_AFTER_OPENS']],
    ['closing before opening', { weeklyHours: [{ weekday: 2, opens: '18:00', closes: '07:00' }] }, ['CLOSES_NOT_AFTER_OPENS']],
    ['time without a leading zero', { weeklyHours: [{ weekday: 1, opens: '7:00', closes: '17:00' }] }, ['MALFORMED_TIME']],
    ['hour 25', { weekday: 1, weeklyHours: [{ weekday: 1, opens: '08:00', closes: '25:00' }] } as Partial<DeskDefinition>, ['MALFORMED_TIME']],
    ['24:00 as an opening', { weeklyHours: [{ weekday: 1, opens: '24:00', closes: '24:00' }] }, ['MALFORMED_TIME']],
    ['weekday 0', { weeklyHours: [{ weekday: 0 as 1, opens: '08:00', closes: '17:00' }] }, ['INVALID_WEEKDAY']],
    ['no hours at all', { weeklyHours: [] }, ['NO_WEEKLY_HOURS']],
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, ['UNKNOWN_TIME_ZONE']],
    ['fixed offset is not an IANA zone', { timeZone: '+01:00' }, ['UNKNOWN_TIME_ZONE']],
    ['impossible holiday', { holidays: ['2026-02-30'] }, ['MALFORMED_HOLIDAY']],
    ['holiday in another format', { holidays: ['25/12/2026'] }, ['MALFORMED_HOLIDAY']],
    ['holiday outside the year range', { holidays: ['2026-12-25', '2028-01-03'] }, ['HOLIDAY_OUTSIDE_YEAR_RANGE']],
    ['missing code', { code: ' ' }, ['MISSING_CODE']],
  ])('%s', (_name, change, expected) => {
    expect(codesOf({ ...base, ...change }, [2026, 2027])).toEqual(expected)
  })

  it('accepts a window closing at midnight and lists every problem at once', () => {
    expect(codesOf({ ...base, weeklyHours: [{ weekday: 6, opens: '20:00', closes: '24:00' }] })).toEqual([])
    const problems = validateDeskDefinition({
      ...base,
      timeZone: 'Nowhere/City',
      weeklyHours: [{ weekday: 1, opens: '17:00', closes: '08:00' }],
      holidays: ['2030-01-01'],
    }, { yearRange: [2026, 2027] })
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['UNKNOWN_TIME_ZONE', 'timeZone'],
      ['CLOSES_NOT_AFTER_OPENS', 'weeklyHours[0]'],
      ['HOLIDAY_OUTSIDE_YEAR_RANGE', 'holidays[0]'],
    ])
    expect(problems[1]?.message).toBe('TEST: closing time 08:00 is not after opening time 17:00')
  })

  it('a calendar refuses a bad definition with a typed error carrying the problems', () => {
    const bad = { ...base, weeklyHours: [{ weekday: 1 as const, opens: '12:00', closes: '11:00' }] }
    try {
      new BusinessCalendar([bad])
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(SlaError)
      expect((e as SlaError).reason).toBe('INVALID_DESK_DEFINITION')
      expect(isDomainError(e, 'VALIDATION')).toBe(true)
      expect((e as SlaError).problems.map((p) => p.code)).toEqual(['CLOSES_NOT_AFTER_OPENS'])
    }
  })
})

describe('typed errors for bad input', () => {
  const code = (fn: () => unknown) => {
    try {
      fn()
    } catch (e) {
      return e instanceof SlaError ? e.reason : 'not an SlaError'
    }
    return 'no error'
  }
  const uk = calendarFor('STANDARD', 'UK')

  it.each<[string, () => unknown, string]>([
    ['unknown plan', () => calendarFor('GOLD' as SupportPlanForClock, 'UK'), 'UNKNOWN_PLAN'],
    ['unknown desk', () => calendarFor('STANDARD', 'EU' as DeskCode), 'UNKNOWN_DESK'],
    ['unknown plan in computeDueTimes', () => computeDueTimes({ plan: 'GOLD' as SupportPlanForClock, calendar: uk, receivedAt: 0 }), 'UNKNOWN_PLAN'],
    ['missing instant', () => computeDueTimes({ plan: 'STANDARD', calendar: uk, receivedAt: Date.parse('not a date') }), 'INVALID_INSTANT'],
    ['infinite instant', () => uk.isOpen(Infinity), 'INVALID_INSTANT'],
    ['instant beyond the Date range', () => uk.isOpen(8.7e15), 'INVALID_INSTANT'],
    ['negative business time', () => uk.addBusinessMs(Z('2026-01-05T09:00:00Z'), -1), 'INVALID_DURATION'],
    ['negative setting', () => computeDueTimes({ plan: 'STANDARD', calendar: uk, receivedAt: 0, settings: { resolutionMinutes: -5 } }), 'INVALID_SETTINGS'],
    ['window ending before it starts', () => uk.openStretches(Z('2026-01-06T00:00:00Z'), Z('2026-01-05T00:00:00Z')), 'INVALID_INTERVAL'],
    ['a calendar without desks', () => new BusinessCalendar([]), 'INVALID_DESK_DEFINITION'],
  ])('%s', (_name, fn, expected) => {
    expect(code(fn)).toBe(expected)
  })
})

describe('settings', () => {
  it('changes the numbers without changing the rules', () => {
    const settings = { standardMinimumRemainingMinutes: 30, premiumFirstResponseMinutes: 120, resolutionMinutes: 8 * 60 }
    // UK Mon 16:30 GMT leaves 30 min: not fewer than 30, so same day. Resolution 8 h: 0.5 + Tue 7.5 -> 15:30.
    const standard = computeDueTimes({ plan: 'STANDARD', calendar: calendarFor('STANDARD', 'UK'), receivedAt: Z('2026-01-05T16:30:00Z'), settings })
    expect(standard.firstResponseDueAt).toBe(Z('2026-01-05T17:00:00Z'))
    expect(standard.resolutionDueAt).toBe(Z('2026-01-06T15:30:00Z'))
    // PREMIUM Mon 01:00Z Tue: 1 h to 02:00Z, then Tue 08:00Z + 1 h.
    const premium = computeDueTimes({ plan: 'PREMIUM', calendar: calendarFor('PREMIUM', 'UK'), receivedAt: Z('2026-01-06T01:00:00Z'), settings })
    expect(premium.firstResponseDueAt).toBe(Z('2026-01-06T09:00:00Z'))
  })
})

describe('calendarWarnings', () => {
  const both = [DEFAULT_DESKS.PACIFIC, DEFAULT_DESKS.UK]

  it('is silent inside the years with holidays', () => {
    expect(calendarWarnings(both, Z('2026-01-01T12:00:00Z'), Z('2027-12-31T12:00:00Z'))).toEqual([])
  })

  it('warns per desk and year without holidays, judged in each desk’s own time zone', () => {
    // 2027-12-31T23:30Z is still 2027 in Los Angeles (15:30 PST) but 2028 is reached in London only at midnight GMT.
    expect(calendarWarnings(both, Z('2027-12-30T12:00:00Z'), Z('2027-12-31T23:30:00Z'))).toEqual([])
    expect(calendarWarnings(both, Z('2027-12-30T12:00:00Z'), Z('2028-01-01T00:30:00Z')).map((w) => w.message)).toEqual([
      'no holidays recorded for UK in 2028: answering on weekdays and hours alone',
    ])
    expect(calendarWarnings(both, Z('2028-01-03T09:00:00Z'), Z('2028-01-05T09:00:00Z')).map((w) => [w.desk, w.year])).toEqual([
      ['PACIFIC', 2028],
      ['UK', 2028],
    ])
  })

  it('still answers in a year without holidays, on weekdays and hours alone', () => {
    // Mon 2028-01-03 is in fact a bank holiday, but none are recorded for 2028: open 08:00-17:00 GMT.
    const due = computeDueTimes({ plan: 'STANDARD', calendar: calendarFor('STANDARD', 'UK'), receivedAt: Z('2028-01-03T09:00:00Z') })
    expect(due.firstResponseDueAt).toBe(Z('2028-01-03T17:00:00Z'))
  })
})

describe('slaPreview', () => {
  it('answers with both due times, the calendar used and the warnings', () => {
    expect(slaPreview('PREMIUM', 'UK', Z('2027-12-31T16:00:00Z'))).toEqual({
      // Fri 2027-12-31 16:00Z: PACIFIC holiday, UK open to 17:00Z (1 h). Mon 2028-01-03 08:00Z + 3 h.
      // RES: 1 + Mon 18 (08Z-02Z, no 2028 holidays recorded) + Tue 5 -> 13:00Z.
      firstResponseDueAt: Z('2028-01-03T11:00:00Z'),
      resolutionDueAt: Z('2028-01-04T13:00:00Z'),
      firstResponseKind: 'GUARANTEE',
      resolutionKind: 'GOAL',
      calendarDesks: ['PACIFIC', 'UK'],
      warnings: [
        { code: 'NO_HOLIDAYS_FOR_YEAR', desk: 'PACIFIC', year: 2028, message: 'no holidays recorded for PACIFIC in 2028: answering on weekdays and hours alone' },
        { code: 'NO_HOLIDAYS_FOR_YEAR', desk: 'UK', year: 2028, message: 'no holidays recorded for UK in 2028: answering on weekdays and hours alone' },
      ],
    })
  })
})
