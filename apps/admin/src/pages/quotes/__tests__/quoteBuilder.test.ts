import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'
import { warmUpRoutes } from './warmUp'
import { CUSTOMER_ID, TICKET_ID, modules, money, newQuoteContext, quote, signedIn } from './fixtures'

beforeAll(() => warmUpRoutes(), 60_000)
afterEach(() => {
  document.body.innerHTML = ''
})

/** The control a label names exactly, inside `scope`. */
function byLabel(scope: Pick<VueWrapper, 'findAll' | 'get'>, text: string): Omit<DOMWrapper<HTMLInputElement>, 'exists'> {
  const label = scope.findAll('label').find((l) => l.text().replace(/\s*\(required\)$/, '') === text)
  if (!label) throw new Error(`No label "${text}"`)
  return scope.get<HTMLInputElement>(`[id="${label.attributes('for')}"]`)
}

/** The message a control points at with aria-describedby (its error beside it). */
function describedError(control: Pick<DOMWrapper<Element>, 'attributes'>): string | null {
  for (const id of control.attributes('aria-describedby')?.split(' ') ?? []) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? null
  }
  return null
}

const buttonNamed = (scope: Pick<VueWrapper, 'findAll'>, text: string) => scope.findAll('button').find((b) => b.text() === text)

describe('quote builder', () => {
  it('shows the rate card’s hourly rate in the customer’s currency before anything is saved', async () => {
    const rates = { __typename: 'RateCard', hourlyRates: [{ __typename: 'HourlyRate', currency: 'GBP', rate: money(12000, 'GBP') }, { __typename: 'HourlyRate', currency: 'USD', rate: money(16500) }] }
    const { client } = mockClient({ AdminViewer: signedIn, NewQuoteContext: { data: { ...newQuoteContext.data, rateCard: rates } } })
    const { wrapper } = await mountApp(client, `/quotes/new?customerId=${CUSTOMER_ID}&ticketId=${TICKET_ID}`)
    expect(wrapper.get('[data-testid="quote-line-0"]').get('[data-testid="line-unit-price"]').text()).toBe('$165.00 an hour (rate card)')
  })

  it('starts a quote for a ticket with an hours line, says totals are calculated on save, and puts server errors beside the right line field', async () => {
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      NewQuoteContext: newQuoteContext,
      CreateQuote: {
        data: {
          createQuote: {
            __typename: 'ValidationError',
            code: 'VALIDATION',
            message: 'Enter the unit price as an amount like 250 or 250.00.',
            fieldErrors: [{ __typename: 'FieldError', field: 'lines.1.unitPrice', message: 'Enter the unit price as an amount like 250 or 250.00.' }],
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, `/quotes/new?customerId=${CUSTOMER_ID}&ticketId=${TICKET_ID}`)

    expect(wrapper.get('h1').text()).toBe('New quote')
    expect(wrapper.text()).toContain('Acme Analytics · USD')
    expect(wrapper.text()).toContain('CT-001001')
    const first = wrapper.get('[data-testid="quote-line-0"]')
    expect((byLabel(first, 'Kind').element as unknown as HTMLSelectElement).value).toBe('HOURS')
    expect(first.get('[data-testid="line-unit-price"]').text()).toBe('The rate card’s hourly rate')
    expect(first.get('[data-testid="line-total"]').text()).toBe('Calculated on save')
    expect(wrapper.get('[data-testid="quote-total"]').text()).toContain('Calculated on save')
    await byLabel(first, 'Hours').setValue('2.5')

    await buttonNamed(wrapper, 'Add a line')!.trigger('click')
    const second = wrapper.get('[data-testid="quote-line-1"]')
    await byLabel(second, 'Kind').setValue('OTHER')
    await byLabel(second, 'Description').setValue('Custom report template')
    await byLabel(second, 'Unit price (USD)').setValue('99999999999999999')
    await wrapper.get('[data-testid="quote-form"]').trigger('submit')
    await settle()

    expect(sent('CreateQuote')[0]!.variables).toEqual({
      customerId: CUSTOMER_ID,
      ticketId: TICKET_ID,
      consultingRequestId: null,
      validUntil: null,
      lines: [
        { kind: 'HOURS', quantity: '2.5', description: null },
        { kind: 'OTHER', quantity: '1', description: 'Custom report template', unitPrice: '99999999999999999' },
      ],
    })
    const line2 = wrapper.get('[data-testid="quote-line-1"]')
    const price = byLabel(line2, 'Unit price (USD)')
    expect(describedError(price)).toBe('Enter the unit price as an amount like 250 or 250.00.')
    expect(price.attributes('aria-invalid')).toBe('true')
    expect(describedError(byLabel(line2, 'Quantity'))).toBeNull()
    expect(describedError(byLabel(wrapper.get('[data-testid="quote-line-0"]'), 'Hours'))).toBeNull()
    expect(wrapper.get('[data-testid="form-problem"]').text()).toContain('Check the fields marked below.')
  })

  it('checks lines before sending them: a training line needs a module, other work a description and a price', async () => {
    const { client, sent } = mockClient({ AdminViewer: signedIn, NewQuoteContext: newQuoteContext })
    const { wrapper } = await mountApp(client, `/quotes/new?customerId=${CUSTOMER_ID}`)

    const line = wrapper.get('[data-testid="quote-line-0"]')
    await byLabel(line, 'Kind').setValue('TRAINING_MODULE')
    const picker = byLabel(line, 'Training module')
    const options = picker.findAll('option').map((o) => o.text())
    expect(options).toEqual(['Choose a module', 'Analyst fundamentals · $900.00 (6h)', 'Labels in depth · $450.00 (3h)'])
    await wrapper.get('[data-testid="quote-form"]').trigger('submit')
    await settle()

    expect(sent('CreateQuote')).toHaveLength(0)
    expect(describedError(picker)).toBe('Choose one of the training modules.')
    await picker.setValue('module-2')
    expect(describedError(byLabel(wrapper.get('[data-testid="quote-line-0"]'), 'Training module'))).toBeNull()
    expect(wrapper.get('[data-testid="line-unit-price"]').text()).toBe('$450.00')
  })

  it('starts from a training module when asked to (a recommendation on a training ticket)', async () => {
    const { client } = mockClient({ AdminViewer: signedIn, NewQuoteContext: newQuoteContext })
    const { wrapper } = await mountApp(client, `/quotes/new?customerId=${CUSTOMER_ID}&ticketId=${TICKET_ID}&moduleId=module-1`)
    const line = wrapper.get('[data-testid="quote-line-0"]')
    expect((byLabel(line, 'Kind').element as unknown as HTMLSelectElement).value).toBe('TRAINING_MODULE')
    expect((byLabel(line, 'Training module').element as unknown as HTMLSelectElement).value).toBe('module-1')
  })

  it('saves a draft, opens it with the server’s prices, and sends it', async () => {
    const saved = quote(3)
    const sentQuote = quote(3, { status: 'SENT', sentAt: '2026-11-26T11:00:00.000Z', version: 2 })
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      NewQuoteContext: newQuoteContext,
      CreateQuote: { data: { createQuote: { __typename: 'MutationCreateQuoteSuccess', quote: saved } } },
      AdminQuote: { data: { quote: saved, trainingModules: modules } },
      UpdateDraftQuote: { data: { updateDraftQuote: { __typename: 'MutationUpdateDraftQuoteSuccess', quote: { ...saved, version: 2 } } } },
      SendQuote: { data: { sendQuote: { __typename: 'MutationSendQuoteSuccess', quote: sentQuote } } },
    })
    const { wrapper, router } = await mountApp(client, `/quotes/new?customerId=${CUSTOMER_ID}&ticketId=${TICKET_ID}`)
    await byLabel(wrapper.get('[data-testid="quote-line-0"]'), 'Hours').setValue('2.5')
    await wrapper.get('[data-testid="quote-form"]').trigger('submit')
    await settle()

    expect(router.currentRoute.value.fullPath).toBe('/quotes/quote-3')
    expect(wrapper.get('h1').text()).toBe('Quote Q-2026-0003')
    expect(wrapper.get('[data-testid="quote-message"]').text()).toBe('Draft Q-2026-0003 saved. It is not sent yet.')
    const line = wrapper.get('[data-testid="quote-line-0"]')
    expect(line.get('[data-testid="line-unit-price"]').text()).toBe('$150.00 an hour (rate card)')
    expect(line.get('[data-testid="line-total"]').text()).toBe('$375.00')
    expect(wrapper.get('[data-testid="quote-total"]').text()).toContain('$375.00')

    // Editing a line makes its total "calculated on save" again.
    await byLabel(line, 'Hours').setValue('3')
    expect(wrapper.get('[data-testid="quote-line-0"] [data-testid="line-total"]').text()).toBe('Calculated on save')
    expect(wrapper.text()).toContain('Unsaved changes')

    // Sending saves the change first.
    await buttonNamed(wrapper, 'Send to customer')!.trigger('click')
    await settle()
    expect(sent('UpdateDraftQuote')[0]!.variables).toEqual({
      quoteId: 'quote-3',
      lines: [{ kind: 'HOURS', quantity: '3', description: 'Professional Services: Analyse our server logs' }],
      validUntil: null,
    })
    expect(sent('SendQuote')[0]!.variables).toEqual({ quoteId: 'quote-3' })
    expect(wrapper.get('[data-testid="quote-message"]').text()).toContain('Q-2026-0003 was sent to Acme Analytics')
    expect(wrapper.find('[data-testid="quote-form"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="quote-status"]').text()).toBe('Sent')
  })

  it('shows a sent quote read-only, with a Revise action that opens the new draft', async () => {
    const sentQuote = quote(1, {
      status: 'SENT',
      sentAt: '2026-11-26T11:00:00.000Z',
      lines: [
        ...quote(1).lines,
        {
          __typename: 'QuoteLine',
          position: 2,
          kind: 'DAILY_DEMO',
          description: 'Daily Demo (free overview session)',
          quantity: '1.00',
          unitPrice: money(0),
          total: money(0),
        },
      ],
    })
    const revision = quote(2, { supersedes: { __typename: 'Quote', id: 'quote-1', number: 'Q-2026-0001', status: 'WITHDRAWN' } })
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      AdminQuote: (op) => ({ data: { quote: op.variables?.id === 'quote-2' ? revision : sentQuote, trainingModules: modules } }),
      ReviseQuote: { data: { reviseQuote: { __typename: 'MutationReviseQuoteSuccess', quote: revision } } },
    })
    const { wrapper, router } = await mountApp(client, '/quotes/quote-1')

    expect(wrapper.get('[data-testid="quote-status"]').text()).toBe('Sent')
    expect(wrapper.get('[data-testid="read-only-notice"]').text()).toContain('A sent quote is never edited')
    expect(wrapper.find('[data-testid="quote-form"]').exists()).toBe(false)
    expect(wrapper.findAll('input, textarea, select')).toHaveLength(0)
    const rows = wrapper.findAll('[data-testid="quote-line-row"]').map((r) => r.text())
    expect(rows[0]).toContain('Professional Services: Analyse our server logs')
    expect(rows[0]).toContain('$375.00')
    expect(rows[1]).toContain('Free')
    expect(wrapper.get('[data-testid="quote-total"]').text()).toBe('$375.00')
    expect(buttonNamed(wrapper, 'Save draft')).toBeUndefined()

    await buttonNamed(wrapper, 'Revise')!.trigger('click')
    await settle()
    expect(sent('ReviseQuote')[0]!.variables).toEqual({ quoteId: 'quote-1' })
    expect(router.currentRoute.value.fullPath).toBe('/quotes/quote-2')
    expect(wrapper.get('[data-testid="quote-message"]').text()).toBe(
      'Q-2026-0002 is a new draft revising Q-2026-0001, which was withdrawn. Change it, then send it.',
    )
    expect(wrapper.find('[data-testid="quote-form"]').exists()).toBe(true)
  })

  it('withdraws only after a confirmation, and keeps a refusal’s own words', async () => {
    const sentQuote = quote(1, { status: 'SENT' })
    const { client, sent } = mockClient({
      AdminViewer: signedIn,
      AdminQuote: { data: { quote: sentQuote, trainingModules: modules } },
      WithdrawQuote: {
        data: {
          withdrawQuote: {
            __typename: 'PolicyError',
            code: 'POLICY',
            rule: 'INVALID_TRANSITION',
            message: 'This quote is accepted, which is final; it cannot become withdrawn.',
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/quotes/quote-1')
    await buttonNamed(wrapper, 'Withdraw')!.trigger('click')
    await settle()
    expect(sent('WithdrawQuote')).toHaveLength(0)
    expect(wrapper.get('[data-testid="withdraw-confirm"]').text()).toContain('The customer will no longer be able to accept it.')
    await buttonNamed(wrapper, 'Yes, withdraw it')!.trigger('click')
    await settle()
    expect(sent('WithdrawQuote')).toHaveLength(1)
    const problem = wrapper.get('[data-testid="form-problem"]').text()
    expect(problem).toContain('The support policy does not allow this')
    expect(problem).toContain('This quote is accepted, which is final')
  })

  it('asks for the customer first when none is given', async () => {
    const { client } = mockClient({
      AdminViewer: signedIn,
      QuoteCustomerSearch: {
        data: {
          customers: {
            __typename: 'QueryCustomersConnection',
            edges: [{ __typename: 'QueryCustomersConnectionEdge', node: { __typename: 'Customer', id: CUSTOMER_ID, name: 'Acme Analytics', currency: 'USD', status: 'CUSTOMER' } }],
          },
        },
      },
      NewQuoteContext: newQuoteContext,
    })
    const { wrapper, router } = await mountApp(client, '/quotes/new')
    const picker = wrapper.get('[data-testid="customer-picker"]')
    await picker.trigger('submit')
    expect(describedError(byLabel(wrapper, 'Customer'))).toBe('Choose the customer the quote is for.')
    await byLabel(wrapper, 'Customer').setValue(CUSTOMER_ID)
    await picker.trigger('submit')
    await settle()
    expect(router.currentRoute.value.query.customerId).toBe(CUSTOMER_ID)
    expect(wrapper.find('[data-testid="quote-line-0"]').exists()).toBe(true)
  })

  it('says so when the quote does not exist, and when it cannot be loaded', async () => {
    const missing = mockClient({ AdminViewer: signedIn, AdminQuote: { data: { quote: null, trainingModules: modules } } })
    const first = await mountApp(missing.client, '/quotes/nope')
    expect(first.wrapper.get('h1').text()).toBe('Quote not found')
    first.wrapper.unmount()
    document.body.innerHTML = ''

    const failing = mockClient({ AdminViewer: signedIn, AdminQuote: { errors: [{ message: 'Unexpected error.' }] } })
    const second = await mountApp(failing.client, '/quotes/quote-1')
    expect(second.wrapper.get('.cv-state--error').text()).toContain('The quote could not be loaded')
  })
})
