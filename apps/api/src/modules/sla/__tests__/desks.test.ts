import { calendarFor, computeDueTimes } from '@covered/domain'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { makeContact, makeCustomer, makeStaff } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'
import { DEFAULT_RECHECK_INTERVAL_MS, onCalendarChanged, setDeskRecheckInterval, type CalendarChange } from '../sla.service.js'

const DESKS = `query($year: Int) {
  desks { code name timeZone version hours { weekday weekdayName opens closes } holidays(year: $year) { date name } holidayYears }
}`
const STRETCHES = `query($from: DateTime!, $to: DateTime!) {
  desks {
    code
    openStretches(from: $from, to: $to) {
      __typename
      ... on SupportDeskOpenStretchesSuccess { stretches { start end local { desk timeZone start end } } }
      ... on ValidationError { code message fieldErrors { field message } }
    }
  }
}`
const RESULT = `
  __typename
  ... on Error { code message }
  ... on ValidationError { fieldErrors { field message } }`
const SET_HOURS = `mutation($desk: Desk!, $expectedVersion: Int!, $hours: [DeskHoursInput!]!) {
  setDeskHours(desk: $desk, expectedVersion: $expectedVersion, hours: $hours) {
    ${RESULT}
    ... on MutationSetDeskHoursSuccess { desk { code version hours { weekday opens closes } } }
  }
}`
const ADD_HOLIDAY = `mutation($desk: Desk!, $date: String!, $name: String!) {
  addDeskHoliday(desk: $desk, date: $date, name: $name) {
    ${RESULT}
    ... on MutationAddDeskHolidaySuccess { desk { code version holidays(year: 2026) { date name } } }
  }
}`
const REMOVE_HOLIDAY = `mutation($desk: Desk!, $date: String!) {
  removeDeskHoliday(desk: $desk, date: $date) {
    ${RESULT}
    ... on MutationRemoveDeskHolidaySuccess { desk { code version } }
  }
}`
const PREVIEW = `query($plan: SupportPlan!, $homeDesk: Desk!, $receivedAt: DateTime!) {
  slaPreview(plan: $plan, homeDesk: $homeDesk, receivedAt: $receivedAt) {
    ... on QuerySlaPreviewSuccess { preview { firstResponseDueAt resolutionDueAt } }
  }
}`

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }))

let app: TestApp
let admin: string
let engineer: string
let contact: string

beforeAll(async () => {
  app = await createTestApp()
  const db = app.database.dataSource
  admin = await app.signIn((await makeStaff(db, { role: 'ADMIN' })).email)
  engineer = await app.signIn((await makeStaff(db, { role: 'ENGINEER' })).email)
  contact = await app.signIn((await makeContact(db, await makeCustomer(db))).email)
})
afterAll(() => app.close())
afterEach(() => {
  setDeskRecheckInterval(DEFAULT_RECHECK_INTERVAL_MS)
})

async function desk(code: string, year?: number) {
  const response = await app.gql(DESKS, { year }, { cookie: engineer })
  expect(response.errors).toBeUndefined()
  return response.data.desks.find((d: any) => d.code === code)
}

async function due(plan: string, homeDesk: string, receivedAt: string): Promise<[string, string]> {
  const response = await app.gql(PREVIEW, { plan, homeDesk, receivedAt })
  const preview = response.data.slaPreview.preview
  return [preview.firstResponseDueAt, preview.resolutionDueAt]
}

const count = async (sql: string): Promise<number> => (await app.database.dataSource.query(sql))[0].n

async function calendarState() {
  return {
    desks: await app.database.dataSource.query('SELECT code, version FROM desks ORDER BY code'),
    hours: await count('SELECT count(*)::int AS n FROM desk_hours'),
    holidays: await count('SELECT count(*)::int AS n FROM desk_holidays'),
    audit: await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'Desk'`),
  }
}

describe('reading the desks (staff)', () => {
  it('lists each desk with its weekly hours and the holidays of a year', async () => {
    const uk = await desk('UK', 2027)
    expect(uk).toMatchObject({ name: 'UK', timeZone: 'Europe/London', holidayYears: [2026, 2027] })
    expect(uk.hours[0]).toEqual({ weekday: 1, weekdayName: 'Monday', opens: '08:00', closes: '17:00' })
    expect(uk.holidays.map((h: any) => h.date)).toEqual([
      '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
    ])
    expect((await desk('PACIFIC', 2030)).holidays).toEqual([])
  })

  it('shows open stretches in UTC and in both desks’ local times, across the UK spring-forward', async () => {
    // Fri 2026-03-27 (GMT; Los Angeles already on PDT) to Tue 2026-03-31 (BST): the UK opens 08:00 local both days.
    const response = await app.gql(STRETCHES, { from: '2026-03-27T00:00:00Z', to: '2026-03-31T00:00:00Z' }, { cookie: engineer })
    expect(response.errors).toBeUndefined()
    const uk = response.data.desks.find((d: any) => d.code === 'UK').openStretches.stretches
    expect(uk).toEqual([
      {
        start: '2026-03-27T08:00:00.000Z',
        end: '2026-03-27T17:00:00.000Z',
        local: [
          { desk: 'PACIFIC', timeZone: 'America/Los_Angeles', start: '2026-03-27T01:00:00-07:00', end: '2026-03-27T10:00:00-07:00' },
          { desk: 'UK', timeZone: 'Europe/London', start: '2026-03-27T08:00:00+00:00', end: '2026-03-27T17:00:00+00:00' },
        ],
      },
      {
        start: '2026-03-30T07:00:00.000Z',
        end: '2026-03-30T16:00:00.000Z',
        local: [
          { desk: 'PACIFIC', timeZone: 'America/Los_Angeles', start: '2026-03-30T00:00:00-07:00', end: '2026-03-30T09:00:00-07:00' },
          { desk: 'UK', timeZone: 'Europe/London', start: '2026-03-30T08:00:00+01:00', end: '2026-03-30T17:00:00+01:00' },
        ],
      },
    ])
    // PACIFIC 07:00-18:00 PDT = 14:00Z-01:00Z (next UTC day); stretches are clipped to the range asked for, so
    // Thursday's ends the list's first and Monday's is cut at Tue 00:00Z.
    const pacific = response.data.desks.find((d: any) => d.code === 'PACIFIC').openStretches.stretches
    expect(pacific.map((s: any) => [s.start, s.end, s.local[0].start, s.local[1].start])).toEqual([
      ['2026-03-27T00:00:00.000Z', '2026-03-27T01:00:00.000Z', '2026-03-26T17:00:00-07:00', '2026-03-27T00:00:00+00:00'],
      ['2026-03-27T14:00:00.000Z', '2026-03-28T01:00:00.000Z', '2026-03-27T07:00:00-07:00', '2026-03-27T14:00:00+00:00'],
      ['2026-03-30T14:00:00.000Z', '2026-03-31T00:00:00.000Z', '2026-03-30T07:00:00-07:00', '2026-03-30T15:00:00+01:00'],
    ])
  })

  it('caps the range at 31 days and wants `to` after `from`, with typed errors', async () => {
    const tooLong = await app.gql(STRETCHES, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:01Z' }, { cookie: engineer })
    expect(tooLong.data.desks[0].openStretches).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      message: 'Ask for at most 31 days of open stretches at a time.',
      fieldErrors: [{ field: 'to', message: 'Ask for at most 31 days of open stretches at a time.' }],
    })
    const backwards = await app.gql(STRETCHES, { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, { cookie: engineer })
    expect(backwards.data.desks[0].openStretches.fieldErrors).toEqual([{ field: 'to', message: '`to` must be after `from`.' }])
    const month = await app.gql(STRETCHES, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, { cookie: engineer })
    expect(month.data.desks[1].openStretches.stretches).toHaveLength(21) // UK January 2026: 22 weekdays minus New Year's Day
  })

  it('is for staff only', async () => {
    const asContact = await app.gql(DESKS, {}, { cookie: contact })
    expect(asContact.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' })
    const signedOut = await app.gql(DESKS, {})
    expect(signedOut.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' })
  })
})

describe('changing hours (admin)', () => {
  it('replaces the hours, bumps the version, writes one audit row, and the next preview uses the new hours', async () => {
    // Mon 2026-01-05 08:30 GMT, UK open 08:00-17:00: FR 17:00; RES 8.5 + 9 + Wed 6.5 -> Wed 14:30.
    expect(await due('STANDARD', 'UK', '2026-01-05T08:30:00Z')).toEqual(['2026-01-05T17:00:00.000Z', '2026-01-07T14:30:00.000Z'])
    const before = await desk('UK')
    const auditBefore = (await calendarState()).audit

    const response = await app.gql(SET_HOURS, { desk: 'UK', expectedVersion: before.version, hours: weekdays('09:00', '17:00').reverse() }, { cookie: admin })
    expect(response.data.setDeskHours).toEqual({
      __typename: 'MutationSetDeskHoursSuccess',
      desk: { code: 'UK', version: before.version + 1, hours: weekdays('09:00', '17:00') },
    })

    // Now 09:00-17:00: 08:30 is closed. FR Mon 17:00; RES Mon 8 + Tue 8 + Wed 8 runs out exactly at Wed 17:00.
    expect(await due('STANDARD', 'UK', '2026-01-05T08:30:00Z')).toEqual(['2026-01-05T17:00:00.000Z', '2026-01-07T17:00:00.000Z'])
    // PREMIUM follows both desks: Mon 08:30 GMT, UK now opens 09:00: FR 09:00 + 4 h.
    expect((await due('PREMIUM', 'PACIFIC', '2026-01-05T08:30:00Z'))[0]).toBe('2026-01-05T13:00:00.000Z')

    const audit = await app.database.dataSource.query(
      `SELECT a.action, a.actor_kind, a.before, a.after FROM audit_log a JOIN desks d ON d.id = a.entity_id WHERE a.entity_type = 'Desk' ORDER BY a.id`,
    )
    expect(audit).toHaveLength(auditBefore + 1)
    expect(audit.at(-1)).toEqual({
      action: 'desk.hours_set',
      actor_kind: 'STAFF',
      before: { desk: 'UK', version: before.version, hours: weekdays('08:00', '17:00') },
      after: { desk: 'UK', version: before.version + 1, hours: weekdays('09:00', '17:00') },
    })
  })

  it('refuses a stale version as a conflict and changes nothing', async () => {
    const uk = await desk('UK')
    const state = await calendarState()
    const response = await app.gql(SET_HOURS, { desk: 'UK', expectedVersion: uk.version - 1, hours: weekdays('07:00', '15:00') }, { cookie: admin })
    expect(response.data.setDeskHours).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' })
    expect(response.data.setDeskHours.message).toMatch(/changed since you loaded it.*Reload/)
    expect(await calendarState()).toEqual(state)
  })

  it('names the field at fault for bad hours and stores nothing', async () => {
    const uk = await desk('UK')
    const state = await calendarState()
    const attempt = async (hours: unknown[]) =>
      (await app.gql(SET_HOURS, { desk: 'UK', expectedVersion: uk.version, hours }, { cookie: admin })).data.setDeskHours

    const backwards = await attempt([{ weekday: 1, opens: '09:00', closes: '17:00' }, { weekday: 2, opens: '17:00', closes: '09:00' }])
    expect(backwards).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' })
    expect(backwards.fieldErrors).toEqual([{ field: 'hours.1.closes', message: 'UK: closing time 09:00 is not after opening time 17:00' }])

    const equal = await attempt([{ weekday: 1, opens: '09:00', closes: '09:00' }])
    expect(equal.fieldErrors.map((e: any) => e.field)).toEqual(['hours.0.closes'])

    const malformed = await attempt([{ weekday: 1, opens: '9am', closes: '24:30' }])
    expect(malformed.fieldErrors.map((e: any) => e.field)).toEqual(['hours.0.opens', 'hours.0.closes'])
    expect(malformed.fieldErrors[0].message).toMatch(/"9am" is not HH:MM/)

    const overlapping = await attempt([
      { weekday: 1, opens: '08:00', closes: '13:00' },
      { weekday: 1, opens: '14:00', closes: '18:00' },
      { weekday: 1, opens: '12:00', closes: '14:30' },
    ])
    expect(overlapping.fieldErrors).toEqual([
      { field: 'hours.2', message: 'Monday 12:00–14:30 overlaps 08:00–13:00 (hours.0); make it one window or separate them.' },
      { field: 'hours.1', message: 'Monday 14:00–18:00 overlaps 12:00–14:30 (hours.2); make it one window or separate them.' },
    ])

    const badDay = await attempt([{ weekday: 8, opens: '09:00', closes: '17:00' }])
    expect(badDay.fieldErrors.map((e: any) => e.field)).toEqual(['hours.0.weekday'])

    const none = await attempt([])
    expect(none.fieldErrors).toEqual([{ field: 'hours', message: 'UK: no opening hours, the desk would never open' }])

    expect(await calendarState()).toEqual(state)
  })

  it('accepts touching windows, several a day, a weekend window and 24:00', async () => {
    const uk = await desk('UK')
    const hours = [
      { weekday: 6, opens: '20:00', closes: '24:00' },
      { weekday: 1, opens: '12:00', closes: '17:00' },
      { weekday: 1, opens: '08:00', closes: '12:00' },
    ]
    const response = await app.gql(SET_HOURS, { desk: 'UK', expectedVersion: uk.version, hours }, { cookie: admin })
    expect(response.data.setDeskHours.desk.hours).toEqual([hours[2], hours[1], hours[0]])
    // Sat 2026-01-10 21:00 GMT: open until midnight; FR needs 60 min: 3 h left, so Sat 24:00 = Sun 00:00Z.
    expect((await due('STANDARD', 'UK', '2026-01-10T21:00:00Z'))[0]).toBe('2026-01-11T00:00:00.000Z')
    // Put the policy's hours back for the tests that follow.
    const restored = await app.gql(SET_HOURS, { desk: 'UK', expectedVersion: uk.version + 1, hours: weekdays('08:00', '17:00') }, { cookie: admin })
    expect(restored.data.setDeskHours.__typename).toBe('MutationSetDeskHoursSuccess')
  })

  it('changes nothing (no version, no audit) when the hours sent are the ones the desk has', async () => {
    const uk = await desk('UK')
    const state = await calendarState()
    const response = await app.gql(SET_HOURS, { desk: 'UK', expectedVersion: uk.version, hours: weekdays('08:00', '17:00') }, { cookie: admin })
    expect(response.data.setDeskHours.desk.version).toBe(uk.version)
    expect(await calendarState()).toEqual(state)
  })
})

describe('holidays (admin)', () => {
  it('adds a holiday that moves a due time, and removing it moves it back', async () => {
    // Mon 2026-01-05 07:00 PST (opening): FR Mon 18:00 PST; RES Mon 11 + Tue 11 + Wed 2 -> Wed 09:00 PST.
    expect(await due('STANDARD', 'PACIFIC', '2026-01-05T15:00:00Z')).toEqual(['2026-01-06T02:00:00.000Z', '2026-01-07T17:00:00.000Z'])
    const pacific = await desk('PACIFIC')

    const added = await app.gql(ADD_HOLIDAY, { desk: 'PACIFIC', date: '2026-01-06', name: '  Winter shutdown ' }, { cookie: admin })
    expect(added.data.addDeskHoliday.__typename).toBe('MutationAddDeskHolidaySuccess')
    expect(added.data.addDeskHoliday.desk.version).toBe(pacific.version + 1)
    expect(added.data.addDeskHoliday.desk.holidays).toContainEqual({ date: '2026-01-06', name: 'Winter shutdown' })
    // Tue closed: RES Mon 11 + Wed 11 + Thu 2 -> Thu 09:00 PST.
    expect(await due('STANDARD', 'PACIFIC', '2026-01-05T15:00:00Z')).toEqual(['2026-01-06T02:00:00.000Z', '2026-01-08T17:00:00.000Z'])

    const removed = await app.gql(REMOVE_HOLIDAY, { desk: 'PACIFIC', date: '2026-01-06' }, { cookie: admin })
    expect(removed.data.removeDeskHoliday).toEqual({ __typename: 'MutationRemoveDeskHolidaySuccess', desk: { code: 'PACIFIC', version: pacific.version + 2 } })
    expect(await due('STANDARD', 'PACIFIC', '2026-01-05T15:00:00Z')).toEqual(['2026-01-06T02:00:00.000Z', '2026-01-07T17:00:00.000Z'])

    const audit = await app.database.dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'Desk' AND action LIKE 'desk.holiday%' ORDER BY id`,
    )
    expect(audit).toEqual([
      { action: 'desk.holiday_added', before: null, after: { desk: 'PACIFIC', version: pacific.version + 1, date: '2026-01-06', name: 'Winter shutdown' } },
      { action: 'desk.holiday_removed', before: { desk: 'PACIFIC', version: pacific.version + 1, date: '2026-01-06', name: 'Winter shutdown' }, after: { desk: 'PACIFIC', version: pacific.version + 2 } },
    ])
  })

  it('adding a holiday for a year without any clears that year’s warning', async () => {
    const warnings = async () =>
      (await app.gql(`{ slaPreview(plan: STANDARD, homeDesk: UK, receivedAt: "2029-01-02T09:00:00Z") { ... on QuerySlaPreviewSuccess { preview { warnings { year } firstResponseDueAt } } } }`))
        .data.slaPreview.preview
    expect((await warnings()).warnings).toEqual([{ year: 2029 }])
    const added = await app.gql(ADD_HOLIDAY, { desk: 'UK', date: '2029-01-02', name: 'Test closure' }, { cookie: admin })
    expect(added.data.addDeskHoliday.__typename).toBe('MutationAddDeskHolidaySuccess')
    const after = await warnings()
    expect(after).toEqual({ warnings: [], firstResponseDueAt: '2029-01-03T17:00:00.000Z' })
    await app.gql(REMOVE_HOLIDAY, { desk: 'UK', date: '2029-01-02' }, { cookie: admin })
  })

  it('refuses a duplicate, a malformed date, a date outside 2000-2100 and an empty name, storing nothing', async () => {
    const state = await calendarState()
    const add = async (date: string, name = 'Something') =>
      (await app.gql(ADD_HOLIDAY, { desk: 'UK', date, name }, { cookie: admin })).data.addDeskHoliday

    expect(await add('2026-12-25')).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'date', message: 'The UK desk already has a holiday on 2026-12-25 (Christmas Day).' }],
    })
    expect((await add('2026-02-30')).fieldErrors).toEqual([{ field: 'date', message: 'UK: holiday "2026-02-30" is not a date YYYY-MM-DD' }])
    expect((await add('25/12/2026')).fieldErrors.map((e: any) => e.field)).toEqual(['date'])
    expect((await add('2101-01-01')).fieldErrors).toEqual([{ field: 'date', message: 'UK: holiday 2101-01-01 is outside the years 2000-2100' }])
    expect((await add('1999-12-31')).fieldErrors.map((e: any) => e.field)).toEqual(['date'])
    expect((await add('2026-05-05', '   ')).fieldErrors).toEqual([{ field: 'name', message: 'Name the holiday, for example "Boxing Day".' }])
    expect(await calendarState()).toEqual(state)
  })

  it('says when there is no holiday to remove', async () => {
    const state = await calendarState()
    const missing = (await app.gql(REMOVE_HOLIDAY, { desk: 'UK', date: '2026-07-04' }, { cookie: admin })).data.removeDeskHoliday
    expect(missing).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'A UK desk holiday on 2026-07-04 was not found.' })
    const malformed = (await app.gql(REMOVE_HOLIDAY, { desk: 'UK', date: 'July 4' }, { cookie: admin })).data.removeDeskHoliday
    expect(malformed.fieldErrors.map((e: any) => e.field)).toEqual(['date'])
    expect(await calendarState()).toEqual(state)
  })
})

describe('who may change calendars', () => {
  it('refuses engineers, contacts and signed-out visitors on every admin mutation', async () => {
    const state = await calendarState()
    const uk = await desk('UK')
    const attempts: [string, Record<string, unknown>][] = [
      [SET_HOURS, { desk: 'UK', expectedVersion: uk.version, hours: weekdays('06:00', '20:00') }],
      [ADD_HOLIDAY, { desk: 'UK', date: '2026-06-01', name: 'Nope' }],
      [REMOVE_HOLIDAY, { desk: 'UK', date: '2026-12-25' }],
    ]
    for (const [mutation, variables] of attempts) {
      for (const [cookie, code] of [[engineer, 'FORBIDDEN'], [contact, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
        const response = await app.gql(mutation, variables, { cookie })
        expect(response.errors?.[0]?.extensions).toMatchObject({ code })
      }
    }
    expect(await calendarState()).toEqual(state)
  })
})

describe('the calendar-changed hook and the cache', () => {
  it('runs listeners inside the change’s transaction with the calendars before and after', async () => {
    const seen: Omit<CalendarChange, 'manager' | 'ctx' | 'calendarAfter' | 'calendarBefore' | 'before' | 'after'>[] = []
    const moved: [number, number][] = []
    const unsubscribe = onCalendarChanged(async (change) => {
      const { kind, desk: code, version, summary, at } = change
      seen.push({ kind, desk: code, version, summary, at })
      // What the tickets module will do: recompute a running clock on the new calendar, in the same transaction.
      const receivedAt = Date.parse('2026-01-05T15:00:00Z')
      const plan = 'STANDARD'
      const before = computeDueTimes({ plan, calendar: change.calendarBefore(plan, 'PACIFIC'), receivedAt })
      const after = computeDueTimes({ plan, calendar: change.calendarAfter(plan, 'PACIFIC'), receivedAt })
      moved.push([before.resolutionDueAt, after.resolutionDueAt])
      const [row] = await change.manager.query('SELECT version FROM desks WHERE code = $1', [code])
      expect(row.version).toBe(version) // sees the uncommitted change: same transaction
    })
    try {
      const pacific = await desk('PACIFIC')
      await app.gql(ADD_HOLIDAY, { desk: 'PACIFIC', date: '2026-01-06', name: 'Winter shutdown' }, { cookie: admin })
      expect(seen).toEqual([
        {
          kind: 'HOLIDAY_ADDED',
          desk: 'PACIFIC',
          version: pacific.version + 1,
          summary: 'Pacific desk: holiday added on 2026-01-06 (Winter shutdown)',
          at: app.clock.now(),
        },
      ])
      expect(moved).toEqual([[Date.parse('2026-01-07T17:00:00Z'), Date.parse('2026-01-08T17:00:00Z')]])
    } finally {
      unsubscribe()
    }
    await app.gql(REMOVE_HOLIDAY, { desk: 'PACIFIC', date: '2026-01-06' }, { cookie: admin })
    expect(seen).toHaveLength(1) // unsubscribed
  })

  it('rolls the change back when a listener fails', async () => {
    const state = await calendarState()
    const unsubscribe = onCalendarChanged(() => {
      throw new Error('tickets could not be recomputed')
    })
    try {
      const response = await app.gql(ADD_HOLIDAY, { desk: 'UK', date: '2026-06-01', name: 'Doomed' }, { cookie: admin })
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' })
      expect(response.errors?.[0]?.message).not.toMatch(/tickets/)
    } finally {
      unsubscribe()
    }
    expect(await calendarState()).toEqual(state)
    expect((await desk('UK', 2026)).holidays.map((h: any) => h.date)).not.toContain('2026-06-01')
  })

  it('serves previews without SQL while fresh, and sees changes made by another process after the recheck interval', async () => {
    const manager = app.database.dataSource.manager
    const spy = vi.spyOn(manager, 'query')
    const deskQueries = () => spy.mock.calls.filter(([sql]) => /\bdesks\b/.test(String(sql))).length
    try {
      setDeskRecheckInterval(60_000)
      const first = await due('STANDARD', 'UK', '2026-01-05T08:30:00Z')
      spy.mockClear()
      for (let i = 0; i < 5; i++) expect(await due('STANDARD', 'UK', '2026-01-05T08:30:00Z')).toEqual(first)
      expect(deskQueries()).toBe(0)

      // Another API process changes the UK hours (and bumps the version, as every change does).
      await app.database.dataSource.transaction(async (other) => {
        await other.query(`UPDATE desk_hours SET opens = '10:00' WHERE desk = 'UK'`)
        await other.query(`UPDATE desks SET version = version + 1 WHERE code = 'UK'`)
      })
      expect(await due('STANDARD', 'UK', '2026-01-05T08:30:00Z')).toEqual(first) // still within the interval

      setDeskRecheckInterval(0)
      spy.mockClear()
      // Now 10:00-17:00 (7 h): FR Mon 17:00; RES 7 + 7 + 7 + Thu 3 -> Thu 13:00.
      expect(await due('STANDARD', 'UK', '2026-01-05T08:30:00Z')).toEqual(['2026-01-05T17:00:00.000Z', '2026-01-08T13:00:00.000Z'])
      expect(deskQueries()).toBe(2) // the version check, then one statement reloading every desk
      spy.mockClear()
      await due('STANDARD', 'UK', '2026-01-05T08:30:00Z')
      expect(deskQueries()).toBe(1) // only the version check: unchanged
    } finally {
      spy.mockRestore()
      await app.database.dataSource.transaction(async (other) => {
        await other.query(`UPDATE desk_hours SET opens = '08:00' WHERE desk = 'UK'`)
        await other.query(`UPDATE desks SET version = version + 1 WHERE code = 'UK'`)
      })
    }
  })

  it('computes the same due times as the domain on DEFAULT_DESKS once the policy’s data is back', async () => {
    setDeskRecheckInterval(0)
    const receivedAt = '2026-03-27T16:00:00Z'
    const expected = computeDueTimes({ plan: 'PREMIUM', calendar: calendarFor('PREMIUM', 'UK'), receivedAt: Date.parse(receivedAt) })
    expect(await due('PREMIUM', 'UK', receivedAt)).toEqual([
      new Date(expected.firstResponseDueAt).toISOString(),
      new Date(expected.resolutionDueAt).toISOString(),
    ])
  })
})
