import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { connection, customer, mountApp, settle, staffViewer } from '../../../test/mountApp'

const viewer = { data: { viewer: staffViewer } }

describe('customer list filters', { timeout: 20_000 }, () => {
  it('reads the filters from the URL, so a filtered list can be shared and reloaded', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      Customers: { data: connection([customer(1, { name: 'Northwind Traders Ltd', homeDesk: 'UK', status: 'CUSTOMER' })]) },
    })
    const { wrapper } = await mountApp(client, '/customers?q=north&status=CUSTOMER&desk=UK&contract=EXPIRING&expiring=60')

    expect(sent('Customers')[0]!.variables).toEqual({
      first: 25,
      search: 'north',
      status: 'CUSTOMER',
      homeDesk: 'UK',
      contractStatus: 'EXPIRING',
      expiringWithinDays: 60,
    })
    expect((wrapper.get('input[type="search"]').element as HTMLInputElement).value).toBe('north')
    expect((wrapper.get('select[name="status"]').element as HTMLSelectElement).value).toBe('CUSTOMER')
    expect((wrapper.get('select[name="desk"]').element as HTMLSelectElement).value).toBe('UK')
    expect((wrapper.get('select[name="contractStatus"]').element as HTMLSelectElement).value).toBe('EXPIRING')
    expect((wrapper.get('input[name="expiring"]').element as HTMLInputElement).checked).toBe(true)
  })

  it('writes each filter to the URL and asks the API again', async () => {
    const { client, sent } = mockClient({ AdminViewer: viewer, Customers: { data: connection([customer(1)]) } })
    const { wrapper, router } = await mountApp(client, '/customers')
    expect(sent('Customers')[0]!.variables).toMatchObject({ status: null, homeDesk: null, contractStatus: null, expiringWithinDays: null })

    await wrapper.get('select[name="contractStatus"]').setValue('LAPSED')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ contract: 'LAPSED' })
    expect(sent('Customers').at(-1)!.variables).toMatchObject({ contractStatus: 'LAPSED' })

    await wrapper.get('input[name="expiring"]').setValue(true)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ contract: 'LAPSED', expiring: '60' })
    expect(sent('Customers').at(-1)!.variables).toMatchObject({ contractStatus: 'LAPSED', expiringWithinDays: 60 })

    await wrapper.get('select[name="status"]').setValue('')
    await wrapper.get('select[name="desk"]').setValue('PACIFIC')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ contract: 'LAPSED', expiring: '60', desk: 'PACIFIC' })
  })

  it('says when nothing matches the filters, and clears them', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      Customers: (op) => ({ data: connection(op.variables?.status ? [] : [customer(1, { name: 'Acme Analytics' })]) }),
    })
    const { wrapper, router } = await mountApp(client, '/customers?status=FORMER')

    const empty = wrapper.get('.cv-state--empty')
    expect(empty.text()).toContain('No customers match these filters')
    await empty.findAll('button').find((b) => b.text() === 'Clear filters')!.trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({})
    expect(sent('Customers').at(-1)!.variables).toMatchObject({ status: null })
    expect(wrapper.text()).toContain('Acme Analytics')
  })

  it('links each row to the customer page', async () => {
    const { client } = mockClient({ AdminViewer: viewer, Customers: { data: connection([customer(1, { name: 'Acme Analytics' })]) } })
    const { wrapper } = await mountApp(client, '/customers')
    const link = wrapper.get('[data-testid="customer-row"] th a')
    expect(link.text()).toBe('Acme Analytics')
    expect(link.attributes('href')).toBe(`/customers/${customer(1).id}`)
  })
})
