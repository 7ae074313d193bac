import type { Operation } from '@urql/vue'
import { describe, expect, it } from 'vitest'
import { mockClient, type Reply } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'

const viewer = { data: { viewer: staffViewer } }
const row = (month: string | null, target: string, kind: string, met: number, breached: number, open = 0) => ({
  __typename: 'SlaSummaryRow',
  month,
  target,
  kind,
  met,
  breached,
  open,
  rate: met + breached ? met / (met + breached) : null,
  measured: met + breached,
  medianHours: 1.5,
  p90Hours: 3,
})

function summary(rows: ReturnType<typeof row>[]): Reply {
  return {
    data: {
      slaSummary: {
        __typename: 'QuerySlaSummarySuccess',
        summary: { __typename: 'SlaSummary', byMonth: rows.filter((r) => r.month), overall: rows.filter((r) => !r.month) },
      },
    },
  }
}

const empty = {
  ReportResponseTimes: { data: { responseTimes: { __typename: 'QueryResponseTimesSuccess', buckets: [] } } },
  ReportAttainment: { data: { slaAttainment: { __typename: 'QuerySlaAttainmentSuccess', rows: [] } } },
  ReportScopeMix: {
    data: {
      scopeMix: {
        __typename: 'QueryScopeMixSuccess',
        mix: { __typename: 'ScopeMix', rows: [], total: { __typename: 'ScopeMixRow', inScope: 0, needsProfessionalServices: 0, needsReview: 0, total: 0 } },
      },
    },
  },
  ReportPipeline: { data: { quotePipeline: { __typename: 'QueryQuotePipelineSuccess', rows: [] } } },
  ReportBacklog: { data: { backlog: { __typename: 'QueryBacklogSuccess', rows: [] } } },
  ReportAtRisk: { data: { ticketsAtRisk: { __typename: 'QueryTicketsAtRiskSuccess', atRisk: { __typename: 'TicketsAtRisk', count: 0, breached: 0, tickets: [] } } } },
  ReportRenewals: { data: { renewalsOutlook: { __typename: 'QueryRenewalsOutlookSuccess', rows: [] } } },
} satisfies Record<string, Reply>

describe('the reports dashboard', { timeout: 30_000 }, () => {
  it('reads the filters from the URL and sends them to every report', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      ReportCustomer: { data: { customer: { __typename: 'Customer', id: 'Q3VzdG9tZXI6MQ==', name: 'Northwind Traders Ltd' } } },
      ReportSlaSummary: summary([row('2026-10', 'FIRST_RESPONSE', 'GUARANTEE', 7, 1), row(null, 'FIRST_RESPONSE', 'GUARANTEE', 7, 1)]),
      ...empty,
    })
    const { wrapper } = await mountApp(client, '/reports?from=2026-10-01&to=2026-10-31&desk=UK&plan=PREMIUM&customer=Q3VzdG9tZXI6MQ==')

    const filter = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', desk: 'UK', plan: 'PREMIUM', customerId: 'Q3VzdG9tZXI6MQ==' }
    expect(sent('ReportSlaSummary')[0]!.variables).toEqual({ filter })
    expect(sent('ReportScopeMix')[0]!.variables).toEqual({ filter })
    expect(sent('ReportBacklog')[0]!.variables).toEqual({ filter: { desk: 'UK', plan: 'PREMIUM', customerId: 'Q3VzdG9tZXI6MQ==' } })
    expect((wrapper.get('input[name="from"]').element as HTMLInputElement).value).toBe('2026-10-01')
    expect((wrapper.get('select[name="desk"]').element as HTMLSelectElement).value).toBe('UK')
    expect(wrapper.get('[data-testid="customer-filter"]').text()).toContain('Northwind Traders Ltd')

    const sla = wrapper.get('[data-testid="report-sla"]')
    expect(sla.get('caption').text()).toContain('1 Oct 2026 – 31 Oct 2026')
    expect(sla.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((c) => c.text()))).toEqual([
      ['Oct 2026', 'First response (premium guarantee)', '7', '1', '0', '87.5%'],
    ])
    expect(sla.get('[data-testid="sla-tiles"]').text()).toContain('87.5%')
    expect(wrapper.get('[data-testid="report-backlog"]').text()).toContain('No open tickets')
    expect(document.title).toBe('Reports · Covered Admin')
  })

  it('writes a new date range to the URL, asks again, and says at once when the range is inverted', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      ReportSlaSummary: (op: Operation) =>
        summary((op.variables as { filter: { from: string } }).filter.from.startsWith('2026-01') ? [] : [row('2026-10', 'RESOLUTION', 'GOAL', 3, 1), row(null, 'RESOLUTION', 'GOAL', 3, 1)]),
      ...empty,
    })
    const { wrapper, router } = await mountApp(client, '/reports?from=2026-10-01&to=2026-10-31')
    expect(wrapper.get('[data-testid="report-sla"]').text()).toContain('75%')

    await wrapper.get('input[name="from"]').setValue('2026-01-01')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ from: '2026-01-01', to: '2026-10-31' })
    expect(sent('ReportSlaSummary').at(-1)!.variables).toMatchObject({ filter: { from: '2026-01-01T00:00:00.000Z' } })
    expect(wrapper.get('[data-testid="report-sla"]').text()).toContain('No tickets received in this range')

    const before = sent('ReportSlaSummary').length
    await wrapper.get('input[name="to"]').setValue('2025-12-01')
    await settle()
    expect(wrapper.get('input[name="to"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('The end of the range must come after its start.')
    expect(wrapper.get('[data-testid="report-sla"]').text()).toContain('Fix the date range above to see these figures.')
    expect(sent('ReportSlaSummary')).toHaveLength(before)
  })

  it('shows a failing report with a retry, and the others still', async () => {
    let fail = true
    const { client } = mockClient({
      AdminViewer: viewer,
      ReportSlaSummary: summary([row(null, 'FIRST_RESPONSE', 'GOAL', 1, 0), row('2026-11', 'FIRST_RESPONSE', 'GOAL', 1, 0)]),
      ...empty,
      ReportBacklog: () =>
        fail ? new Error('offline') : { data: { backlog: { __typename: 'QueryBacklogSuccess', rows: [{ __typename: 'BacklogRow', status: 'NEW', desk: 'UK', age: '<1d', count: 4 }] } } },
    })
    const { wrapper } = await mountApp(client, '/reports')
    const backlog = wrapper.get('[data-testid="report-backlog"]')
    expect(backlog.text()).toContain('Backlog could not be loaded')
    expect(wrapper.get('[data-testid="report-sla"]').find('table').exists()).toBe(true)

    fail = false
    await backlog.get('button.cv-button--secondary:not([disabled])').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="report-backlog"]').findAll('tbody tr').map((tr) => tr.text())).toEqual([expect.stringMatching(/^New\s*UK\s*4\s*0\s*0\s*0$/)])
  })

  it('is in the navigation', async () => {
    const { client } = mockClient({ AdminViewer: viewer, ReportSlaSummary: summary([]), ...empty })
    const { wrapper } = await mountApp(client, '/reports')
    expect(wrapper.get('a[href="/reports"]').classes()).toContain('router-link-active')
  })
})
