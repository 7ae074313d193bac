import { describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { connection, customer, mountApp, settle, staffViewer } from '../../../test/mountApp'

const viewer = { data: { viewer: staffViewer } }

describe('customer list', () => {
  it('shows a loading state while the first page is on its way', async () => {
    const { client } = mockClient({ AdminViewer: viewer, Customers: 'pending' })
    const { wrapper } = await mountApp(client, '/customers')

    const status = wrapper.get('.cv-state--loading')
    expect(status.attributes('role')).toBe('status')
    expect(status.text()).toContain('Loading customers…')
  })

  it('lists customers with their status, home desk, currency and creation date', async () => {
    const { client } = mockClient({
      AdminViewer: viewer,
      Customers: {
        data: connection([
          customer(1, { name: 'Acme Analytics', status: 'CUSTOMER', homeDesk: 'PACIFIC', currency: 'USD' }),
          customer(2, { name: 'Brightwater Ltd', homeDesk: 'UK', currency: 'GBP', createdAt: '2026-01-15T09:00:00Z' }),
        ]),
      },
    })
    const { wrapper } = await mountApp(client, '/customers')

    const headers = wrapper.findAll('thead th').map((th) => th.text())
    expect(headers).toEqual(['Name', 'Status', 'Home desk', 'Currency', 'Created'])
    const rows = wrapper.findAll('[data-testid="customer-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('Acme Analytics')
    expect(rows[0]!.text()).toContain('Customer')
    expect(rows[0]!.text()).toContain('Pacific')
    expect(rows[0]!.text()).toContain('USD')
    expect(rows[1]!.text()).toContain('Brightwater Ltd')
    expect(rows[1]!.text()).toContain('Prospect')
    expect(rows[1]!.text()).toContain('UK')
    expect(rows[1]!.text()).toContain('15 Jan 2026')
    expect(wrapper.findAll('button').some((b) => b.text() === 'Load more')).toBe(false) // one page only
  })

  it('says so when there are no customers yet, and offers to add one', async () => {
    const { client } = mockClient({ AdminViewer: viewer, Customers: { data: connection([]) } })
    const { wrapper } = await mountApp(client, '/customers')

    expect(wrapper.get('.cv-state--empty').text()).toContain('No customers yet')
    expect(wrapper.get('.cv-state--empty a').attributes('href')).toBe('/customers/new')
  })

  it('searches by name or email after a short pause, and says when nothing matches', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      Customers: (op) => ({
        data: op.variables?.search ? connection([]) : connection([customer(1, { name: 'Acme Analytics' })]),
      }),
    })
    const { wrapper } = await mountApp(client, '/customers')
    expect(sent('Customers')).toHaveLength(1)

    vi.useFakeTimers()
    try {
      const input = wrapper.get('input[type="search"]')
      await input.setValue('zz')
      await input.setValue('zzq')
      vi.advanceTimersByTime(100)
      expect(sent('Customers')).toHaveLength(1) // still typing
      vi.advanceTimersByTime(200)
    } finally {
      vi.useRealTimers()
    }
    await settle()

    expect(sent('Customers')).toHaveLength(2)
    expect(sent('Customers')[1]!.variables).toMatchObject({ search: 'zzq', first: 25 })
    expect(wrapper.get('.cv-state--empty').text()).toContain('No customers match ‘zzq’')
  })

  it('shows a friendly error with a retry when the API fails unexpectedly', async () => {
    let calls = 0
    const { client } = mockClient({
      AdminViewer: viewer,
      Customers: () =>
        ++calls === 1
          ? { errors: [{ message: 'Unexpected error.' }] }
          : { data: connection([customer(1, { name: 'Acme Analytics' })]) },
    })
    const { wrapper } = await mountApp(client, '/customers')

    const error = wrapper.get('.cv-state--error')
    expect(error.attributes('role')).toBe('alert')
    expect(error.text()).toContain('Customers could not be loaded')
    expect(error.text()).not.toContain('Unexpected error.')

    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.find('.cv-state--error').exists()).toBe(false)
    expect(wrapper.text()).toContain('Acme Analytics')
  })

  it('loads the next page after the last cursor with "Load more"', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      Customers: (op) =>
        op.variables?.after
          ? { data: connection([customer(3)], false, 'cursor-3') }
          : { data: connection([customer(1), customer(2)], true, 'cursor-2') },
    })
    const { wrapper } = await mountApp(client, '/customers')
    expect(wrapper.findAll('[data-testid="customer-row"]')).toHaveLength(2)

    const more = wrapper.findAll('button').find((b) => b.text() === 'Load more')!
    await more.trigger('click')
    await settle()

    expect(sent('Customers').at(-1)!.variables).toMatchObject({ after: 'cursor-2', first: 25 })
    expect(wrapper.findAll('[data-testid="customer-row"]').map((r) => r.get('th').text())).toEqual([
      'Customer 1',
      'Customer 2',
      'Customer 3',
    ])
    expect(wrapper.findAll('button').some((b) => b.text() === 'Load more')).toBe(false)
  })
})
