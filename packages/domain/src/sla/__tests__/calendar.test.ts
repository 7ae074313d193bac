import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeskSchedule } from '../desk-days.js'
import { BusinessCalendar, calendarFor, computeDueTimes, DEFAULT_DESKS, type DeskDefinition } from '../index.js'

const Z = (iso: string) => Date.parse(iso)
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z')
const stretches = (cal: BusinessCalendar, from: string, to: string) =>
  cal.openStretches(Z(from), Z(to)).map((s) => `${iso(s.start)}..${iso(s.end)}`)
const HOUR = 3_600_000

const pacific = calendarFor('STANDARD', 'PACIFIC')
const uk = calendarFor('STANDARD', 'UK')
const premium = calendarFor('PREMIUM', 'UK')
const byName = { PACIFIC: pacific, UK: uk, PREMIUM: premium }

describe('isOpen: open from opening up to, not including, closing', () => {
  it.each([
    // Mon 2026-01-05, PST: 07:00 = 15:00Z, 18:00 = 02:00Z next day.
    ['PACIFIC', '2026-01-05T14:59:59.999Z', false],
    ['PACIFIC', '2026-01-05T15:00:00.000Z', true],
    ['PACIFIC', '2026-01-06T01:59:59.999Z', true],
    ['PACIFIC', '2026-01-06T02:00:00.000Z', false],
    ['PACIFIC', '2026-01-10T20:00:00.000Z', false], // Saturday noon
    ['PACIFIC', '2026-11-26T18:00:00.000Z', false], // Thanksgiving
    ['UK', '2026-11-26T10:00:00.000Z', true], // Thanksgiving is not a UK holiday
    ['UK', '2026-12-28T10:00:00.000Z', false], // UK-only bank holiday
    ['PACIFIC', '2026-12-28T18:00:00.000Z', true],
    ['PREMIUM', '2026-12-28T10:00:00.000Z', false], // UK holiday, PACIFIC not open yet
    ['PREMIUM', '2026-12-28T15:00:00.000Z', true],
    ['UK', '2026-03-30T07:00:00.000Z', true], // 08:00 BST
    ['UK', '2026-03-27T07:30:00.000Z', false], // 07:30 GMT
  ] as const)('%s at %s: open %s', (name, at, open) => {
    expect(byName[name].isOpen(Z(at))).toBe(open)
  })
})

describe('openStretches: desk windows merged, in UTC', () => {
  it('moves with each zone’s daylight-saving change (7 h instead of 8 h apart in between)', () => {
    // Fri 03-06 both standard: 08Z-02Z. Mon 03-09 US on PDT, UK on GMT: 08Z-01Z. Mon 03-30 both summer: 07Z-01Z.
    expect(stretches(premium, '2026-03-06T04:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-06T08:00:00Z..2026-03-07T02:00:00Z',
      '2026-03-09T08:00:00Z..2026-03-10T00:00:00Z', // clipped to the window
    ])
    expect(stretches(premium, '2026-03-30T00:00:00Z', '2026-03-31T04:00:00Z')).toEqual(['2026-03-30T07:00:00Z..2026-03-31T01:00:00Z'])
    expect(stretches(uk, '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      '2026-10-23T07:00:00Z..2026-10-23T16:00:00Z',
      '2026-10-26T08:00:00Z..2026-10-26T17:00:00Z',
    ])
  })

  it('keeps one desk open on the other’s holiday', () => {
    expect(stretches(premium, '2026-11-26T04:00:00Z', '2026-11-27T04:00:00Z')).toEqual(['2026-11-26T08:00:00Z..2026-11-26T17:00:00Z'])
    expect(stretches(premium, '2026-12-28T04:00:00Z', '2026-12-29T12:00:00Z')).toEqual([
      '2026-12-28T15:00:00Z..2026-12-29T02:00:00Z',
      '2026-12-29T08:00:00Z..2026-12-29T12:00:00Z',
    ])
  })
})

describe('support days and business time', () => {
  it('supportDayEnd is the end of the stretch containing t, or of the next one when closed', () => {
    expect(iso(pacific.supportDayEnd(Z('2026-01-05T15:00:00Z')))).toBe('2026-01-06T02:00:00Z')
    expect(iso(pacific.supportDayEnd(Z('2026-01-06T02:00:00Z')))).toBe('2026-01-07T02:00:00Z')
    expect(iso(premium.supportDayEnd(Z('2026-01-05T09:00:00Z')))).toBe('2026-01-06T02:00:00Z')
  })

  it('nextOpen is t when open, else the next opening', () => {
    expect(iso(uk.nextOpen(Z('2026-01-05T09:00:00Z')))).toBe('2026-01-05T09:00:00Z')
    expect(iso(uk.nextOpen(Z('2026-12-24T17:00:00Z')))).toBe('2026-12-29T08:00:00Z')
    expect(iso(pacific.nextOpen(Z('2026-12-31T02:00:00Z')))).toBe('2026-12-31T15:00:00Z')
  })

  it('counts business time across a DST weekend', () => {
    // Fri 03-06 07:00 PST (15:00Z) to Mon 03-09 18:00 PDT (01:00Z Tue): 11 h + 11 h.
    expect(pacific.businessMsBetween(Z('2026-03-06T15:00:00Z'), Z('2026-03-10T01:00:00Z'))).toBe(22 * HOUR)
    expect(pacific.businessMsBetween(Z('2026-03-10T01:00:00Z'), Z('2026-03-06T15:00:00Z'))).toBe(-22 * HOUR)
  })

  it('adding time that runs out exactly at a closing gives the closing; adding 0 gives the start', () => {
    expect(iso(uk.addBusinessMs(Z('2026-01-05T16:00:00Z'), HOUR))).toBe('2026-01-05T17:00:00Z')
    expect(iso(uk.addBusinessMs(Z('2026-01-05T16:00:00Z'), HOUR + 1))).toBe('2026-01-06T08:00:00.001Z')
    expect(iso(uk.addBusinessMs(Z('2026-01-10T12:00:00Z'), 0))).toBe('2026-01-10T12:00:00Z')
  })

  it('spans many days at a cost in days: one year of UK business time', () => {
    // 2026 UK: 261 weekdays - 8 bank holidays = 253 days of 9 h.
    expect(uk.businessMsBetween(Z('2026-01-01T00:00:00Z'), Z('2027-01-01T00:00:00Z'))).toBe(253 * 9 * HOUR)
  })
})

describe('custom desk definitions', () => {
  const utcDesk = (code: string, windows: DeskDefinition['weeklyHours'], holidays: string[] = []): DeskDefinition => ({
    code,
    timeZone: 'UTC',
    weeklyHours: windows,
    holidays,
  })

  it('merges windows that touch, including across midnight and a year boundary', () => {
    const cal = new BusinessCalendar([
      utcDesk('A', [
        { weekday: 4, opens: '12:00', closes: '24:00' },
        { weekday: 5, opens: '00:00', closes: '10:00' },
      ]),
      utcDesk('B', [{ weekday: 4, opens: '09:00', closes: '12:00' }]),
    ])
    // Thu 2026-12-31 09:00 to Fri 2027-01-01 10:00 is one support day.
    expect(iso(cal.supportDayEnd(Z('2026-12-31T09:30:00Z')))).toBe('2027-01-01T10:00:00Z')
    expect(stretches(cal, '2026-12-28T00:00:00Z', '2027-01-04T00:00:00Z')).toEqual(['2026-12-31T09:00:00Z..2027-01-01T10:00:00Z'])
  })

  it('supports several windows a day (a lunch break)', () => {
    const cal = new BusinessCalendar([
      utcDesk('L', [
        { weekday: 1, opens: '09:00', closes: '12:00' },
        { weekday: 1, opens: '13:00', closes: '17:00' },
      ]),
    ])
    expect(iso(cal.addBusinessMs(Z('2026-01-05T11:00:00Z'), 2 * HOUR))).toBe('2026-01-05T14:00:00Z')
    expect(iso(cal.supportDayEnd(Z('2026-01-05T11:00:00Z')))).toBe('2026-01-05T12:00:00Z')
  })

  it('reports NO_OPEN_TIME instead of searching forever', () => {
    const always = new BusinessCalendar([
      utcDesk('ALWAYS', ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }))),
    ])
    expect(always.addBusinessMs(Z('2026-01-01T00:00:00Z'), 48 * HOUR)).toBe(Z('2026-01-03T00:00:00Z'))
    expect(() => always.supportDayEnd(Z('2026-01-01T00:00:00Z'))).toThrow(expect.objectContaining({ reason: 'NO_OPEN_TIME', code: 'RULE_VIOLATION' }))
  })

  it('uses the defaults unchanged when given the same desk objects', () => {
    const cal = new BusinessCalendar([DEFAULT_DESKS.PACIFIC, DEFAULT_DESKS.UK])
    expect(cal.deskCodes).toEqual(['PACIFIC', 'UK'])
    // Mon 2026-01-05 to Sat 2026-01-10 04:00Z holds the whole Friday stretch (to 02:00Z Sat): 5 x 18 h.
    expect(cal.businessMsBetween(Z('2026-01-05T00:00:00Z'), Z('2026-01-10T04:00:00Z'))).toBe(5 * 18 * HOUR)
  })
})

describe('years are built lazily, only those asked about', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })
  /** New desk objects, so neither the calendar nor the per-(desk, local date) cache has seen any day yet. */
  const freshDesks = () => ({ PACIFIC: { ...DEFAULT_DESKS.PACIFIC }, UK: { ...DEFAULT_DESKS.UK } })
  const daysLookedUp = (work: () => void): number => {
    const spy = vi.spyOn(DeskSchedule.prototype, 'intervalsOn')
    work()
    const calls = spy.mock.calls.length
    spy.mockRestore()
    return calls
  }

  it('a question about 2526 after one about 2026 builds 2526, not the 499 years between', () => {
    const cal = calendarFor('PREMIUM', 'UK', freshDesks())
    const due2026 = daysLookedUp(() => computeDueTimes({ plan: 'PREMIUM', calendar: cal, receivedAt: Z('2026-06-01T12:00:00Z') }))
    const due2526 = daysLookedUp(() => computeDueTimes({ plan: 'PREMIUM', calendar: cal, receivedAt: Z('2526-06-01T12:00:00Z') }))
    // One UTC year and a couple of days either side, per desk. Before: ~500 years of days (2 x 183,000).
    expect(due2026).toBeLessThanOrEqual(2 * 371)
    expect(due2526).toBeLessThanOrEqual(2 * 371)
    // And the 2026 year is not built again.
    expect(daysLookedUp(() => cal.isOpen(Z('2026-12-31T12:00:00Z')))).toBe(0)
  })

  it('answers a far year the same whether or not other years were asked about first', () => {
    const warmed = calendarFor('PREMIUM', 'UK', freshDesks())
    warmed.isOpen(Z('2026-06-01T12:00:00Z'))
    warmed.isOpen(Z('3000-06-01T12:00:00Z'))
    const fresh = calendarFor('PREMIUM', 'UK', freshDesks())
    for (const at of ['2526-06-01T12:00:00Z', '2526-12-31T20:00:00Z', '2527-01-01T07:59:59Z']) {
      const a = computeDueTimes({ plan: 'PREMIUM', calendar: warmed, receivedAt: Z(at) })
      const b = computeDueTimes({ plan: 'PREMIUM', calendar: fresh, receivedAt: Z(at) })
      expect(a).toEqual(b)
    }
    // Fri 2526-12-31 20:00Z (no holidays recorded then): PACIFIC open to 02:00Z (6 h, 4 h for the guarantee).
    expect(iso(fresh.addBusinessMs(Z('2526-12-31T20:00:00Z'), 4 * HOUR))).toBe('2527-01-01T00:00:00Z')
  })

  it('joins years that were built apart: business time, adding and stretches across New Year and across many years', () => {
    const cal = calendarFor('STANDARD', 'UK', freshDesks())
    // Build 2030 before 2026, leaving 2027-2029 unbuilt.
    cal.isOpen(Z('2030-03-01T12:00:00Z'))
    cal.isOpen(Z('2026-03-01T12:00:00Z'))
    // 2026: 253 days of 9 h (see above); 2027: 261 weekdays - 8 bank holidays = 253; 2028-2029 with no holidays
    // recorded: 260 and 261 weekdays; 2030 (from Tue 01-01) to Fri 03-01 17:00Z: 44 weekdays.
    const total = (253 + 253 + 260 + 261 + 44) * 9 * HOUR
    expect(cal.businessMsBetween(Z('2026-01-01T00:00:00Z'), Z('2030-03-02T00:00:00Z'))).toBe(total)
    expect(cal.businessMsBetween(Z('2030-03-02T00:00:00Z'), Z('2026-01-01T00:00:00Z'))).toBe(-total)
    // From Thu 2026-12-31 16:00Z (1 h left): 1 h + Fri 2027-01-01 (bank holiday) + Mon 01-04 9 h + Tue 01-05 2 h.
    expect(iso(cal.addBusinessMs(Z('2026-12-31T16:00:00Z'), 12 * HOUR))).toBe('2027-01-05T10:00:00Z')
    expect(cal.addBusinessMs(Z('2026-01-01T00:00:00Z'), total)).toBe(Z('2030-03-01T17:00:00Z'))
    expect(iso(cal.nextOpen(Z('2026-12-31T17:00:00Z')))).toBe('2027-01-04T08:00:00Z')
    expect(iso(cal.supportDayEnd(Z('2026-12-31T17:00:00Z')))).toBe('2027-01-04T17:00:00Z')
  })

  it('keeps a stretch running over New Year whole in every answer', () => {
    const always = new BusinessCalendar([
      {
        code: 'NIGHTS',
        timeZone: 'UTC',
        weeklyHours: ([1, 2, 3, 4, 5, 6, 7] as const).flatMap((weekday) => [
          { weekday, opens: '00:00', closes: '06:00' },
          { weekday, opens: '20:00', closes: '24:00' },
        ]),
        holidays: [],
      },
    ])
    // Thu 2026-12-31 20:00Z to Fri 2027-01-01 06:00Z is one stretch of 10 h, split between two year blocks.
    expect(stretches(always, '2026-12-31T12:00:00Z', '2027-01-01T12:00:00Z')).toEqual(['2026-12-31T20:00:00Z..2027-01-01T06:00:00Z'])
    expect(iso(always.supportDayEnd(Z('2026-12-31T21:00:00Z')))).toBe('2027-01-01T06:00:00Z')
    expect(iso(always.supportDayEnd(Z('2026-12-31T12:00:00Z')))).toBe('2027-01-01T06:00:00Z')
    expect(iso(always.addBusinessMs(Z('2026-12-31T21:00:00Z'), 3 * HOUR))).toBe('2027-01-01T00:00:00Z')
    expect(iso(always.addBusinessMs(Z('2026-12-31T21:00:00Z'), 3 * HOUR + 1))).toBe('2027-01-01T00:00:00.001Z')
    expect(iso(always.addBusinessMs(Z('2026-12-31T21:00:00Z'), 9 * HOUR))).toBe('2027-01-01T06:00:00Z')
    expect(iso(always.nextOpen(Z('2026-12-31T19:00:00Z')))).toBe('2026-12-31T20:00:00Z')
    expect(always.isOpen(Z('2027-01-01T00:00:00Z'))).toBe(true)
    expect(always.businessMsBetween(Z('2026-12-31T12:00:00Z'), Z('2027-01-01T12:00:00Z'))).toBe(10 * HOUR)
  })

  it('still gives up after 10 years, counted from the question, wherever the years built so far reach', () => {
    const mondays = new BusinessCalendar([{ code: 'MON', timeZone: 'UTC', weeklyHours: [{ weekday: 1, opens: '08:00', closes: '17:00' }], holidays: [] }])
    // Open on Mondays only; the error comes only for a calendar that truly never opens or never closes.
    expect(iso(mondays.nextOpen(Z('2026-01-06T00:00:00Z')))).toBe('2026-01-12T08:00:00Z')
    const allYear = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }))
    const open = new BusinessCalendar([{ code: 'OPEN', timeZone: 'UTC', weeklyHours: allYear, holidays: [] }])
    open.isOpen(Z('2090-01-01T00:00:00Z')) // a far year already built does not stretch the horizon
    expect(() => open.supportDayEnd(Z('2070-06-01T00:00:00Z'))).toThrow(/within 10 years/)
    // Adding 5 years of business time crosses years the calendar builds on the way.
    expect(iso(open.addBusinessMs(Z('2070-01-01T00:00:00Z'), (365 * 5 + 1) * 24 * HOUR))).toBe('2075-01-01T00:00:00Z')
  })
})
