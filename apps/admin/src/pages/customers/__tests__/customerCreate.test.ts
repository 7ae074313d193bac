import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { connection, customer, mountApp, settle, staffViewer } from '../../../test/mountApp'

const viewer = { data: { viewer: staffViewer } }

/** The message the field points at with aria-describedby. */
function describedError(control: { element: Element }): string | null {
  const ids = control.element.getAttribute('aria-describedby')?.split(' ') ?? []
  for (const id of ids) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? ''
  }
  return null
}

describe('create customer', () => {
  it('offers the desks with their hours and the two currencies', async () => {
    const { client } = mockClient({ AdminViewer: viewer })
    const { wrapper } = await mountApp(client, '/customers/new')

    const desks = wrapper.findAll('select[name="homeDesk"] option').map((o) => o.text())
    expect(desks).toEqual(['Choose a desk', 'Pacific (07:00–18:00 Los Angeles)', 'UK (08:00–17:00 London)'])
    const currencies = wrapper.findAll('select[name="currency"] option').map((o) => o.attributes('value'))
    expect(currencies).toEqual(['', 'USD', 'GBP'])
  })

  it('checks required fields before sending, with each message beside its field', async () => {
    const { client, sent } = mockClient({ AdminViewer: viewer })
    const { wrapper } = await mountApp(client, '/customers/new')

    await wrapper.get('form').trigger('submit')
    await settle()

    expect(sent('CreateCustomer')).toHaveLength(0)
    const name = wrapper.get('input[name="name"]')
    expect(name.attributes('aria-invalid')).toBe('true')
    expect(describedError(name)).toBe('Enter the organisation’s name.')
    expect(describedError(wrapper.get('select[name="homeDesk"]'))).toBe('Choose the home desk.')
    expect(describedError(wrapper.get('select[name="currency"]'))).toBe('Choose the billing currency.')
    expect(document.activeElement).toBe(name.element)
  })

  it("shows the server's field errors beside the matching fields", async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      CreateCustomer: {
        data: {
          createCustomer: {
            __typename: 'ValidationError',
            code: 'VALIDATION',
            message: 'Some fields need fixing.',
            fieldErrors: [
              { __typename: 'FieldError', field: 'name', message: 'A customer with this name already exists.' },
              { __typename: 'FieldError', field: 'input.currency', message: 'Pick USD or GBP.' },
            ],
          },
        },
      },
    })
    const { wrapper, router } = await mountApp(client, '/customers/new')

    await wrapper.get('input[name="name"]').setValue('Acme Analytics')
    await wrapper.get('select[name="homeDesk"]').setValue('UK')
    await wrapper.get('form').trigger('submit')
    await settle()

    expect(sent('CreateCustomer')[0]!.variables).toEqual({
      input: { name: 'Acme Analytics', homeDesk: 'UK', currency: 'GBP' },
    })
    expect(router.currentRoute.value.name).toBe('customer-new')
    const name = wrapper.get('input[name="name"]')
    expect(describedError(name)).toBe('A customer with this name already exists.')
    expect(describedError(wrapper.get('select[name="currency"]'))).toBe('Pick USD or GBP.')
    expect(describedError(wrapper.get('select[name="homeDesk"]'))).toBeNull()
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('Check the fields marked below.')
    expect(document.activeElement).toBe(name.element)

    // Editing the field clears its message.
    await name.setValue('Acme Analytics 2')
    expect(describedError(name)).toBeNull()
  })

  it('keeps what was typed and explains when the API fails unexpectedly', async () => {
    const { client } = mockClient({
      AdminViewer: viewer,
      CreateCustomer: { errors: [{ message: 'Unexpected error.' }] },
    })
    const { wrapper } = await mountApp(client, '/customers/new')
    await wrapper.get('input[name="name"]').setValue('Northwind')
    await wrapper.get('select[name="homeDesk"]').setValue('PACIFIC')
    await wrapper.get('form').trigger('submit')
    await settle()

    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('Something went wrong on our side')
    expect((wrapper.get('input[name="name"]').element as HTMLInputElement).value).toBe('Northwind')
  })

  it('goes back to the list, where the new customer appears', async () => {
    const created = customer(9, { name: 'Northwind Traders', homeDesk: 'UK', currency: 'GBP' })
    let createdYet = false
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      CreateCustomer: () => {
        createdYet = true
        return { data: { createCustomer: { __typename: 'MutationCreateCustomerSuccess', customer: created } } }
      },
      Customers: () => ({ data: connection(createdYet ? [created] : []) }),
    })
    const { wrapper, router } = await mountApp(client, '/customers')
    expect(wrapper.text()).toContain('No customers yet')

    await router.push('/customers/new')
    await settle()
    await wrapper.get('input[name="name"]').setValue('Northwind Traders')
    await wrapper.get('select[name="homeDesk"]').setValue('UK')
    await wrapper.get('form').trigger('submit')
    await settle(8)

    expect(sent('CreateCustomer')).toHaveLength(1)
    expect(router.currentRoute.value.name).toBe('customers')
    expect(wrapper.text()).toContain('Northwind Traders was added.')
    expect(wrapper.findAll('[data-testid="customer-row"]').map((r) => r.get('th').text())).toEqual(['Northwind Traders'])
  })
})
