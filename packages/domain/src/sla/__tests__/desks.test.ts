import { describe, expect, it } from 'vitest'
import { isDomainError } from '../../errors/index.js'
import {
  BusinessCalendar,
  calendarFor,
  calendarWarnings,
  computeDueTimes,
  DEFAULT_DESKS,
  MAX_WARNING_YEARS,
  meetTarget,
  pauseClock,
  pauseTicketClocks,
  resumeClock,
  resumeTicketClocks,
  SlaError,
  slaPreview,
  startClock,
  startTicketClocks,
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
    ['overlapping windows on one weekday', { weeklyHours: [{ weekday: 1, opens: '08:00', closes: '12:30' }, { weekday: 1, opens: '12:00', closes: '17:00' }] }, ['OVERLAPPING_WINDOWS']],
    ['a window inside another', { weeklyHours: [{ weekday: 3, opens: '08:00', closes: '17:00' }, { weekday: 3, opens: '10:00', closes: '11:00' }] }, ['OVERLAPPING_WINDOWS']],
    ['the same window twice', { weeklyHours: [{ weekday: 5, opens: '08:00', closes: '17:00' }, { weekday: 5, opens: '08:00', closes: '17:00' }] }, ['OVERLAPPING_WINDOWS']],
    ['a duplicate holiday', { holidays: ['2026-12-25', '2026-12-26', '2026-12-25'] }, ['DUPLICATE_HOLIDAY']],
    ['windows that touch', { weeklyHours: [{ weekday: 1, opens: '08:00', closes: '12:00' }, { weekday: 1, opens: '12:00', closes: '17:00' }] }, []],
    ['the same hours on different weekdays', { weeklyHours: [{ weekday: 1, opens: '08:00', closes: '17:00' }, { weekday: 2, opens: '08:00', closes: '17:00' }] }, []],
    // Before, Date.UTC read 0050 as 1950: a real date reported as malformed.
    ['a year 0-99 holiday outside the range', { holidays: ['0050-01-01', '0099-12-31'] }, ['HOLIDAY_OUTSIDE_YEAR_RANGE', 'HOLIDAY_OUTSIDE_YEAR_RANGE']],
    ['a year 0-99 impossible holiday', { holidays: ['0050-02-29'] }, ['MALFORMED_HOLIDAY']],
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

  it('reads holidays of the years 0-99 as those years (no range given: accepted, they never matter)', () => {
    expect(codesOf({ ...base, holidays: ['0050-01-01', '0048-02-29'] })).toEqual([])
  })

  it('names the weekday, the windows and their paths for overlapping windows, touching ones being fine', () => {
    const problems = validateDeskDefinition({
      ...base,
      weeklyHours: [
        { weekday: 1, opens: '08:00', closes: '13:00' },
        { weekday: 1, opens: '14:00', closes: '18:00' },
        { weekday: 1, opens: '12:00', closes: '14:30' },
        { weekday: 2, opens: '08:00', closes: '12:00' },
        { weekday: 2, opens: '12:00', closes: '17:00' }, // touches: not an overlap
        { weekday: 6, opens: '20:00', closes: '24:00' },
        { weekday: 7, opens: '00:00', closes: '02:00' }, // after Saturday's 24:00, another weekday
      ],
    })
    expect(problems).toEqual([
      {
        code: 'OVERLAPPING_WINDOWS',
        path: 'weeklyHours[2]',
        message: 'TEST: Monday 12:00-14:30 overlaps 08:00-13:00 (weeklyHours[0]); make it one window or separate them',
      },
      {
        code: 'OVERLAPPING_WINDOWS',
        path: 'weeklyHours[1]',
        message: 'TEST: Monday 14:00-18:00 overlaps 12:00-14:30 (weeklyHours[2]); make it one window or separate them',
      },
    ])
  })

  it('checks overlaps among well-formed windows only, after their own problems', () => {
    const problems = validateDeskDefinition({
      ...base,
      weeklyHours: [
        { weekday: 4, opens: '09:00', closes: '17:00' },
        { weekday: 4, opens: '16:00', closes: '10:00' }, // backwards: reported as such, not as an overlap
        { weekday: 4, opens: '9am', closes: '12:00' },
        { weekday: 4, opens: '16:59', closes: '24:00' },
      ],
    })
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['CLOSES_NOT_AFTER_OPENS', 'weeklyHours[1]'],
      ['MALFORMED_TIME', 'weeklyHours[2].opens'],
      ['OVERLAPPING_WINDOWS', 'weeklyHours[3]'],
    ])
    expect(problems[2]?.message).toBe('TEST: Thursday 16:59-24:00 overlaps 09:00-17:00 (weeklyHours[0]); make it one window or separate them')
  })

  it('names the date and both places of a duplicate holiday', () => {
    const problems = validateDeskDefinition(
      { ...base, holidays: ['2026-01-01', '2026-12-25', '2026-12-28', '2026-12-25', '2028-12-25', '2028-12-25', '2026-12-25'] },
      { yearRange: [2026, 2027] },
    )
    expect(problems.map((p) => [p.code, p.path, p.message])).toEqual([
      ['DUPLICATE_HOLIDAY', 'holidays[3]', 'TEST: holiday 2026-12-25 is listed twice (first as holidays[1])'],
      ['HOLIDAY_OUTSIDE_YEAR_RANGE', 'holidays[4]', 'TEST: holiday 2028-12-25 is outside the years 2026-2027'],
      ['HOLIDAY_OUTSIDE_YEAR_RANGE', 'holidays[5]', 'TEST: holiday 2028-12-25 is outside the years 2026-2027'],
      ['DUPLICATE_HOLIDAY', 'holidays[5]', 'TEST: holiday 2028-12-25 is listed twice (first as holidays[4])'],
      ['DUPLICATE_HOLIDAY', 'holidays[6]', 'TEST: holiday 2026-12-25 is listed twice (first as holidays[1])'],
    ])
  })

  it('a calendar refuses overlapping windows and duplicate holidays instead of merging them silently', () => {
    const overlapping = { ...base, weeklyHours: [{ weekday: 1 as const, opens: '08:00', closes: '12:00' }, { weekday: 1 as const, opens: '11:00', closes: '17:00' }] }
    expect(() => new BusinessCalendar([overlapping])).toThrow(expect.objectContaining({ reason: 'INVALID_DESK_DEFINITION' }))
    expect(() => new BusinessCalendar([{ ...base, holidays: ['2026-12-25', '2026-12-25'] }])).toThrow(
      expect.objectContaining({ reason: 'INVALID_DESK_DEFINITION', problems: [expect.objectContaining({ code: 'DUPLICATE_HOLIDAY', path: 'holidays[1]' })] }),
    )
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
    ['instant as a string', () => uk.isOpen('2026-01-05T09:00:00Z' as unknown as number), 'INVALID_INSTANT'],
    ['negative business time', () => uk.addBusinessMs(Z('2026-01-05T09:00:00Z'), -1), 'INVALID_DURATION'],
    ['negative setting', () => computeDueTimes({ plan: 'STANDARD', calendar: uk, receivedAt: 0, settings: { resolutionMinutes: -5 } }), 'INVALID_SETTINGS'],
    ['window ending before it starts', () => uk.openStretches(Z('2026-01-06T00:00:00Z'), Z('2026-01-05T00:00:00Z')), 'INVALID_INTERVAL'],
    ['a calendar without desks', () => new BusinessCalendar([]), 'INVALID_DESK_DEFINITION'],
  ])('%s', (_name, fn, expected) => {
    expect(code(fn)).toBe(expected)
  })
})

describe('instants outside the supported years, 1970-9999 (UTC)', () => {
  const uk = calendarFor('STANDARD', 'UK')
  /** Epoch ms of a UTC date, years 0-99 included (Date.UTC would read 50 as 1950). */
  const utc = (year: number, month: number, day: number, hour = 0) => new Date(0).setUTCFullYear(year, month - 1, day) + hour * 3_600_000
  const year50 = utc(50, 1, 4, 9) // a Monday morning in the year 0050
  const reasonOf = (fn: () => unknown): string => {
    try {
      fn()
      return 'no error'
    } catch (e) {
      return e instanceof SlaError ? e.reason : 'not an SlaError'
    }
  }

  it.each<[string, (t: number) => unknown]>([
    ['isOpen', (t) => uk.isOpen(t)],
    ['businessMsBetween (start)', (t) => uk.businessMsBetween(t, Z('2026-01-05T09:00:00Z'))],
    ['businessMsBetween (end)', (t) => uk.businessMsBetween(Z('2026-01-05T09:00:00Z'), t)],
    ['addBusinessMs', (t) => uk.addBusinessMs(t, 60_000)],
    ['addBusinessMs of 0', (t) => uk.addBusinessMs(t, 0)],
    ['supportDayEnd', (t) => uk.supportDayEnd(t)],
    ['nextOpen', (t) => uk.nextOpen(t)],
    ['openStretches', (t) => uk.openStretches(t, t + 86_400_000)],
    ['computeDueTimes', (t) => computeDueTimes({ plan: 'PREMIUM', calendar: calendarFor('PREMIUM', 'UK'), receivedAt: t })],
    ['slaPreview', (t) => slaPreview('STANDARD', 'PACIFIC', t)],
    ['startClock', (t) => startClock(t, Z('2026-01-05T09:00:00Z'))],
    ['pauseClock', (t) => pauseClock(startClock(Z('2026-01-05T09:00:00Z'), Z('2026-01-05T12:00:00Z')), t)],
    ['resumeClock', (t) => resumeClock(uk, pauseClock(startClock(Z('2026-01-05T09:00:00Z'), Z('2026-01-05T12:00:00Z')), Z('2026-01-05T10:00:00Z')), t)],
    ['calendarWarnings', (t) => calendarWarnings([DEFAULT_DESKS.UK], t, Z('2026-01-05T09:00:00Z'))],
    ['startTicketClocks', (t) => startTicketClocks('STANDARD', uk, t)],
    ['startTicketClocks, not entitled', (t) => startTicketClocks('NOT_ENTITLED', null, t)],
    ['pauseTicketClocks', (t) => pauseTicketClocks(startTicketClocks('STANDARD', uk, Z('2026-01-05T09:00:00Z')), t)],
    ['resumeTicketClocks', (t) => resumeTicketClocks(pauseTicketClocks(startTicketClocks('STANDARD', uk, Z('2026-01-05T09:00:00Z')), Z('2026-01-05T10:00:00Z')), uk, t)],
    ['meetTarget', (t) => meetTarget(startTicketClocks('STANDARD', uk, Z('2026-01-05T09:00:00Z')), 'firstResponse', t)],
  ])('%s rejects the years 0050, 1969 and 10000 with INVALID_INSTANT', (_name, fn) => {
    // Before: 0050-01-04 was read as 1950-01-04 and answered (a due time in 1950).
    expect(reasonOf(() => fn(year50))).toBe('INVALID_INSTANT')
    expect(reasonOf(() => fn(Z('1969-12-31T23:59:59.999Z')))).toBe('INVALID_INSTANT')
    expect(reasonOf(() => fn(utc(10000, 1, 1)))).toBe('INVALID_INSTANT')
  })

  it('says which range is allowed', () => {
    expect(() => uk.isOpen(year50)).toThrow(
      'instant must be an epoch-millisecond instant between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got -60589004400000 (0050-01-04T09:00:00.000Z)',
    )
    expect(() => computeDueTimes({ plan: 'STANDARD', calendar: uk, receivedAt: year50 })).toThrow(/^receivedAt must be .* between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59\.999Z/)
    expect(() => computeDueTimes({ plan: 'STANDARD', calendar: uk, receivedAt: year50 })).toThrow(expect.objectContaining({ code: 'VALIDATION' }))
  })

  it('answers at both ends of the range, and refuses to answer beyond it', () => {
    expect(uk.isOpen(0)).toBe(false) // Thu 1970-01-01 00:00 in London (BST all year then: 01:00)
    expect(uk.nextOpen(0)).toBe(Z('1970-01-01T07:00:00Z')) // 08:00 British Standard Time (UTC+1)
    // Fri 9999-12-31 08:00-17:00 GMT is the last support day there is.
    expect(uk.supportDayEnd(Z('9999-12-31T09:00:00Z'))).toBe(Z('9999-12-31T17:00:00Z'))
    expect(uk.addBusinessMs(Z('9999-12-31T09:00:00Z'), 8 * 3_600_000)).toBe(Z('9999-12-31T17:00:00Z'))
    expect(uk.businessMsBetween(Z('9999-12-31T00:00:00Z'), Z('9999-12-31T23:59:59.999Z'))).toBe(9 * 3_600_000)
    // A due time in the year 10000 would be an instant no entry point accepts: NO_OPEN_TIME instead.
    expect(reasonOf(() => uk.addBusinessMs(Z('9999-12-31T09:00:00Z'), 8 * 3_600_000 + 1))).toBe('NO_OPEN_TIME')
    expect(reasonOf(() => uk.supportDayEnd(Z('9999-12-31T17:00:00Z')))).toBe('NO_OPEN_TIME')
    expect(reasonOf(() => uk.nextOpen(Z('9999-12-31T17:00:00Z')))).toBe('NO_OPEN_TIME')
    expect(reasonOf(() => slaPreview('STANDARD', 'UK', Z('9999-12-31T09:00:00Z')))).toBe('NO_OPEN_TIME')
    // Not even exactly at 10000-01-01T00:00Z, the first instant outside.
    const allDay = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }))
    const always = new BusinessCalendar([{ code: 'ALWAYS', timeZone: 'UTC', weeklyHours: allDay, holidays: [] }])
    expect(always.addBusinessMs(Z('9999-12-31T22:00:00Z'), 3_600_000)).toBe(Z('9999-12-31T23:00:00Z'))
    expect(reasonOf(() => always.addBusinessMs(Z('9999-12-31T22:00:00Z'), 2 * 3_600_000))).toBe('NO_OPEN_TIME')
    expect(reasonOf(() => always.supportDayEnd(Z('9999-12-31T22:00:00Z')))).toBe('NO_OPEN_TIME')
    expect(() => always.addBusinessMs(Z('9999-12-31T22:00:00Z'), 2 * 3_600_000)).toThrow(
      'Calendar ALWAYS: the answer would fall after 9999-12-31, beyond the supported years 1970-9999',
    )
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

  it(`looks at the first ${MAX_WARNING_YEARS} local years of a span at most, so a huge span gives a few warnings`, () => {
    expect(MAX_WARNING_YEARS).toBe(10)
    // Before: one warning per desk and year, 2 x 7,972 of them.
    const warnings = calendarWarnings(both, Z('2026-06-01T00:00:00Z'), Z('9999-12-31T12:00:00Z'))
    const years = [2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035] // 2026-2035; 2026 and 2027 have holidays
    expect(warnings.map((w) => [w.desk, w.year])).toEqual([...years.map((y) => ['PACIFIC', y]), ...years.map((y) => ['UK', y])])
    // The span counts from the earlier instant, whichever argument it is; local years per desk as before.
    expect(calendarWarnings(both, Z('9999-12-31T12:00:00Z'), Z('2026-06-01T00:00:00Z'))).toEqual(warnings)
    expect(calendarWarnings([DEFAULT_DESKS.UK], Z('2040-01-01T00:00:00Z'), Z('2060-01-01T00:00:00Z'))).toHaveLength(MAX_WARNING_YEARS)
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
