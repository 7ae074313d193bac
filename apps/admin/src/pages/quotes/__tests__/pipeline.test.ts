import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'
import { connection, money, quote, signedIn } from './fixtures'
import { warmUpRoutes } from './warmUp'

beforeAll(() => warmUpRoutes(), 60_000)
afterEach(() => {
  document.body.innerHTML = ''
})

const requests = { data: connection('consultingRequests', []) }

const row = (status: string, currency: string, count: number, totalMinor: number, quotedMinutes = 0, loggedMinutes = 0) => ({
  __typename: 'QuotePipelineRow',
  status,
  currency,
  count,
  totalMinor,
  quotedMinutes,
  loggedMinutes,
})
const pipeline = (rows: ReturnType<typeof row>[]) => ({ data: { quotePipeline: { __typename: 'QueryQuotePipelineSuccess', rows } } })

describe('quote pipeline', () => {
  it('shows the API’s counts and totals per status and currency for the period, and hours delivered against quoted', async () => {
    const table = [
      quote(5, { status: 'SENT', total: money(37500) }),
      quote(4, { status: 'SENT', currency: 'GBP', total: money(72000, 'GBP') }),
      quote(3, { status: 'ACCEPTED', total: money(60000), quotedMinutes: 150, loggedMinutes: 130 }),
    ]
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: pipeline([
        row('ACCEPTED', 'USD', 2, 90000, 270, 130),
        row('ACCEPTED', 'GBP', 1, 24000, 120, 120),
        row('DRAFT', 'USD', 1, 15000, 60),
        row('SENT', 'USD', 2, 50050, 200),
        row('SENT', 'GBP', 1, 72000),
      ]),
      AdminQuotes: (op) => ({ data: connection('quotes', op.variables?.status === 'ACCEPTED' ? [table[2]] : table) }),
      NewConsultingRequests: requests,
    })
    const { wrapper } = await mountApp(client, '/quotes')
    await settle()

    // One request for the whole pipeline, over the last 12 months up to a minute from now; no quote is read to count.
    const asked = sent('QuotePipeline')
    expect(asked).toHaveLength(1)
    const { from, to } = asked[0]!.variables as { from: string; to: string }
    expect(Date.parse(to) - Date.parse(from)).toBe(365 * 86_400_000)
    expect(Math.abs(Date.parse(to) - Date.now() - 60_000)).toBeLessThan(5_000)
    expect(sent('AdminQuotes').map((op) => op.variables?.first)).not.toContain(100)

    const tiles = wrapper.findAll('[data-testid="pipeline-tile"]').map((t) => t.attributes('aria-label'))
    expect(tiles).toEqual([
      'Draft: 1 quote, $150.00',
      'Sent: 3 quotes, £720.00 and $500.50',
      'Accepted: 3 quotes, £240.00 and $900.00',
      'Declined: 0 quotes',
      'Expired: 0 quotes',
      'Withdrawn: 0 quotes',
    ])
    expect(wrapper.findAll('[data-testid="pipeline-tile"]')[1]!.findAll('[data-testid="pipeline-total"]').map((t) => t.text())).toEqual([
      '£720.00',
      '$500.50',
    ])
    expect(wrapper.get('[data-testid="pipeline-coverage"]').text()).toBe('Quotes created in the last 12 months, by status, with totals per currency.')

    const rows = wrapper.findAll('[data-testid="quote-row"]')
    expect(rows).toHaveLength(3)
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Quote', 'Customer', 'Ticket', 'Status', 'Total', 'Valid until'])
    expect(rows[0]!.text()).toContain('Q-2026-0005')
    expect(rows[0]!.text()).toContain('Acme Analytics')
    expect(rows[0]!.text()).toContain('CT-001001')
    expect(rows[0]!.text()).toContain('$375.00')
    expect(rows[0]!.text()).toContain('26 Dec 2026')

    // Delivered against quoted: all accepted quotes of the period (250 of 390 minutes), then each accepted quote.
    const overall = wrapper.get('[data-testid="delivered-overall"]')
    expect(overall.text()).toContain('All 3 accepted quotes created in the last 12 months')
    expect(overall.get('[data-testid="progress-meter"]').text()).toBe('4h 10m of 6h 30m delivered (64%)')
    expect(overall.get('[data-testid="progress-meter"]').attributes('data-tone')).toBe('success')
    const delivered = wrapper.get('[data-testid="delivered-item"]')
    expect(delivered.text()).toContain('Q-2026-0003')
    const meter = delivered.get('[data-testid="progress-meter"]')
    expect(meter.attributes('data-tone')).toBe('warning')
    expect(meter.text()).toBe('2h 10m of 2h 30m delivered (86%)')
    expect(meter.get('[role="meter"]').attributes('aria-valuetext')).toBe('2h 10m of 2h 30m delivered (86%)')
  })

  it('counts another period when asked, keeping it in the URL', async () => {
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: pipeline([row('SENT', 'USD', 1, 37500)]),
      AdminQuotes: { data: connection('quotes', [quote(1, { status: 'SENT' })]) },
      NewConsultingRequests: requests,
    })
    const { wrapper, router } = await mountApp(client, '/quotes?status=SENT')
    await wrapper.get('select[name="period"]').setValue('90')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ status: 'SENT', days: '90' })
    const { from, to } = sent('QuotePipeline').at(-1)!.variables as { from: string; to: string }
    expect(Date.parse(to) - Date.parse(from)).toBe(90 * 86_400_000)
    expect(wrapper.get('[data-testid="pipeline-coverage"]').text()).toContain('in the last 90 days')
    // A tile keeps the period when it filters the table.
    const accepted = wrapper.findAll('[data-testid="pipeline-tile"]')[2]!
    expect(accepted.attributes('href')).toBe('/quotes?status=ACCEPTED&days=90')
  })

  it('filters the table by status in the URL', async () => {
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: pipeline([row('SENT', 'USD', 1, 37500)]),
      AdminQuotes: (op) => ({ data: connection('quotes', op.variables?.status === 'ACCEPTED' ? [] : [quote(1, { status: 'SENT' })]) }),
      NewConsultingRequests: requests,
    })
    const { wrapper, router } = await mountApp(client, '/quotes?status=SENT')
    expect(sent('AdminQuotes').map((op) => op.variables)).toContainEqual({ status: 'SENT', first: 25, after: null })
    expect(wrapper.get('#qp-list-title').text()).toBe('Sent quotes')
    expect(wrapper.get('a[aria-current="true"]').text()).toContain('Sent')

    await wrapper.get('select[name="status"]').setValue('ACCEPTED')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ status: 'ACCEPTED' })
    expect(sent('AdminQuotes').filter((op) => op.variables?.status === 'ACCEPTED').length).toBeGreaterThan(0)
    expect(wrapper.get('.cv-state--empty').text()).toContain('No accepted quotes')
  })

  it('shows loading and error states', async () => {
    const loading = mockClient({ AdminViewer: signedIn, QuotePipeline: 'pending', AdminQuotes: 'pending', NewConsultingRequests: 'pending' })
    const first = await mountApp(loading.client, '/quotes')
    expect(first.wrapper.get('.cv-state--loading').text()).toContain('Loading quotes…')
    expect(first.wrapper.get('[data-testid="pipeline-coverage"]').text()).toContain('Counting…')
    expect(first.wrapper.text()).toContain('Loading accepted quotes…')
    first.wrapper.unmount()
    document.body.innerHTML = ''

    const failing = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: { data: { quotePipeline: { __typename: 'ForbiddenError', message: 'Only staff see the services pipeline.' } } },
      AdminQuotes: { errors: [{ message: 'Unexpected error.' }] },
      NewConsultingRequests: requests,
    })
    const second = await mountApp(failing.client, '/quotes')
    expect(second.wrapper.get('.cv-state--error').text()).toContain('Quotes could not be loaded')
    expect(second.wrapper.text()).toContain('The pipeline could not be counted')
    expect(second.wrapper.text()).toContain('Only staff see the services pipeline.')
  })

  it('lists new consulting requests with a way to draft a quote', async () => {
    const { client } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: pipeline([]),
      AdminQuotes: { data: connection('quotes', []) },
      NewConsultingRequests: {
        data: connection('consultingRequests', [
          {
            __typename: 'ConsultingRequest',
            id: 'req-1',
            organisation: 'Harbour Lights',
            contactName: 'Mo Reed',
            email: 'mo@harbour.example',
            phone: null,
            message: 'We need help tracking affiliate sales.',
            status: 'NEW',
            createdAt: '2026-11-26T09:00:00.000Z',
            customer: { __typename: 'Customer', id: 'cust-9', name: 'Harbour Lights', status: 'PROSPECT' },
          },
        ]),
      },
    })
    const { wrapper } = await mountApp(client, '/quotes')
    expect(wrapper.get('.cv-state--empty').text()).toContain('No quotes yet')
    const request = wrapper.get('[data-testid="consulting-request"]')
    expect(request.text()).toContain('We need help tracking affiliate sales.')
    expect(request.get('a.cv-button').attributes('href')).toBe('/quotes/new?customerId=cust-9&consultingRequestId=req-1')
  })
})
