import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mockClient } from '../../../test/mockClient'
import { mountApp, settle } from '../../../test/mountApp'
import { connection, money, quote, signedIn } from './fixtures'
import { warmUpRoutes } from './warmUp'

beforeAll(() => warmUpRoutes(), 60_000)
afterEach(() => {
  document.body.innerHTML = ''
})

const requests = { data: connection('consultingRequests', []) }

describe('quote pipeline', () => {
  it('counts every quote by status with totals per currency, paging through all of them, and says what it counted', async () => {
    const page1 = [
      quote(5, { status: 'SENT', total: money(37500) }),
      quote(4, { status: 'SENT', currency: 'GBP', total: money(72000, 'GBP') }),
      quote(3, { status: 'ACCEPTED', total: money(60000), quotedMinutes: 150, loggedMinutes: 130 }),
    ]
    const page2 = [quote(2, { status: 'SENT', total: money(12550) }), quote(1, { status: 'DRAFT', total: money(15000) })]
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: (op) => ({ data: op.variables?.after ? connection('quotes', page2) : connection('quotes', page1, true, 'cursor-3') }),
      AdminQuotes: { data: connection('quotes', [...page1, ...page2]) },
      NewConsultingRequests: requests,
    })
    const { wrapper } = await mountApp(client, '/quotes')
    await settle()

    expect(sent('QuotePipeline').map((op) => op.variables)).toEqual([
      { first: 100, after: null },
      { first: 100, after: 'cursor-3' },
    ])
    const tiles = wrapper.findAll('[data-testid="pipeline-tile"]').map((t) => t.attributes('aria-label'))
    expect(tiles).toEqual([
      'Draft: 1 quote, $150.00',
      'Sent: 3 quotes, £720.00 and $500.50',
      'Accepted: 1 quote, $600.00',
      'Declined: 0 quotes',
      'Expired: 0 quotes',
      'Withdrawn: 0 quotes',
    ])
    expect(wrapper.findAll('[data-testid="pipeline-tile"]')[1]!.findAll('[data-testid="pipeline-total"]').map((t) => t.text())).toEqual([
      '£720.00',
      '$500.50',
    ])
    expect(wrapper.get('[data-testid="pipeline-coverage"]').text()).toBe('Counted from all 5 quotes.')

    const rows = wrapper.findAll('[data-testid="quote-row"]')
    expect(rows).toHaveLength(5)
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Quote', 'Customer', 'Ticket', 'Status', 'Total', 'Valid until'])
    expect(rows[0]!.text()).toContain('Q-2026-0005')
    expect(rows[0]!.text()).toContain('Acme Analytics')
    expect(rows[0]!.text()).toContain('CT-001001')
    expect(rows[0]!.text()).toContain('Sent')
    expect(rows[0]!.text()).toContain('$375.00')
    expect(rows[0]!.text()).toContain('26 Dec 2026')

    // Delivered against quoted: 130 of 150 minutes is past 80%, so the bar takes the warning colour.
    const delivered = wrapper.get('[data-testid="delivered-item"]')
    expect(delivered.text()).toContain('Q-2026-0003')
    const meter = delivered.get('[data-testid="progress-meter"]')
    expect(meter.attributes('data-tone')).toBe('warning')
    expect(meter.text()).toBe('2h 10m of 2h 30m delivered (86%)')
    expect(meter.get('[role="meter"]').attributes('aria-valuetext')).toBe('2h 10m of 2h 30m delivered (86%)')
  })

  it('says when the figures cover only the newest quotes', async () => {
    const { client } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: (op) => ({ data: connection('quotes', [quote(Number(op.variables?.after ?? 0) + 1)], true, String(Number(op.variables?.after ?? 0) + 1)) }),
      AdminQuotes: { data: connection('quotes', [quote(1)]) },
      NewConsultingRequests: requests,
    })
    const { wrapper } = await mountApp(client, '/quotes')
    await settle(30)
    expect(wrapper.get('[data-testid="pipeline-coverage"]').text()).toBe('Counted from the newest 20 quotes only; older quotes are not in these figures.')
  })

  it('filters the table by status in the URL', async () => {
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: { data: connection('quotes', [quote(1, { status: 'SENT' })]) },
      AdminQuotes: (op) => ({ data: connection('quotes', op.variables?.status === 'ACCEPTED' ? [] : [quote(1, { status: 'SENT' })]) }),
      NewConsultingRequests: requests,
    })
    const { wrapper, router } = await mountApp(client, '/quotes?status=SENT')
    expect(sent('AdminQuotes')[0]!.variables).toMatchObject({ status: 'SENT', first: 25 })
    expect(wrapper.get('#qp-list-title').text()).toBe('Sent quotes')
    expect(wrapper.get('a[aria-current="true"]').text()).toContain('Sent')

    await wrapper.get('select[name="status"]').setValue('ACCEPTED')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ status: 'ACCEPTED' })
    expect(sent('AdminQuotes').at(-1)!.variables).toMatchObject({ status: 'ACCEPTED' })
    expect(wrapper.get('.cv-state--empty').text()).toContain('No accepted quotes')
  })

  it('shows loading and error states', async () => {
    const loading = mockClient({ AdminViewer: signedIn, QuotePipeline: 'pending', AdminQuotes: 'pending', NewConsultingRequests: 'pending' })
    const first = await mountApp(loading.client, '/quotes')
    expect(first.wrapper.get('.cv-state--loading').text()).toContain('Loading quotes…')
    expect(first.wrapper.get('[data-testid="pipeline-coverage"]').text()).toContain('Counting…')
    first.wrapper.unmount()
    document.body.innerHTML = ''

    const failing = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: { errors: [{ message: 'Unexpected error.' }] },
      AdminQuotes: { errors: [{ message: 'Unexpected error.' }] },
      NewConsultingRequests: requests,
    })
    const second = await mountApp(failing.client, '/quotes')
    expect(second.wrapper.get('.cv-state--error').text()).toContain('Quotes could not be loaded')
    expect(second.wrapper.text()).toContain('The pipeline could not be counted')
  })

  it('lists new consulting requests with a way to draft a quote', async () => {
    const { client } = mockClient({
      AdminViewer: signedIn,
      QuotePipeline: { data: connection('quotes', []) },
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
