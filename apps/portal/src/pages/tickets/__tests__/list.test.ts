import { describe, expect, it } from 'vitest'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'
import { liveClient } from './liveClient'
import { categories, page, signedIn, target, ticket, ticketViewer } from './fixtures'
import { browser, useTicketTestClock } from './setup'

useTicketTestClock()

const statusesOf = (op: { variables: unknown }) => ((op.variables as { statuses?: string[] }).statuses ?? []).join(',')

const waitingTicket = ticket({
  id: 'VGlja2V0OjI=',
  number: 'CT-000102',
  subject: 'Which report shows campaign visits?',
  status: 'WAITING_ON_CUSTOMER',
  statusLabel: 'Waiting on customer',
  waitingOnCustomer: true,
  paused: true,
  firstResponse: target('GUARANTEE', '2026-11-25T15:00:00.000Z', 'MET', '2026-11-25T14:32:00.000Z', null),
  resolution: target('GOAL', '2026-11-27T16:00:00.000Z', 'PAUSED', null, null),
})
const colleagueTicket = ticket({
  id: 'VGlja2V0OjM=',
  number: 'CT-000099',
  subject: 'License key for the new server',
  plan: 'STANDARD',
  requester: { __typename: 'Contact', id: 'Q29udGFjdDoy', name: 'Sam Okafor' },
  // 01:00 UTC on the 26th is 18:00 on the 25th in Denver.
  firstResponse: target('GOAL', '2026-11-26T01:00:00.000Z'),
})

describe('tickets list', () => {
  it('shows tickets waiting on the contact first, with a distinct badge, and due times in their time zone', async () => {
    const { client, sent } = liveClient({
      PortalViewer: signedIn,
      PortalTicketViewer: ticketViewer(),
      PortalTickets: (op) => (statusesOf(op) === 'WAITING_ON_CUSTOMER' ? page([waitingTicket]) : page([ticket(), colleagueTicket])),
    })
    const { wrapper } = await mountApp(client, '/tickets')

    expect(wrapper.get('h1').text()).toBe('Tickets')
    expect(document.title).toBe('Tickets · Covered Support')
    expect(sent('PortalTickets').map((op) => op.variables)).toEqual([
      { statuses: ['WAITING_ON_CUSTOMER'], first: 20, after: null },
      { statuses: ['NEW', 'OPEN', 'ESCALATED', 'RESOLVED', 'CLOSED'], first: 20, after: null },
    ])
    expect(sent('PortalTickets')[0]!.query.loc?.source.body).toContain('order: RECENT_ACTIVITY')

    const sections = wrapper.findAll('section.tk-section')
    expect(sections.map((s) => s.get('h2').text())).toEqual(['Waiting on you 1', 'Other tickets 2'])
    const waiting = wrapper.get('[data-testid="tickets-waiting"] [data-testid="ticket-row"]')
    expect(waiting.get('[data-testid="waiting-badge"]').text()).toBe('● Waiting on you')
    expect(waiting.text()).toContain('CT-000102')
    expect(waiting.text()).toContain('Support needs your answer to continue.')
    expect(waiting.text()).toContain('First response: met at 07:32 today')
    expect(waiting.text()).toContain('Resolution: paused')

    const rows = wrapper.findAll('[data-testid="tickets-others"] [data-testid="ticket-row"]')
    expect(rows.map((r) => r.attributes('data-ticket-number'))).toEqual(['CT-000101', 'CT-000099'])
    expect(rows[0]!.find('[data-testid="waiting-badge"]').exists()).toBe(false)
    expect(rows[0]!.get('[data-testid="ticket-status"]').text()).toBe('Open')
    expect(rows[0]!.text()).toContain('opened by you')
    expect(rows[0]!.text()).toContain('First response: guaranteed by Wed 25 Nov, 13:00')
    expect(rows[1]!.text()).toContain('opened by Sam Okafor')
    expect(rows[1]!.text()).toContain('First response: expected by Wed 25 Nov, 18:00')
    expect(rows[0]!.get('a').attributes('href')).toBe('/tickets/VGlja2V0OjE=')
    expect(wrapper.get('[data-testid="time-zone"]').text()).toBe('Times are in Mountain Time (America/Denver).')
  })

  it("uses the browser's time zone when the contact has none, and names it", async () => {
    browser.zone = 'Europe/London'
    const { client } = liveClient({
      PortalViewer: signedIn,
      PortalTicketViewer: ticketViewer({ timeZone: null }),
      PortalTickets: (op) => (statusesOf(op) === 'WAITING_ON_CUSTOMER' ? page([]) : page([ticket()])),
    })
    const { wrapper } = await mountApp(client, '/tickets')

    expect(wrapper.get('[data-testid="time-zone"]').text()).toBe('Times are in United Kingdom Time (Europe/London).')
    expect(wrapper.get('[data-testid="ticket-row"]').text()).toContain('First response: guaranteed by Wed 25 Nov, 20:00')
    expect(wrapper.findAll('section.tk-section').map((s) => s.get('h2').text())).toEqual(['All tickets 1'])
  })

  it('shows an empty state that invites the contact to open a ticket', async () => {
    const { client } = liveClient({
      PortalViewer: signedIn,
      PortalTicketViewer: ticketViewer(),
      PortalTickets: page([]),
      PortalTicketCategories: categories,
      PortalTicketSlaPreview: 'pending',
    })
    const { wrapper, router } = await mountApp(client, '/tickets')

    const empty = wrapper.get('[data-testid="tickets-empty"]')
    expect(empty.text()).toContain('No tickets yet')
    await empty.get('a').trigger('click')
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/tickets/new')
    expect(wrapper.get('h1').text()).toBe('Open a ticket')
  })

  it('loads more with the keyset cursor and keeps what is shown', async () => {
    const { client, sent } = liveClient({
      PortalViewer: signedIn,
      PortalTicketViewer: ticketViewer(),
      PortalTickets: (op) => {
        const v = op.variables as { statuses: string[]; after: string | null }
        if (v.statuses[0] === 'WAITING_ON_CUSTOMER') return page([])
        return v.after === 'cursor-1' ? page([colleagueTicket], false, 'cursor-2') : page([ticket()], true, 'cursor-1')
      },
    })
    const { wrapper } = await mountApp(client, '/tickets')

    expect(wrapper.findAll('[data-testid="ticket-row"]')).toHaveLength(1)
    const more = wrapper.findAll('button').find((b) => b.text() === 'Load more')!
    await more.trigger('click')
    await settle()
    expect(sent('PortalTickets').at(-1)!.variables).toEqual({ statuses: ['NEW', 'OPEN', 'ESCALATED', 'RESOLVED', 'CLOSED'], first: 20, after: 'cursor-1' })
    expect(wrapper.findAll('[data-testid="ticket-row"]').map((r) => r.attributes('data-ticket-number'))).toEqual(['CT-000101', 'CT-000099'])
    expect(wrapper.findAll('button').some((b) => b.text() === 'Load more')).toBe(false)
  })

  it('shows loading, then an error with a retry that recovers', async () => {
    let release: (() => void) | undefined
    let calls = 0
    const { client } = liveClient({
      PortalViewer: signedIn,
      PortalTicketViewer: ticketViewer(),
      PortalTickets: (op) => {
        if (statusesOf(op) === 'WAITING_ON_CUSTOMER') return page([])
        if (++calls === 1) return new Promise((resolve) => (release = () => resolve({ errors: [{ message: 'Unexpected error.' }] })))
        return page([ticket()])
      },
    })
    const { wrapper } = await mountApp(client, '/tickets')
    expect(wrapper.get('.cv-state--loading').text()).toContain('Loading your tickets…')

    release!()
    await settle()
    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('Your tickets could not be loaded')
    expect(error.text()).not.toContain('Unexpected error.')
    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.findAll('[data-testid="ticket-row"]')).toHaveLength(1)
  })

  it('tells staff that the portal is for customer contacts, and loads no tickets for them', async () => {
    const staff = { data: { viewer: staffViewer } }
    const { client, sent } = liveClient({ PortalViewer: staff, PortalTicketViewer: staff })
    const { wrapper } = await mountApp(client, '/tickets')
    expect(wrapper.get('[data-testid="staff-notice"]').text()).toContain('This portal is for customer contacts')
    expect(sent('PortalTickets')).toHaveLength(0)
  })

  it('is in the main menu', async () => {
    const { client } = liveClient({ PortalViewer: signedIn, PortalTicketViewer: ticketViewer(), PortalTickets: page([]), PortalOrganisation: signedIn })
    const { wrapper } = await mountApp(client, '/tickets')
    const link = wrapper.findAll('nav a').find((a) => a.text() === 'Tickets')!
    expect(link.attributes('href')).toBe('/tickets')
    expect(link.classes()).toContain('router-link-active')
  })
})
