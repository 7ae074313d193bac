import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'

beforeAll(async () => {
  await import('../views/RateCardView.vue')
}, 60_000)
afterEach(() => {
  document.body.innerHTML = ''
})

const money = (amountMinor: number, currency: 'USD' | 'GBP') => ({
  __typename: 'Money',
  amountMinor,
  currency,
  amount: (amountMinor / 100).toFixed(2),
  formatted: new Intl.NumberFormat(currency === 'GBP' ? 'en-GB' : 'en-US', { style: 'currency', currency }).format(amountMinor / 100),
})
const rate = (currency: 'USD' | 'GBP', amountMinor: number, version = 1) => ({
  __typename: 'HourlyRate',
  currency,
  rate: money(amountMinor, currency),
  updatedAt: '2026-11-20T10:00:00.000Z',
  version,
})
const module = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'TrainingModule',
  id: 'module-1',
  name: 'Labels in depth',
  description: 'Build, combine and interpret labels.',
  durationMinutes: 180,
  active: true,
  version: 3,
  prices: [money(45000, 'USD'), money(36000, 'GBP')],
  ...overrides,
})
const card = { data: { rateCard: { __typename: 'RateCard', hourlyRates: [rate('USD', 15000), rate('GBP', 12000)], trainingModules: [module()] } } }
const as = (role: 'ADMIN' | 'ENGINEER') => ({ data: { viewer: { ...staffViewer, role } } })

describe('the rate card', () => {
  it('an admin changes the USD hourly rate: the new rate shows, and the next change sends its new version', async () => {
    const { client, sent } = mockClient({
      AdminViewer: as('ADMIN'),
      RateCard: card,
      UpdateHourlyRate: (op) => ({
        data: { updateHourlyRate: { __typename: 'MutationUpdateHourlyRateSuccess', hourlyRate: rate('USD', Math.round(Number(op.variables!.amount) * 100), Number(op.variables!.expectedVersion) + 1) } },
      }),
    })
    const { wrapper } = await mountApp(client, '/quotes/rate-card')
    expect(wrapper.get('h1').text()).toBe('Rate card')
    const usd = wrapper.findAll('[data-testid="hourly-rate"]')[0]!
    expect(usd.get('[data-testid="hourly-rate-amount"]').text()).toBe('$150.00')
    expect(wrapper.findAll('[data-testid="hourly-rate"]')[1]!.get('[data-testid="hourly-rate-amount"]').text()).toBe('£120.00')
    expect(wrapper.get('[data-testid="module-prices"]').findAll('[data-testid="module-price"]').map((p) => p.text())).toEqual(['$450.00', '£360.00'])
    expect(wrapper.find('[data-testid="read-only-notice"]').exists()).toBe(false)

    await usd.get('input[name="rate-USD"]').setValue('165.50')
    await usd.get('form').trigger('submit')
    await settle()
    expect(sent('UpdateHourlyRate')[0]!.variables).toEqual({ currency: 'USD', amount: '165.50', expectedVersion: 1 })
    expect(usd.get('[data-testid="hourly-rate-amount"]').text()).toBe('$165.50')
    expect(usd.get('[data-testid="rate-saved"]').text()).toContain('New hours lines in USD are priced at $165.50 an hour')

    await usd.get('input[name="rate-USD"]').setValue('170')
    await usd.get('form').trigger('submit')
    await settle()
    expect(sent('UpdateHourlyRate')[1]!.variables).toEqual({ currency: 'USD', amount: '170', expectedVersion: 2 })
  })

  it('shows the server’s reason beside the field, and a conflict with a way to reload', async () => {
    let answer: unknown = {
      updateHourlyRate: {
        __typename: 'ValidationError',
        code: 'VALIDATION',
        message: 'The hourly rate cannot be negative.',
        fieldErrors: [{ __typename: 'FieldError', field: 'amount', message: 'The hourly rate cannot be negative.' }],
      },
    }
    const { client, sent } = mockClient({ AdminViewer: as('ADMIN'), RateCard: card, UpdateHourlyRate: () => ({ data: answer }) })
    const { wrapper } = await mountApp(client, '/quotes/rate-card')
    const gbp = wrapper.findAll('[data-testid="hourly-rate"]')[1]!
    await gbp.get('input[name="rate-GBP"]').setValue('-5')
    await gbp.get('form').trigger('submit')
    await settle()
    expect(gbp.get('.cv-field__error').text()).toBe('The hourly rate cannot be negative.')
    expect(gbp.get('input[name="rate-GBP"]').attributes('aria-invalid')).toBe('true')
    expect(gbp.get('[data-testid="hourly-rate-amount"]').text()).toBe('£120.00')

    answer = { updateHourlyRate: { __typename: 'ConflictError', code: 'CONFLICT', message: 'The GBP hourly rate was changed by someone else.' } }
    await gbp.get('input[name="rate-GBP"]').setValue('125')
    await gbp.get('form').trigger('submit')
    await settle()
    const problem = gbp.get('[data-testid="form-problem"]')
    expect(problem.text()).toContain('Your change was not saved')
    const before = sent('RateCard').length
    await problem.get('button').trigger('click')
    await settle()
    expect(sent('RateCard').length).toBe(before + 1)
  })

  it('an admin changes a module’s prices in place; a refused price is named beside its currency', async () => {
    let refuse = true
    const { client, sent } = mockClient({
      AdminViewer: as('ADMIN'),
      RateCard: card,
      UpdateTrainingModulePrices: () =>
        refuse
          ? {
              data: {
                updateTrainingModulePrices: {
                  __typename: 'ValidationError',
                  code: 'VALIDATION',
                  message: 'The price cannot be negative.',
                  fieldErrors: [{ __typename: 'FieldError', field: 'prices.1.amount', message: 'The price cannot be negative.' }],
                },
              },
            }
          : { data: { updateTrainingModulePrices: { __typename: 'MutationUpdateTrainingModulePricesSuccess', trainingModule: module({ version: 4, prices: [money(45000, 'USD'), money(39500, 'GBP')] }) } } },
    })
    const { wrapper } = await mountApp(client, '/quotes/rate-card')
    const row = wrapper.get('[data-testid="module-prices"]')
    await row.get('button').trigger('click')
    await settle()
    expect((row.get('input[name="price-USD"]').element as HTMLInputElement).value).toBe('450.00')
    expect(document.activeElement).toBe(row.get('input[name="price-USD"]').element)
    await row.get('input[name="price-GBP"]').setValue('-1')
    await row.get('form').trigger('submit')
    await settle()
    expect(sent('UpdateTrainingModulePrices')[0]!.variables).toEqual({
      moduleId: 'module-1',
      prices: [
        { currency: 'USD', amount: '450.00' },
        { currency: 'GBP', amount: '-1' },
      ],
      expectedVersion: 3,
    })
    expect(row.get('input[name="price-GBP"]').attributes('aria-invalid')).toBe('true')
    expect(row.find('input[name="price-USD"]').attributes('aria-invalid')).toBeUndefined()
    expect(row.get('.cv-field__error').text()).toBe('The price cannot be negative.')

    refuse = false
    await row.get('input[name="price-GBP"]').setValue('395')
    await row.get('form').trigger('submit')
    await settle()
    expect(row.find('form').exists()).toBe(false)
    expect(row.findAll('[data-testid="module-price"]').map((p) => p.text())).toEqual(['$450.00', '£395.00'])
    expect(row.text()).toContain('Prices saved.')
  })

  it('an engineer reads it without forms', async () => {
    const { client } = mockClient({ AdminViewer: as('ENGINEER'), RateCard: card })
    const { wrapper } = await mountApp(client, '/quotes/rate-card')
    expect(wrapper.get('[data-testid="read-only-notice"]').text()).toContain('Only admins change the rate card.')
    expect(wrapper.findAll('form')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="hourly-rate"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="module-prices"] button').exists()).toBe(false)
  })

  it('shows loading and error states', async () => {
    const loading = mockClient({ AdminViewer: as('ADMIN'), RateCard: 'pending' })
    const first = await mountApp(loading.client, '/quotes/rate-card')
    expect(first.wrapper.get('.cv-state--loading').text()).toContain('Loading the rate card…')
    first.wrapper.unmount()
    document.body.innerHTML = ''
    const failing = mockClient({ AdminViewer: as('ADMIN'), RateCard: { errors: [{ message: 'Unexpected error.' }] } })
    const second = await mountApp(failing.client, '/quotes/rate-card')
    expect(second.wrapper.get('.cv-state--error').text()).toContain('The rate card could not be loaded')
  })
})
