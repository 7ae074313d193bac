import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'

const CARD = `{ rateCard { hourlyRates { currency rate { amountMinor formatted } version } trainingModules { id name active version prices { amountMinor currency } } } }`
const RESULT = (name: string, data: string) =>
  `__typename ... on ${name} { ${data} } ... on Error { code message } ... on ValidationError { fieldErrors { field message } }`
const SET_RATE = `mutation($c: Currency!, $a: String!, $v: Int!) { updateHourlyRate(currency: $c, amount: $a, expectedVersion: $v) {
  ${RESULT('MutationUpdateHourlyRateSuccess', 'hourlyRate { currency rate { amountMinor formatted } version }')} } }`
const SET_PRICES = `mutation($m: ID!, $p: [MoneyInput!]!, $v: Int!) { updateTrainingModulePrices(moduleId: $m, prices: $p, expectedVersion: $v) {
  ${RESULT('MutationUpdateTrainingModulePricesSuccess', 'trainingModule { name version prices { amountMinor currency } }')} } }`
const CREATE = `mutation($c: ID!, $lines: [QuoteLineInput!]!) { createQuote(customerId: $c, lines: $lines) {
  ${RESULT('MutationCreateQuoteSuccess', 'quote { id total { amountMinor } lines { kind unitPrice { amountMinor } trainingModule { id name } } }')} } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let admin: string
let engineer: string

beforeAll(async () => {
  app = await createTestApp({ clock })
  admin = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN' })).email)
  engineer = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ENGINEER', desk: 'PACIFIC' })).email)
})
afterAll(() => app.close())

const db = () => app.database.dataSource
const auditRows = (action: string) => db().query('SELECT entity_type, before, after FROM audit_log WHERE action = $1 ORDER BY id', [action])
const rateOf = async (currency: string) => (await app.gql(CARD, {}, { cookie: admin })).data.rateCard.hourlyRates.find((r: any) => r.currency === currency)

describe('the rate card', () => {
  it('staff read the hourly rate per currency and every training module’s prices; customers and strangers cannot', async () => {
    const card = await app.gql(CARD, {}, { cookie: engineer })
    expect(card.data.rateCard.hourlyRates).toEqual([
      { currency: 'USD', rate: { amountMinor: 15_000, formatted: '$150.00' }, version: 1 },
      { currency: 'GBP', rate: { amountMinor: 12_000, formatted: '£120.00' }, version: 1 },
    ])
    expect(card.data.rateCard.trainingModules.map((m: any) => m.name)).toEqual([
      'Analyst fundamentals',
      'Campaign and revenue tracking',
      'Labels in depth',
      'Spotting click fraud',
    ])
    expect(card.data.rateCard.trainingModules[0]).toMatchObject({ active: true, version: 1, prices: [{ amountMinor: 90_000, currency: 'USD' }, { amountMinor: 72_000, currency: 'GBP' }] })

    const { keyContact } = await makeCoveredCustomer(db())
    const asContact = await app.gql(CARD, {}, { cookie: await app.signIn(keyContact.email) })
    expect(asContact.data).toBeNull()
    expect(asContact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await app.gql(CARD)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })

  it('an admin changes an hourly rate: new hours lines use it, quotes already made keep theirs, and the change is audited', async () => {
    const { customer } = await makeCoveredCustomer(db())
    const c = globalId('Customer', customer.id)
    const before = (await app.gql(CREATE, { c, lines: [{ kind: 'HOURS', quantity: '2' }] }, { cookie: engineer })).data.createQuote.quote
    expect(before.total.amountMinor).toBe(30_000)

    const { version } = await rateOf('USD')
    const set = await app.gql(SET_RATE, { c: 'USD', a: '165.50', v: version }, { cookie: admin })
    expect(set.data.updateHourlyRate.hourlyRate).toEqual({ currency: 'USD', rate: { amountMinor: 16_550, formatted: '$165.50' }, version: version + 1 })
    expect(await auditRows('rate_card.hourly_rate_changed')).toEqual([
      { entity_type: 'RateCard', before: { currency: 'USD', hourlyRateMinor: 15_000 }, after: { currency: 'USD', hourlyRateMinor: 16_550 } },
    ])

    const after = (await app.gql(CREATE, { c, lines: [{ kind: 'HOURS', quantity: '2' }] }, { cookie: engineer })).data.createQuote.quote
    expect(after.total.amountMinor).toBe(33_100)
    const kept = await app.gql(`query($id: ID!) { quote(id: $id) { total { amountMinor } } }`, { id: before.id }, { cookie: engineer })
    expect(kept.data.quote.total.amountMinor).toBe(30_000)
    expect((await rateOf('GBP')).rate.amountMinor).toBe(12_000)

    // Sending the same amount again changes nothing: no new version, no audit row.
    const same = await app.gql(SET_RATE, { c: 'USD', a: '165.5', v: version + 1 }, { cookie: admin })
    expect(same.data.updateHourlyRate.hourlyRate.version).toBe(version + 1)
    expect(await auditRows('rate_card.hourly_rate_changed')).toHaveLength(1)
  })

  it('bad rates are named and change nothing: zero, negative, malformed, a stale version, an engineer', async () => {
    const current = await rateOf('GBP')
    const cases: [string, string][] = [
      ['0', 'The hourly rate must be more than zero: every hours line is priced from it.'],
      ['-10', 'The hourly rate cannot be negative.'],
      ['12.345', 'Enter the hourly rate as an amount like 150 or 150.00 (at most 2 decimals).'],
      ['a lot', 'Enter the hourly rate as an amount like 150 or 150.00 (at most 2 decimals).'],
    ]
    for (const [amount, message] of cases) {
      const refused = await app.gql(SET_RATE, { c: 'GBP', a: amount, v: current.version }, { cookie: admin })
      expect(refused.data.updateHourlyRate).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'amount', message }] })
    }
    const stale = await app.gql(SET_RATE, { c: 'GBP', a: '130', v: current.version - 1 }, { cookie: admin })
    expect(stale.data.updateHourlyRate).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' })
    expect(stale.data.updateHourlyRate.message).toContain('Reload the rate card and try again.')
    const notAdmin = await app.gql(SET_RATE, { c: 'GBP', a: '130', v: current.version }, { cookie: engineer })
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await rateOf('GBP')).toEqual(current)
    expect(await db().query(`SELECT 1 FROM audit_log WHERE action = 'rate_card.hourly_rate_changed' AND after->>'currency' = 'GBP'`)).toEqual([])
  })

  it('an admin changes a training module’s prices; quote lines priced from it name the module', async () => {
    const card = (await app.gql(CARD, {}, { cookie: admin })).data.rateCard
    const labels = card.trainingModules.find((m: any) => m.name === 'Labels in depth')
    const set = await app.gql(SET_PRICES, { m: labels.id, p: [{ amount: '395', currency: 'GBP' }], v: labels.version }, { cookie: admin })
    expect(set.data.updateTrainingModulePrices.trainingModule).toEqual({
      name: 'Labels in depth',
      version: labels.version + 1,
      prices: [{ amountMinor: 45_000, currency: 'USD' }, { amountMinor: 39_500, currency: 'GBP' }],
    })
    const [audit] = await auditRows('training_module.prices_changed')
    expect(audit).toEqual({
      entity_type: 'TrainingModule',
      before: { name: 'Labels in depth', pricesMinor: { USD: 45_000, GBP: 36_000 } },
      after: { name: 'Labels in depth', pricesMinor: { USD: 45_000, GBP: 39_500 } },
    })

    const { customer } = await makeCoveredCustomer(db(), { homeDesk: 'UK' })
    const quote = await app.gql(CREATE, { c: globalId('Customer', customer.id), lines: [{ kind: 'TRAINING_MODULE', quantity: '1', trainingModuleId: labels.id }, { kind: 'HOURS', quantity: '1' }] }, { cookie: engineer })
    expect(quote.data.createQuote.quote.lines).toEqual([
      { kind: 'TRAINING_MODULE', unitPrice: { amountMinor: 39_500 }, trainingModule: { id: labels.id, name: 'Labels in depth' } },
      { kind: 'HOURS', unitPrice: { amountMinor: 12_000 }, trainingModule: null },
    ])
  })

  it('bad module prices are named and change nothing', async () => {
    const card = (await app.gql(CARD, {}, { cookie: admin })).data.rateCard
    const fraud = card.trainingModules.find((m: any) => m.name === 'Spotting click fraud')
    const attempt = (p: unknown, v = fraud.version, m = fraud.id) => app.gql(SET_PRICES, { m, p, v }, { cookie: admin })

    expect((await attempt([{ amount: '-1', currency: 'USD' }])).data.updateTrainingModulePrices.fieldErrors).toEqual([
      { field: 'prices.0.amount', message: 'The price cannot be negative.' },
    ])
    expect((await attempt([{ amount: '400', currency: 'USD' }, { amount: '410', currency: 'USD' }])).data.updateTrainingModulePrices.fieldErrors).toEqual([
      { field: 'prices.1.currency', message: 'The USD price is given twice: give each currency once.' },
    ])
    expect((await attempt([])).data.updateTrainingModulePrices.fieldErrors).toEqual([{ field: 'prices', message: 'Give at least one price.' }])
    expect((await attempt([{ amount: '400', currency: 'USD' }], fraud.version + 5)).data.updateTrainingModulePrices.__typename).toBe('ConflictError')
    expect((await attempt([{ amount: '400', currency: 'USD' }], 1, '00000000-0000-4000-8000-000000000001')).data.updateTrainingModulePrices).toMatchObject({
      __typename: 'NotFoundError',
      message: 'That training module was not found.',
    })
    const unchanged = (await app.gql(CARD, {}, { cookie: admin })).data.rateCard.trainingModules.find((m: any) => m.id === fraud.id)
    expect(unchanged).toEqual(fraud)

    // A free module is allowed.
    const free = await attempt([{ amount: '0', currency: 'USD' }, { amount: '0.00', currency: 'GBP' }])
    expect(free.data.updateTrainingModulePrices.trainingModule.prices).toEqual([{ amountMinor: 0, currency: 'USD' }, { amountMinor: 0, currency: 'GBP' }])
  })
})
