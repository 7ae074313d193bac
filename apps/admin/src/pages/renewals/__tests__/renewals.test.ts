import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'

const viewer = { data: { viewer: staffViewer } }

function money(amount: string, currency: string, formatted: string) {
  return { __typename: 'Money', amount, currency, formatted }
}

function item(n: number, customerName: string, endsOn: string, fee: ReturnType<typeof money>, kind = 'MAINTENANCE') {
  return {
    __typename: 'RenewalDue',
    endsOn,
    renewalFee: fee,
    contract: {
      __typename: 'Contract',
      id: `Q29udHJhY3Q6${n}`,
      kind,
      status: 'EXPIRING',
      customer: { __typename: 'Customer', id: `Q3VzdG9tZXI6${n}`, name: customerName, homeDesk: 'UK' },
    },
  }
}

function due(withinDays: number, items: ReturnType<typeof item>[], totals: ReturnType<typeof money>[]) {
  return { data: { renewalsDue: { __typename: 'RenewalsDue', withinDays, items, totals } } }
}

describe('renewals due', { timeout: 20_000 }, () => {
  it('lists renewals with customer, contract kind, end date and fee, and the totals per currency', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      RenewalsDue: due(
        90,
        [
          item(1, 'Northwind Traders Ltd', '2026-12-30', money('2400.00', 'GBP', '£2,400.00')),
          item(2, 'Acme Analytics', '2027-01-15', money('1485.00', 'USD', '$1,485.00'), 'PREMIUM_SUPPORT'),
        ],
        [money('2400.00', 'GBP', '£2,400.00'), money('1485.00', 'USD', '$1,485.00')],
      ),
    })
    const { wrapper } = await mountApp(client, '/renewals')

    expect(sent('RenewalsDue')[0]!.variables).toEqual({ withinDays: 90 })
    expect(wrapper.get('h1').text()).toBe('Renewals')
    const headers = wrapper.findAll('thead th').map((th) => th.text())
    expect(headers).toEqual(['Customer', 'Contract', 'Ends on', 'Renewal fee'])
    const rows = wrapper.findAll('[data-testid="renewal-row"]')
    expect(rows[0]!.text()).toContain('Northwind Traders Ltd')
    expect(rows[0]!.text()).toContain('Maintenance')
    expect(rows[0]!.text()).toContain('30 Dec 2026')
    expect(rows[0]!.text()).toContain('£2,400.00')
    expect(rows[1]!.text()).toContain('Premium Support')
    expect(rows[0]!.get('a').attributes('href')).toBe('/customers/Q3VzdG9tZXI61#contracts')
    const totals = wrapper.findAll('[data-testid="renewal-total"]').map((t) => t.text())
    expect(totals).toEqual([expect.stringMatching(/GBP.*£2,400\.00/), expect.stringMatching(/USD.*\$1,485\.00/)])
    expect(wrapper.find('a[href="/renewals"]').classes()).toContain('router-link-active')
  })

  it('switches between 30, 60 and 90 days, kept in the URL', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      RenewalsDue: (op) => due(op.variables!.withinDays as number, [], []),
    })
    const { wrapper, router } = await mountApp(client, '/renewals?within=60')
    expect(sent('RenewalsDue')[0]!.variables).toEqual({ withinDays: 60 })
    expect((wrapper.get('input[value="60"]').element as HTMLInputElement).checked).toBe(true)

    await wrapper.get('input[value="30"]').setValue(true)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ within: '30' })
    expect(sent('RenewalsDue').at(-1)!.variables).toEqual({ withinDays: 30 })
    expect(wrapper.get('.cv-state--empty').text()).toContain('No renewals due in the next 30 days')
  })

  it('shows a loading state, then a friendly error with a retry', async () => {
    let release: (() => void) | undefined
    let calls = 0
    const { client } = mockClient({
      AdminViewer: viewer,
      RenewalsDue: () => {
        calls++
        if (calls === 1) return new Promise((resolve) => (release = () => resolve({ errors: [{ message: 'Unexpected error.' }] })))
        return due(90, [], [])
      },
    })
    const { wrapper } = await mountApp(client, '/renewals')
    expect(wrapper.get('.cv-state--loading').text()).toContain('Loading renewals…')
    release!()
    await settle()
    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('Renewals could not be loaded')
    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.get('.cv-state--empty').text()).toContain('No renewals due in the next 90 days')
  })
})
