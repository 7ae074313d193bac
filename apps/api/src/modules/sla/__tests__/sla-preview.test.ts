import { calendarFor, computeDueTimes, DEFAULT_DESKS } from '@covered/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeStaff } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'

const PREVIEW = `query($plan: SupportPlan!, $homeDesk: Desk!, $receivedAt: DateTime!) {
  slaPreview(plan: $plan, homeDesk: $homeDesk, receivedAt: $receivedAt) {
    __typename
    ... on QuerySlaPreviewSuccess {
      preview {
        plan homeDesk receivedAt firstResponseDueAt firstResponseKind resolutionDueAt resolutionKind
        calendarDesks { code name timeZone }
        warnings { code desk year message }
      }
    }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field message } }
  }
}`

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

async function preview(plan: string, homeDesk: string, receivedAt: string) {
  const response = await app.gql(PREVIEW, { plan, homeDesk, receivedAt })
  expect(response.errors).toBeUndefined()
  return response.data.slaPreview
}

// Hand-checked in packages/domain/src/sla/__tests__/due-times.table.test.ts (the reasoning is written there).
const cases: [name: string, plan: string, desk: string, received: string, firstResponse: string, resolution: string][] = [
  ['STANDARD PACIFIC at opening', 'STANDARD', 'PACIFIC', '2026-01-05T15:00:00Z', '2026-01-06T02:00:00Z', '2026-01-07T17:00:00Z'],
  ['STANDARD PACIFIC exactly at closing (closed)', 'STANDARD', 'PACIFIC', '2026-01-06T02:00:00Z', '2026-01-07T02:00:00Z', '2026-01-08T17:00:00Z'],
  ['STANDARD PACIFIC 59:59 left rolls over', 'STANDARD', 'PACIFIC', '2026-01-06T01:00:01Z', '2026-01-07T02:00:00Z', '2026-01-08T16:00:01Z'],
  ['STANDARD PACIFIC on Thanksgiving', 'STANDARD', 'PACIFIC', '2026-11-26T18:00:00Z', '2026-11-28T02:00:00Z', '2026-12-01T17:00:00Z'],
  ['STANDARD PACIFIC across US spring-forward', 'STANDARD', 'PACIFIC', '2026-03-06T20:00:00Z', '2026-03-07T02:00:00Z', '2026-03-10T21:00:00Z'],
  ['STANDARD PACIFIC across US fall-back', 'STANDARD', 'PACIFIC', '2026-10-31T00:30:00Z', '2026-11-03T02:00:00Z', '2026-11-04T16:30:00Z'],
  ['STANDARD UK exactly 60 min left', 'STANDARD', 'UK', '2026-01-05T16:00:00Z', '2026-01-05T17:00:00Z', '2026-01-08T13:00:00Z'],
  ['STANDARD UK open on a PACIFIC-only holiday', 'STANDARD', 'UK', '2026-11-26T10:00:00Z', '2026-11-26T17:00:00Z', '2026-11-30T16:00:00Z'],
  ['STANDARD UK Christmas and Boxing Day substitute', 'STANDARD', 'UK', '2026-12-24T16:30:00Z', '2026-12-29T17:00:00Z', '2026-12-31T13:30:00Z'],
  ['STANDARD UK across UK spring-forward', 'STANDARD', 'UK', '2026-03-27T16:00:00Z', '2026-03-27T17:00:00Z', '2026-04-01T12:00:00Z'],
  ['STANDARD UK 2027 Easter with spring-forward', 'STANDARD', 'UK', '2027-03-25T16:30:00Z', '2027-03-30T16:00:00Z', '2027-04-01T12:30:00Z'],
  ['PREMIUM follow the sun from UK to PACIFIC', 'PREMIUM', 'UK', '2026-01-05T13:00:00Z', '2026-01-05T17:00:00Z', '2026-01-06T19:00:00Z'],
  ['PREMIUM guarantee runs out at the closing', 'PREMIUM', 'PACIFIC', '2026-01-05T22:00:00Z', '2026-01-06T02:00:00Z', '2026-01-07T10:00:00Z'],
  ['PREMIUM over a weekend', 'PREMIUM', 'PACIFIC', '2026-01-09T23:00:00Z', '2026-01-12T09:00:00Z', '2026-01-13T11:00:00Z'],
  ['PREMIUM Thanksgiving, UK still open', 'PREMIUM', 'PACIFIC', '2026-11-26T15:00:00Z', '2026-11-27T10:00:00Z', '2026-11-30T12:00:00Z'],
  ['PREMIUM spring weeks, 7 h apart (US on PDT, UK on GMT)', 'PREMIUM', 'UK', '2026-03-10T23:00:00Z', '2026-03-11T10:00:00Z', '2026-03-12T13:00:00Z'],
  ['PREMIUM autumn week into fall-back', 'PREMIUM', 'UK', '2026-10-30T22:00:00Z', '2026-11-02T09:00:00Z', '2026-11-03T11:00:00Z'],
  ['PREMIUM year-end 2027, one desk off each day', 'PREMIUM', 'PACIFIC', '2027-12-23T16:00:00Z', '2027-12-23T20:00:00Z', '2027-12-27T20:00:00Z'],
]

describe('slaPreview, signed out, on the seeded desks', () => {
  it.each(cases)('%s', async (_name, plan, desk, received, firstResponse, resolution) => {
    const result = await preview(plan, desk, received)
    expect(result.__typename).toBe('QuerySlaPreviewSuccess')
    expect(result.preview).toMatchObject({
      plan,
      homeDesk: desk,
      receivedAt: new Date(received).toISOString(),
      firstResponseDueAt: new Date(firstResponse).toISOString(),
      resolutionDueAt: new Date(resolution).toISOString(),
      firstResponseKind: plan === 'PREMIUM' ? 'GUARANTEE' : 'GOAL',
      resolutionKind: 'GOAL',
      warnings: [],
    })
  })

  it('names the calendar used: the home desk on STANDARD, both desks on PREMIUM', async () => {
    const standard = await preview('STANDARD', 'UK', '2026-06-01T09:00:00Z')
    expect(standard.preview.calendarDesks).toEqual([{ code: 'UK', name: 'UK', timeZone: 'Europe/London' }])
    const premium = await preview('PREMIUM', 'UK', '2026-06-01T09:00:00Z')
    expect(premium.preview.calendarDesks).toEqual([
      { code: 'PACIFIC', name: 'Pacific', timeZone: 'America/Los_Angeles' },
      { code: 'UK', name: 'UK', timeZone: 'Europe/London' },
    ])
  })

  it('accepts any offset and answers in UTC', async () => {
    // 2026-01-05 07:00 in Los Angeles (PST, UTC-8) is the PACIFIC opening.
    const result = await preview('STANDARD', 'PACIFIC', '2026-01-05T07:00:00-08:00')
    expect(result.preview).toMatchObject({ receivedAt: '2026-01-05T15:00:00.000Z', firstResponseDueAt: '2026-01-06T02:00:00.000Z' })
  })

  it('still answers for a year without holidays, on weekdays and hours alone, with a warning', async () => {
    // Mon 2029-01-01 (New Year's Day, but none recorded for 2029) 09:00 GMT: open. FR 17:00; RES 8 + 9 + 7 -> Wed 15:00.
    const result = await preview('STANDARD', 'UK', '2029-01-01T09:00:00Z')
    expect(result.preview).toMatchObject({
      firstResponseDueAt: '2029-01-01T17:00:00.000Z',
      resolutionDueAt: '2029-01-03T15:00:00.000Z',
      warnings: [{ code: 'NO_HOLIDAYS_FOR_YEAR', desk: 'UK', year: 2029, message: expect.stringContaining('2029') }],
    })
    const premium = await preview('PREMIUM', 'UK', '2029-01-01T09:00:00Z')
    expect(premium.preview.warnings.map((w: any) => [w.desk, w.year])).toEqual([
      ['PACIFIC', 2029],
      ['UK', 2029],
    ])
  })

  it('answers at the edges of the years it accepts (2000 and 2100), as the domain does on the policy’s hours', async () => {
    // Mon 2000-01-03 09:00 GMT: FR 17:00; RES 8 + 9 + 7 -> Wed 15:00.
    const early = await preview('STANDARD', 'UK', '2000-01-03T09:00:00Z')
    expect(early.preview).toMatchObject({ firstResponseDueAt: '2000-01-03T17:00:00.000Z', resolutionDueAt: '2000-01-05T15:00:00.000Z' })
    const late = await preview('PREMIUM', 'PACIFIC', '2100-12-31T20:00:00Z')
    const expected = computeDueTimes({ plan: 'PREMIUM', calendar: calendarFor('PREMIUM', 'PACIFIC'), receivedAt: Date.parse('2100-12-31T20:00:00Z') })
    expect(late.preview).toMatchObject({
      firstResponseDueAt: new Date(expected.firstResponseDueAt).toISOString(),
      resolutionDueAt: new Date(expected.resolutionDueAt).toISOString(),
    })
    expect(late.preview.warnings.map((w: any) => `${w.desk} ${w.year}`)).toEqual(['PACIFIC 2100', 'PACIFIC 2101', 'UK 2100', 'UK 2101'])
  })

  it('warns about a year the answer runs into', async () => {
    // Wed 2027-12-29 16:30 GMT (UK): resolution runs into January 2028, where no holidays are recorded.
    const result = await preview('STANDARD', 'UK', '2027-12-29T16:30:00Z')
    expect(result.preview.warnings).toEqual([expect.objectContaining({ desk: 'UK', year: 2028 })])
  })
})

describe('bad input', () => {
  it('refuses a malformed instant, an instant without a time zone, and a missing one', async () => {
    for (const receivedAt of ['yesterday', '2026-13-45T10:00:00Z', '2026-01-05T10:00:00']) {
      const response = await app.gql(PREVIEW, { plan: 'STANDARD', homeDesk: 'UK', receivedAt })
      expect(response.data).toBeUndefined()
      expect(response.errors?.[0]?.message).toMatch(/Expected an ISO 8601 instant with a time zone/)
    }
    const missing = await app.gql(PREVIEW, { plan: 'STANDARD', homeDesk: 'UK' })
    expect(missing.errors?.[0]?.message).toMatch(/\$receivedAt.*required|of required type "DateTime!" was not provided/)
    const literal = await app.gql('{ slaPreview(plan: STANDARD, homeDesk: UK, receivedAt: "soon") { __typename } }')
    expect(literal.errors?.[0]?.message).toMatch(/Expected an ISO 8601 instant/)
  })

  it('refuses an unknown plan or desk, naming the type', async () => {
    const plan = await app.gql(PREVIEW, { plan: 'GOLD', homeDesk: 'UK', receivedAt: '2026-01-05T10:00:00Z' })
    expect(plan.errors?.[0]?.message).toMatch(/Value "GOLD" does not exist in "SupportPlan" enum/)
    const desk = await app.gql(PREVIEW, { plan: 'STANDARD', homeDesk: 'TOKYO', receivedAt: '2026-01-05T10:00:00Z' })
    expect(desk.errors?.[0]?.message).toMatch(/Value "TOKYO" does not exist in "Desk" enum/)
  })

  it('answers an instant outside 2000-2100 with a typed error naming receivedAt', async () => {
    const result = await preview('STANDARD', 'UK', '2150-01-05T10:00:00Z')
    expect(result).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      message: 'receivedAt must be between 2000-01-01 and 2100-12-31 (UTC).',
      fieldErrors: [{ field: 'receivedAt', message: 'receivedAt must be between 2000-01-01 and 2100-12-31 (UTC).' }],
    })
  })
})

describe('the seeded desks', () => {
  it('match the policy’s desks, hours and holidays (DEFAULT_DESKS), with the holidays’ names', async () => {
    const staff = await makeStaff(app.database.dataSource)
    const cookie = await app.signIn(staff.email)
    const response = await app.gql(
      `{ desks { code name timeZone version hours { weekday opens closes } holidayYears holidays { date name } } }`,
      {},
      { cookie },
    )
    expect(response.errors).toBeUndefined()
    const desks = response.data.desks
    expect(desks.map((d: any) => d.code)).toEqual(['PACIFIC', 'UK'])
    for (const desk of desks) {
      const expected = DEFAULT_DESKS[desk.code as 'PACIFIC' | 'UK']
      expect(desk.timeZone).toBe(expected.timeZone)
      expect(desk.hours).toEqual(expected.weeklyHours)
      expect(desk.holidays.map((h: any) => h.date)).toEqual([...expected.holidays])
      expect(desk.holidayYears).toEqual([2026, 2027])
      expect(desk.version).toBe(1)
    }
    const names = (code: string) => Object.fromEntries(desks.find((d: any) => d.code === code).holidays.map((h: any) => [h.date, h.name]))
    expect(names('PACIFIC')).toMatchObject({ '2026-11-26': 'Thanksgiving Day', '2026-07-03': 'Independence Day (observed)', '2027-12-31': 'New Year’s Day 2028 (observed)' })
    expect(names('UK')).toMatchObject({ '2026-12-28': 'Boxing Day (substitute day)', '2027-03-26': 'Good Friday', '2027-12-27': 'Christmas Day (substitute day)' })
  })
})
