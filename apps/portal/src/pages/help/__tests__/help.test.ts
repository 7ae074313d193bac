import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { contactViewer, mountApp, settle } from '../../../test/mountApp'

// The first mount loads every page of the app; give a busy machine time for it.
vi.setConfig({ testTimeout: 20_000 })

const signedOut = { data: { viewer: null } }
const NOW = '2026-11-26T12:00:00.000Z' // Thursday: 04:00 in Los Angeles, 12:00 in London

function preview(plan: string, homeDesk: string, firstResponseDueAt: string, resolutionDueAt: string, warnings: unknown[] = []) {
  const both = [
    { __typename: 'SlaCalendarDesk', code: 'PACIFIC', name: 'Pacific', timeZone: 'America/Los_Angeles' },
    { __typename: 'SlaCalendarDesk', code: 'UK', name: 'UK', timeZone: 'Europe/London' },
  ]
  return {
    __typename: 'QuerySlaPreviewSuccess',
    preview: {
      __typename: 'SlaPreview',
      plan,
      homeDesk,
      receivedAt: NOW,
      firstResponseDueAt,
      firstResponseKind: plan === 'PREMIUM' ? 'GUARANTEE' : 'GOAL',
      resolutionDueAt,
      resolutionKind: 'GOAL',
      calendarDesks: plan === 'PREMIUM' ? both : both.filter((d) => d.code === homeDesk),
      warnings,
    },
  }
}

const noHolidays2028 = (desk: string) => ({
  __typename: 'SlaWarning',
  code: 'NO_HOLIDAYS_FOR_YEAR',
  desk,
  year: 2028,
  message: `The ${desk === 'UK' ? 'UK' : 'Pacific'} desk has no holidays recorded for 2028: weekdays and hours alone were used.`,
})

/** slaPreview answers for a question received now (Thanksgiving: the Pacific desk is closed). */
const answers = {
  data: {
    standardPacific: preview('STANDARD', 'PACIFIC', '2026-11-28T02:00:00.000Z', '2026-12-02T01:00:00.000Z'),
    standardUk: preview('STANDARD', 'UK', '2026-11-26T17:00:00.000Z', '2026-12-01T12:00:00.000Z'),
    premiumPacific: preview('PREMIUM', 'PACIFIC', '2026-11-26T16:00:00.000Z', '2026-11-30T18:00:00.000Z'),
    premiumUk: preview('PREMIUM', 'UK', '2026-11-26T16:00:00.000Z', '2026-11-30T18:00:00.000Z'),
  },
}

let zone = 'Asia/Tokyo'
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: new Date(NOW) })
  // The visitor's browser time zone.
  const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...resolvedOptions.call(this), timeZone: zone }
  })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  zone = 'Asia/Tokyo'
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']
const answer = (wrapper: Wrapper, id: string) => {
  const row = wrapper.get(`[data-testid="answer-${id}"]`)
  return { first: row.get('[data-testid="first-response"]').text(), resolution: row.get('[data-testid="resolution"]').text(), text: row.text() }
}

describe('public help page', () => {
  it('opens without signing in and asks slaPreview for both plans on both desks, sent now', async () => {
    const { client, sent } = mockClient({ PortalViewer: signedOut, HelpSlaPreviews: answers })
    const { wrapper, router } = await mountApp(client, '/help')

    expect(router.currentRoute.value.name).toBe('help')
    expect(wrapper.get('h1').text()).toBe('Support hours and response times')
    expect(document.title).toBe('Support hours and response times · Covered Support')
    expect(wrapper.get('a.cv-button[href="/login"]').text()).toBe('Sign in')
    expect(sent('HelpSlaPreviews')).toHaveLength(1)
    expect(sent('HelpSlaPreviews')[0]!.variables).toEqual({ receivedAt: NOW })
    const query = (sent('HelpSlaPreviews')[0]!.query.loc?.source.body ?? '')
      .replace(/[\s,]+/g, ' ')
      .replace(/\( /g, '(')
      .replace(/ \)/g, ')')
    for (const [alias, plan, desk] of [
      ['standardPacific', 'STANDARD', 'PACIFIC'],
      ['standardUk', 'STANDARD', 'UK'],
      ['premiumPacific', 'PREMIUM', 'PACIFIC'],
      ['premiumUk', 'PREMIUM', 'UK'],
    ]) {
      expect(query).toContain(`${alias}: slaPreview(plan: ${plan} homeDesk: ${desk} receivedAt: $receivedAt)`)
    }
  })

  it.each([
    {
      zone: 'Asia/Tokyo',
      zoneText: 'Asia/Tokyo (Japan Standard Time)',
      sentAt: '21:00',
      standardPacific: ['Sat 28 Nov, 11:00', 'Wed 2 Dec, 10:00'],
      standardUk: ['Fri 27 Nov, 02:00tomorrow', 'Tue 1 Dec, 21:00'],
      premium: ['Fri 27 Nov, 01:00tomorrow', 'Tue 1 Dec, 03:00'],
    },
    {
      zone: 'America/New_York',
      zoneText: 'America/New_York (Eastern Standard Time)',
      sentAt: '07:00',
      standardPacific: ['Fri 27 Nov, 21:00tomorrow', 'Tue 1 Dec, 20:00'],
      standardUk: ['Thu 26 Nov, 12:00today', 'Tue 1 Dec, 07:00'],
      premium: ['Thu 26 Nov, 11:00today', 'Mon 30 Nov, 13:00'],
    },
  ])('shows the due times in the visitor’s own time zone ($zone)', async (c) => {
    zone = c.zone
    const { client } = mockClient({ PortalViewer: signedOut, HelpSlaPreviews: answers })
    const { wrapper } = await mountApp(client, '/help')

    expect(wrapper.get('[data-testid="time-zone"]').text()).toBe(`Times in your time zone: ${c.zoneText}`)
    expect(wrapper.get('[data-testid="sent-now"]').text()).toContain(`For a question sent at ${c.sentAt} your time.`)
    const standardPacific = answer(wrapper, 'STANDARD-PACIFIC')
    expect([standardPacific.first, standardPacific.resolution]).toEqual(c.standardPacific)
    expect(standardPacific.text).toContain('Pacific home desk')
    expect(standardPacific.text).toContain('Counts time while the Pacific desk is open.')
    const standardUk = answer(wrapper, 'STANDARD-UK')
    expect([standardUk.first, standardUk.resolution]).toEqual(c.standardUk)
    // Premium runs on both desks whatever the home desk: the same answer, said once.
    const premium = answer(wrapper, 'PREMIUM-ANY')
    expect([premium.first, premium.resolution]).toEqual(c.premium)
    expect(premium.text).toContain('Either home desk')
    expect(premium.text).toContain('Guarantee')
    expect(premium.text).toContain('Counts time while the Pacific and UK desks are open.')
    expect(wrapper.get('[data-testid="plan-STANDARD"]').text()).toContain('Goal')
    expect(wrapper.find('time[datetime="2026-11-26T16:00:00.000Z"]').exists()).toBe(true)
  })

  it('explains both desks’ hours and what each plan promises', async () => {
    const { client } = mockClient({ PortalViewer: signedOut, HelpSlaPreviews: answers })
    const { wrapper } = await mountApp(client, '/help')

    expect(wrapper.get('[data-testid="desk-PACIFIC"]').text()).toContain('Monday–Friday, 07:00–18:00 Los Angeles time')
    expect(wrapper.get('[data-testid="desk-UK"]').text()).toContain('Monday–Friday, 08:00–17:00 London time')
    const text = wrapper.text()
    expect(text).toContain('First response the same support day')
    expect(text).toContain('less than an hour (60 business minutes)')
    expect(text).toContain('First response within 4 business hours, guaranteed.')
    expect(text).toContain('Resolution within 24 business hours')
  })

  it('shows the warnings the API returns, each once, in words for visitors', async () => {
    const withWarnings = structuredClone(answers) as { data: Record<string, { preview: { warnings: unknown[] } }> }
    for (const key of ['standardUk', 'premiumPacific', 'premiumUk']) {
      withWarnings.data[key]!.preview.warnings = [noHolidays2028('UK')]
    }
    withWarnings.data.premiumPacific!.preview.warnings.push(noHolidays2028('PACIFIC'), {
      __typename: 'SlaWarning',
      code: 'SOMETHING_NEW',
      desk: 'UK',
      year: 2027,
      message: 'A message the page does not know yet.',
    })
    const { client } = mockClient({ PortalViewer: signedOut, HelpSlaPreviews: withWarnings })
    const { wrapper } = await mountApp(client, '/help')

    const warnings = wrapper.findAll('[data-testid="sla-warning"]')
    expect(warnings.map((w) => w.text())).toEqual([
      'The UK and Pacific desks have no holidays recorded for 2028 yet, so these times count every weekday in 2028 as a working day.',
      'A message the page does not know yet.',
    ])
  })

  it('shows no warning when there is none', async () => {
    const { client } = mockClient({ PortalViewer: signedOut, HelpSlaPreviews: answers })
    const { wrapper } = await mountApp(client, '/help')
    expect(wrapper.find('[data-testid="sla-warning"]').exists()).toBe(false)
  })

  it('shows one answer’s problem in its place', async () => {
    const invalid = structuredClone(answers) as { data: Record<string, unknown> }
    invalid.data.standardUk = { __typename: 'ValidationError', message: 'receivedAt must be between 2000-01-01 and 2100-12-31 (UTC).' }
    const { client } = mockClient({ PortalViewer: signedOut, HelpSlaPreviews: invalid })
    const { wrapper } = await mountApp(client, '/help')

    expect(wrapper.get('[data-testid="answer-STANDARD-UK"]').text()).toContain('receivedAt must be between')
    expect(answer(wrapper, 'STANDARD-PACIFIC').first).toBe('Sat 28 Nov, 11:00')
  })

  it('asks again every minute with the new time', async () => {
    const { client, sent } = mockClient({ PortalViewer: signedOut, HelpSlaPreviews: answers })
    const { wrapper } = await mountApp(client, '/help')
    expect(sent('HelpSlaPreviews')).toHaveLength(1)

    vi.advanceTimersByTime(59_000)
    await settle()
    expect(sent('HelpSlaPreviews')).toHaveLength(1)
    vi.advanceTimersByTime(1_000)
    await settle()
    expect(sent('HelpSlaPreviews')).toHaveLength(2)
    expect(sent('HelpSlaPreviews')[1]!.variables).toEqual({ receivedAt: '2026-11-26T12:01:00.000Z' })
    expect(wrapper.find('[data-testid="answer-STANDARD-PACIFIC"]').exists()).toBe(true)
  })

  it('shows a loading state, then an error with a retry that recovers', async () => {
    let release: (() => void) | undefined
    let calls = 0
    const { client } = mockClient({
      PortalViewer: signedOut,
      HelpSlaPreviews: () => {
        calls++
        if (calls === 1) return new Promise((resolve) => (release = () => resolve(new Error('Failed to fetch'))))
        return answers
      },
    })
    const { wrapper } = await mountApp(client, '/help')
    expect(wrapper.get('.cv-state--loading').text()).toContain('Working out today’s response times…')

    release!()
    await settle()
    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('The response times could not be loaded')
    expect(error.text()).toContain('We could not reach Covered')

    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.find('.cv-state--error').exists()).toBe(false)
    expect(answer(wrapper, 'STANDARD-UK').first).toBe('Fri 27 Nov, 02:00tomorrow')
  })

  it('keeps the last times on screen when a refresh fails', async () => {
    let calls = 0
    const { client } = mockClient({
      PortalViewer: signedOut,
      HelpSlaPreviews: () => (++calls === 1 ? answers : { errors: [{ message: 'Unexpected error.' }] }),
    })
    const { wrapper } = await mountApp(client, '/help')
    vi.advanceTimersByTime(60_000)
    await settle()

    expect(wrapper.find('.cv-state--error').exists()).toBe(false)
    expect(wrapper.get('[data-testid="sent-now"]').text()).toContain('We could not check again just now')
    expect(answer(wrapper, 'STANDARD-UK').first).toBe('Fri 27 Nov, 02:00tomorrow')
  })
})

describe('links to the help page', () => {
  it('from the sign-in page', async () => {
    const { client } = mockClient({ PortalViewer: signedOut })
    const { wrapper } = await mountApp(client, '/login')
    expect(wrapper.findAll('a').find((a) => a.text() === 'Support hours and response times')!.attributes('href')).toBe('/help')
  })

  it('from the nav when signed in, without the sign-in button on the page', async () => {
    const { client } = mockClient({ PortalViewer: { data: { viewer: contactViewer } }, HelpSlaPreviews: answers })
    const { wrapper } = await mountApp(client, '/help')

    const links = wrapper.findAll('nav a')
    const organisation = links.find((a) => a.text() === 'Your organisation')!
    const help = links.find((a) => a.text() === 'Help')!
    expect(help.attributes('href')).toBe('/help')
    expect(help.attributes('aria-current')).toBe('page')
    expect(organisation.classes()).not.toContain('router-link-active')
    expect(organisation.attributes('aria-current')).toBeUndefined()
    expect(wrapper.get('[data-testid="signed-in-user"]').text()).toContain('Alex Rivera')
    expect(wrapper.find('a.cv-button[href="/login"]').exists()).toBe(false)
  })
})
