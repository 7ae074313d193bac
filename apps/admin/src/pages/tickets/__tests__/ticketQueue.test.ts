import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'
import { adminViewer, categories, engineerViewer, staffReply, target, ticket, ticketConnection } from './fixtures'
import { warmUpRoutes } from './warmUp'

const engineer = { data: { viewer: engineerViewer } }

beforeAll(() => warmUpRoutes(), 60_000)

beforeEach(() => {
  // Thursday 26 November 2026, 16:00 UTC, read in Los Angeles: only the clock and the zone are fixed.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-26T16:00:00Z') })
  const resolved = Intl.DateTimeFormat.prototype.resolvedOptions
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...resolved.call(this), timeZone: 'America/Los_Angeles' }
  })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']
const rows = (wrapper: Wrapper) => wrapper.findAll('[data-testid="ticket-row"]')
const buttonNamed = (wrapper: Wrapper, text: string) => wrapper.findAll('button').find((b) => b.text() === text)

describe('ticket queues', () => {
  it('is the first item of the nav, and shows a loading state while the queue is on its way', async () => {
    const { client } = mockClient({ AdminViewer: engineer, TicketQueue: 'pending', TicketCategories: categories,
      TicketStaff: staffReply, TicketQueueChanged: 'pending' })
    const { wrapper } = await mountApp(client, '/tickets')

    const links = wrapper.findAll('nav[aria-label="Main"] a')
    expect(links[0]!.text()).toBe('Tickets')
    expect(links[0]!.classes()).toContain('router-link-active')
    expect(document.title).toBe('Tickets · Covered Admin')
    expect(wrapper.get('.cv-state--loading').text()).toContain('Loading the queue…')
  })

  it('opens on the engineer’s own desk, premium first, each row with its SLA countdown in business time', async () => {
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: 'pending',
      TicketQueue: {
        data: ticketConnection([
          ticket(7, {
            plan: 'PREMIUM',
            subject: 'Dashboards are blank',
            assignee: { __typename: 'StaffUser', id: engineerViewer.id, name: 'Eli Engineer' },
            firstResponse: target({ kind: 'GUARANTEE', businessMinutesLeft: 130 }),
          }),
          ticket(3, {
            firstResponse: target({ state: 'WARNING', businessMinutesLeft: 25 }),
            lastMessage: { __typename: 'TicketMessagePreview', id: 'm-3-2', excerpt: 'Asked for the export log.', internal: true, authorKind: 'STAFF', authorName: 'Eli Engineer' },
          }),
          ticket(4, { firstResponse: target({ state: 'BREACHED', businessMinutesLeft: -35 }) }),
          ticket(5, {
            status: 'WAITING_ON_CUSTOMER',
            statusLabel: 'Waiting on customer',
            paused: true,
            firstResponse: target({ state: 'MET', metAt: '2026-11-26T15:30:00Z', businessMinutesLeft: null }),
            resolution: target({ state: 'PAUSED', businessMinutesLeft: null }),
          }),
          ticket(6, {
            status: 'RESOLVED',
            statusLabel: 'Resolved',
            firstResponse: target({ state: 'MET', metAt: '2026-11-26T15:30:00Z', businessMinutesLeft: null }),
            resolution: target({ state: 'MET', metAt: '2026-11-26T15:50:00Z', businessMinutesLeft: null }),
          }),
          ticket(8, { plan: 'NOT_ENTITLED', firstResponse: null, resolution: null }),
        ]),
      },
    })
    const { wrapper } = await mountApp(client, '/tickets')

    // A Pacific engineer starts on the Pacific desk's queue, in queue order, open tickets only.
    const tab = wrapper.get('[data-testid="queue-tabs"] [aria-current="page"]')
    expect(tab.text()).toBe('Pacific desk')
    expect(sent('TicketQueue')[0]!.variables).toMatchObject({
      desk: 'PACIFIC',
      order: 'QUEUE',
      first: 25,
      statuses: ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED'],
    })
    expect(sent('TicketQueueChanged')[0]!.variables).toEqual({ desk: 'PACIFIC' })

    const headers = wrapper.findAll('thead th').map((th) => th.text())
    expect(headers).toEqual(['Ticket', 'Customer', 'Plan', 'Status', 'Assignee', 'SLA', 'Last message'])

    const [premium, warning, breached, paused, met, unentitled] = rows(wrapper)
    expect(premium!.text()).toContain('CT-000007')
    expect(premium!.text()).toContain('Dashboards are blank')
    expect(premium!.text()).toContain('Acme Analytics')
    expect(premium!.text()).toContain('Eli Engineer (you)')
    expect(premium!.get('a').attributes('href')).toBe('/tickets/ticket-7')
    // Premium stands out: a marked row and a filled badge.
    expect(premium!.classes()).toContain('is-premium')
    expect(premium!.get('[data-testid="plan-badge"]').classes()).toContain('ticket-plan__badge--premium')
    expect(premium!.get('[data-testid="plan-badge"]').text()).toContain('Premium')
    expect(warning!.classes()).not.toContain('is-premium')
    expect(warning!.get('[data-testid="plan-badge"]').text()).toBe('Standard')

    const countdown = (row: typeof premium) => row!.get('[data-testid="sla-countdown"]')
    expect(countdown(premium).text()).toBe('First response: 2h 10m of business time left')
    expect(countdown(warning).text()).toBe('First response: at risk, 25m of business time left')
    expect(countdown(warning).classes()).toContain('cv-sla--warning')
    expect(warning!.classes()).toContain('is-at-risk')
    expect(countdown(breached).text()).toBe('First response: overdue by 35m')
    expect(countdown(breached).classes()).toContain('cv-sla--danger')
    expect(breached!.classes()).toContain('is-breached')
    expect(countdown(paused).text()).toBe('Resolution: paused')
    expect(paused!.text()).toContain('Waiting on customer')
    expect(countdown(met).text()).toBe('Resolution: met')
    expect(countdown(met).classes()).toContain('cv-sla--success')
    expect(unentitled!.text()).toContain('No SLA clock')
    expect(unentitled!.text()).toContain('Unassigned')

    // Times in the viewer's zone, named.
    expect(premium!.find('time').text()).toBe('Today, 07:00')
    // The latest message, shortened, with who wrote it; an internal note says so.
    expect(premium!.get('[data-testid="last-message"]').text()).toBe('Alex Rivera: The export stops at 10,000 rows.')
    expect(warning!.get('[data-testid="last-message"]').text()).toBe('Eli Engineer (internal note): Asked for the export log.')
    expect(wrapper.text()).toContain('Times are in your time zone, America/Los_Angeles, PST (UTC−8).')
  })

  it('switches queues with the tabs and keeps the filters, live on the new desk', async () => {
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: 'pending',
      TicketQueue: { data: ticketConnection([ticket(1)]) },
    })
    const { wrapper, router } = await mountApp(client, '/tickets?plan=PREMIUM')

    await wrapper.findAll('[data-testid="queue-tabs"] a').find((a) => a.text() === 'UK desk')!.trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ plan: 'PREMIUM', queue: 'uk' })
    expect(sent('TicketQueue').at(-1)!.variables).toMatchObject({ desk: 'UK', plan: 'PREMIUM' })
    expect(sent('TicketQueueChanged').at(-1)!.variables).toEqual({ desk: 'UK' })

    await wrapper.findAll('[data-testid="queue-tabs"] a').find((a) => a.text() === 'Mine')!.trigger('click')
    await settle()
    expect(sent('TicketQueue').at(-1)!.variables).toMatchObject({ desk: null, mine: true })
    // "Mine" is one person's queue already: no assignee filter there.
    expect(wrapper.find('select[name="assignee"]').exists()).toBe(false)

    await wrapper.findAll('[data-testid="queue-tabs"] a').find((a) => a.text() === 'All open')!.trigger('click')
    await settle()
    expect(sent('TicketQueue').at(-1)!.variables).toMatchObject({ desk: null, mine: null })
    expect(sent('TicketQueueChanged').at(-1)!.variables).toEqual({ desk: null })
  })

  it('keeps the filters and the order in the URL', async () => {
    const { client, sent } = mockClient({
      AdminViewer: { data: { viewer: adminViewer } },
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: 'pending',
      TicketQueue: { data: ticketConnection([]) },
    })
    const { wrapper, router } = await mountApp(
      client,
      '/tickets?status=WAITING_ON_CUSTOMER&plan=PREMIUM&category=BUG&scope=NEEDS_REVIEW&assignee=unassigned&risk=1&order=activity',
    )

    // An admin has no desk: every open ticket.
    expect(wrapper.get('[data-testid="queue-tabs"] [aria-current="page"]').text()).toBe('All open')
    expect(sent('TicketQueue')[0]!.variables).toMatchObject({
      desk: null,
      statuses: ['WAITING_ON_CUSTOMER'],
      plan: 'PREMIUM',
      category: 'BUG',
      scope: 'NEEDS_REVIEW',
      unassigned: true,
      atRisk: true,
      order: 'RECENT_ACTIVITY',
    })
    expect((wrapper.get('select[name="plan"]').element as HTMLSelectElement).value).toBe('PREMIUM')
    expect((wrapper.get('input[name="risk"]').element as HTMLInputElement).checked).toBe(true)
    expect(wrapper.get('.cv-state--empty').text()).toContain('No tickets match these filters')

    await wrapper.get('select[name="assignee"]').setValue('mine')
    await settle()
    expect(router.currentRoute.value.query.assignee).toBe('mine')
    expect(sent('TicketQueue').at(-1)!.variables).toMatchObject({ mine: true, unassigned: null })

    await buttonNamed(wrapper, 'Clear filters')!.trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ order: 'activity' })
    expect(sent('TicketQueue').at(-1)!.variables).toMatchObject({
      statuses: ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED'],
      plan: null,
      atRisk: null,
    })
  })

  it('says when a queue is clear, and shows a friendly error with a retry after a quiet second try', async () => {
    let calls = 0
    const { client } = mockClient({
      AdminViewer: engineer,
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: 'pending',
      TicketQueue: () => (++calls <= 2 ? { errors: [{ message: 'Unexpected error.' }] } : { data: ticketConnection([]) }),
    })
    const { wrapper } = await mountApp(client, '/tickets')
    // A failed first load is tried once more, quietly, before the page says so.
    await new Promise((resolve) => setTimeout(resolve, 900))
    await settle()
    expect(calls).toBe(2)

    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('The queue could not be loaded')
    expect(error.text()).not.toContain('Unexpected error.')
    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.get('.cv-state--empty').text()).toContain('The Pacific desk queue is clear')
  })

  it('loads the next page after the last cursor with "Load more"', async () => {
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: 'pending',
      TicketQueue: (op) =>
        op.variables?.after
          ? { data: ticketConnection([ticket(3)], false, 'cursor-3') }
          : { data: ticketConnection([ticket(1), ticket(2)], true, 'cursor-2') },
    })
    const { wrapper } = await mountApp(client, '/tickets')
    expect(rows(wrapper)).toHaveLength(2)

    await buttonNamed(wrapper, 'Load more')!.trigger('click')
    await settle()
    expect(sent('TicketQueue').at(-1)!.variables).toMatchObject({ after: 'cursor-2', first: 25, desk: 'PACIFIC' })
    expect(rows(wrapper).map((r) => r.get('th a').text())).toEqual(['CT-000001: Question 1', 'CT-000002: Question 2', 'CT-000003: Question 3'])
    expect(buttonNamed(wrapper, 'Load more')).toBeUndefined()
  })

  it('changes without a reload when a ticket of the desk changes', async () => {
    vi.useRealTimers()
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date('2026-11-26T16:00:00Z') })
    let emit: ((value: { data: unknown }) => void) | undefined
    let queue = [ticket(1), ticket(2)]
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: () => new Promise((resolve) => (emit = resolve)),
      TicketQueue: () => ({ data: ticketConnection(queue) }),
    })
    const { wrapper } = await mountApp(client, '/tickets')
    expect(rows(wrapper)).toHaveLength(2)

    // A premium ticket arrives: the queue re-reads the rows shown and it goes to the top.
    const arrived = ticket(9, { plan: 'PREMIUM', subject: 'Urgent: tracking stopped' })
    queue = [arrived, ...queue]
    emit!({ data: { queueChanged: arrived } })
    await settle()
    await vi.advanceTimersByTimeAsync(400)
    await settle()

    expect(sent('TicketQueue')).toHaveLength(2)
    expect(sent('TicketQueue')[1]!.variables).toMatchObject({ desk: 'PACIFIC', first: 25 })
    const first = rows(wrapper)[0]!
    expect(first.text()).toContain('Urgent: tracking stopped')
    expect(first.classes()).toContain('is-premium')
    expect(first.classes()).toContain('is-changed')
  })

  it('re-reads the queue when a change arrives that could not be read in full', async () => {
    vi.useRealTimers()
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date('2026-11-26T16:00:00Z') })
    let emit: ((value: { errors: { message: string }[] }) => void) | undefined
    let queue = [ticket(1)]
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: () => new Promise((resolve) => (emit = resolve)),
      TicketQueue: () => ({ data: ticketConnection(queue) }),
    })
    const { wrapper } = await mountApp(client, '/tickets')
    queue = [ticket(2, { plan: 'PREMIUM' }), ...queue]
    emit!({ errors: [{ message: 'Unexpected error.' }] })
    await settle()
    await vi.advanceTimersByTimeAsync(400)
    await settle()

    expect(sent('TicketQueue')).toHaveLength(2)
    expect(rows(wrapper)).toHaveLength(2)
    // A failed event is not a failed connection: no "Reconnecting…".
    expect(wrapper.get('.ticket-live').text()).toBe('Live')
  })

  it('filters by a member of the team', async () => {
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      TicketCategories: categories,
      TicketStaff: staffReply,
      TicketQueueChanged: 'pending',
      TicketQueue: { data: ticketConnection([]) },
    })
    const { wrapper, router } = await mountApp(client, '/tickets?queue=all')

    const options = wrapper.get('select[name="assignee"]').findAll('option').map((o) => o.text())
    expect(options).toEqual(['Anyone or no one', 'Unassigned', 'Assigned to me', 'Assigned to Ada Admin', 'Assigned to Harriet Hughes'])
    await wrapper.get('select[name="assignee"]').setValue('U3RhZmZVc2VyOmhhcnJpZXQ=')
    await settle()
    expect(router.currentRoute.value.query.assignee).toBe('U3RhZmZVc2VyOmhhcnJpZXQ=')
    expect(sent('TicketQueue').at(-1)!.variables).toMatchObject({ assigneeId: 'U3RhZmZVc2VyOmhhcnJpZXQ=', mine: null, unassigned: null })
  })
})
