import { describe, expect, it } from 'vitest'
import { mockClient, type Reply } from '@covered/ui/testing'
import { contactViewer, mountApp, settle, staffViewer } from '../../../test/mountApp'

const summaryRow = (month: string | null, target: string, kind: string, met: number, breached: number, medianHours: number | null) => ({
  __typename: 'SlaSummaryRow',
  month,
  target,
  kind,
  met,
  breached,
  open: 0,
  rate: met + breached ? met / (met + breached) : null,
  measured: met + breached,
  medianHours,
  p90Hours: medianHours,
})

const ticket = (n: number, firstResponseHours: number | null, frState: string, resolutionHours: number | null, resState: string) => ({
  __typename: 'ReportTicket',
  firstResponseHours,
  resolutionHours,
  ticket: {
    __typename: 'Ticket',
    id: `VGlja2V0Oj${n}`,
    number: `CT-00${1000 + n}`,
    subject: `Question ${n}`,
    plan: 'PREMIUM',
    receivedAt: '2026-11-20T17:00:00.000Z',
    firstResponse: { __typename: 'SlaTarget', kind: 'GUARANTEE', state: frState, dueAt: '2026-11-20T21:00:00.000Z' },
    resolution: { __typename: 'SlaTarget', kind: 'GOAL', state: resState, dueAt: '2026-11-24T17:00:00.000Z' },
  },
})

function replies(): Record<string, Reply> {
  return {
    PortalViewer: { data: { viewer: contactViewer } },
    MySlaSummary: {
      data: {
        slaSummary: {
          __typename: 'QuerySlaSummarySuccess',
          summary: {
            __typename: 'SlaSummary',
            byMonth: [summaryRow('2026-11', 'FIRST_RESPONSE', 'GUARANTEE', 3, 1, 2.5)],
            overall: [summaryRow(null, 'FIRST_RESPONSE', 'GUARANTEE', 3, 1, 2.5)],
          },
        },
      },
    },
    MyResponseTimes: {
      data: { responseTimes: { __typename: 'QueryResponseTimesSuccess', buckets: [{ __typename: 'DurationBucket', target: 'FIRST_RESPONSE', fromHours: 0, toHours: 1, count: 4 }] } },
    },
    MyReportTickets: {
      data: {
        reportTickets: {
          __typename: 'QueryReportTicketsSuccess',
          data: {
            __typename: 'QueryReportTicketsConnection',
            edges: [
              { __typename: 'QueryReportTicketsConnectionEdge', node: ticket(1, 5.25, 'BREACHED', null, 'RUNNING') },
              { __typename: 'QueryReportTicketsConnectionEdge', node: ticket(2, 0.5, 'MET', 6, 'MET') },
            ],
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c2' },
          },
        },
      },
    },
  }
}

describe('the service report', { timeout: 30_000 }, () => {
  it('shows the organisation’s targets met per month and each ticket’s times against its targets, for whole months', async () => {
    const { client, sent } = mockClient(replies())
    const { wrapper, router } = await mountApp(client, '/report?months=3')

    const filter = (sent('MySlaSummary')[0]!.variables as { filter: { from: string; to: string } }).filter
    expect(filter.from).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000Z$/)
    expect(Object.keys(filter)).toEqual(['from', 'to']) // the API limits it to the contact's organisation
    expect(wrapper.get('h1').text()).toBe('Service report')
    expect(wrapper.text()).toContain('How quickly Acme Analytics has been answered')

    const targets = wrapper.get('[data-testid="my-report-targets"]')
    expect(targets.text()).toContain('First response (premium guarantee)')
    expect(targets.text()).toContain('75%')
    expect(targets.get('caption').text()).toContain('targets met and missed per month')

    const rows = wrapper.get('[data-testid="my-report-tickets"]').findAll('tbody tr')
    const cells = rows.map((r) => r.findAll('th, td').map((c) => c.text().replace(/\s+/g, ' ').trim()))
    expect(cells.map((c) => [c[0], c[2], c[3], c[4]])).toEqual([
      ['CT-001001: Question 1', 'Premium', '5.3 h Missed', 'not yet Running'],
      ['CT-001002: Question 2', 'Premium', '0.5 h Met', '6 h Met'],
    ])
    expect(rows[0]!.get('a').attributes('href')).toBe('/tickets/VGlja2V0Oj1')

    await wrapper.get('input[value="12"]').setValue(true)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ months: '12' })
    expect(sent('MySlaSummary').length).toBeGreaterThan(1)
  })

  it('tells staff the portal is for customer contacts instead of reporting on everyone', async () => {
    const { client, sent } = mockClient({ ...replies(), PortalViewer: { data: { viewer: staffViewer } } })
    const { wrapper } = await mountApp(client, '/report')
    expect(wrapper.get('[data-testid="staff-notice"]').text()).toContain('This portal is for customer contacts')
    expect(sent('MySlaSummary')).toHaveLength(0)
    expect(sent('MyReportTickets')).toHaveLength(0)
  })
})
