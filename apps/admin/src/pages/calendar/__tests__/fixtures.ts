import type { Operation } from '@urql/vue'

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export interface DeskFixture {
  code: 'PACIFIC' | 'UK'
  version: number
  hours: { weekday: number; opens: string; closes: string }[]
  holidays: { date: string; name: string }[]
}

export function weekdays(opens: string, closes: string) {
  return [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }))
}

export function pacific(overrides: Partial<DeskFixture> = {}): DeskFixture {
  return {
    code: 'PACIFIC',
    version: 3,
    hours: weekdays('07:00', '18:00'),
    holidays: [
      { date: '2026-11-26', name: 'Thanksgiving Day' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2027-01-01', name: 'New Year’s Day' },
    ],
    ...overrides,
  }
}

export function uk(overrides: Partial<DeskFixture> = {}): DeskFixture {
  return {
    code: 'UK',
    version: 5,
    hours: weekdays('08:00', '17:00'),
    holidays: [
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ],
    ...overrides,
  }
}

const NAMES = { PACIFIC: 'Pacific', UK: 'UK' } as const
const ZONES = { PACIFIC: 'America/Los_Angeles', UK: 'Europe/London' } as const

/** The desk as the CalendarDesk fragment answers it. */
export function deskData(desk: DeskFixture) {
  return {
    __typename: 'SupportDesk',
    code: desk.code,
    name: NAMES[desk.code],
    timeZone: ZONES[desk.code],
    version: desk.version,
    updatedAt: '2026-11-20T10:00:00.000Z',
    holidayYears: [...new Set(desk.holidays.map((h) => Number(h.date.slice(0, 4))))],
    hours: desk.hours.map((h) => ({ __typename: 'DeskHours', ...h, weekdayName: WEEKDAY_NAMES[h.weekday - 1] })),
  }
}

export function holidaysOf(desk: DeskFixture, year: number) {
  return desk.holidays
    .filter((h) => h.date.startsWith(`${year}-`))
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((h) => ({ __typename: 'DeskHoliday', ...h }))
}

/** Answers for the calendar page's queries from a live list of desks (change it to change the "database"). */
export function calendarReplies(desks: DeskFixture[], stretches: (op: Operation) => Record<string, unknown[]> = () => ({})) {
  return {
    CalendarDesks: () => ({ data: { desks: desks.map(deskData) } }),
    DeskHolidays: (op: Operation) => ({
      data: {
        desks: desks.map((d) => ({
          __typename: 'SupportDesk',
          code: d.code,
          version: d.version,
          holidays: holidaysOf(d, op.variables!.year as number),
        })),
      },
    }),
    DeskWeek: (op: Operation) => {
      const byDesk = stretches(op)
      return {
        data: {
          desks: desks.map((d) => ({
            __typename: 'SupportDesk',
            code: d.code,
            name: NAMES[d.code],
            timeZone: ZONES[d.code],
            version: d.version,
            openStretches: { __typename: 'SupportDeskOpenStretchesSuccess', stretches: byDesk[d.code] ?? [] },
          })),
        },
      }
    },
  }
}

/** An open stretch as the API answers it, with both desks' local readings. */
export function stretch(start: string, end: string, local: { PACIFIC: [string, string]; UK: [string, string] }) {
  return {
    __typename: 'OpenStretch',
    start,
    end,
    local: (['PACIFIC', 'UK'] as const).map((code) => ({
      __typename: 'LocalStretch',
      desk: code,
      timeZone: ZONES[code],
      start: local[code][0],
      end: local[code][1],
    })),
  }
}

export const engineerViewer = {
  __typename: 'StaffUser',
  id: 'U3RhZmZVc2VyOjI=',
  name: 'Eli Engineer',
  email: 'engineer@covered.example',
  role: 'ENGINEER',
  desk: 'PACIFIC',
} as const
