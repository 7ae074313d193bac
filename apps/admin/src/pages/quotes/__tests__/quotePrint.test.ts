import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'
import { modules, newQuoteContext, quote, signedIn } from './fixtures'
import { warmUpRoutes } from './warmUp'

beforeAll(() => warmUpRoutes(), 60_000)
afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})
void newQuoteContext

const minor = (amountMinor: number, currency = 'USD') => ({ __typename: 'Money', amountMinor, currency })

/** The printable quote as the API answers it: amounts in integer minor units only. */
function printable(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Quote',
    id: 'quote-7',
    number: 'Q-2026-0007',
    status: 'SENT',
    purpose: 'SERVICES',
    currency: 'USD',
    validUntil: '2026-12-26',
    createdAt: '2026-11-26T06:00:00.000Z',
    // 06:30 UTC is still 25 Nov at the Pacific desk, where the quote's dates are counted.
    sentAt: '2026-11-26T06:30:00.000Z',
    decidedAt: null,
    quotedMinutes: 390,
    total: minor(207_500),
    lines: [
      { __typename: 'QuoteLine', position: 1, kind: 'HOURS', description: 'Set up campaign tracking', quantity: '6.50', unitPrice: minor(15_000), total: minor(97_500), trainingModule: null },
      {
        __typename: 'QuoteLine',
        position: 2,
        kind: 'TRAINING_MODULE',
        description: 'On-site workshop',
        quantity: '2.00',
        unitPrice: minor(55_000),
        total: minor(110_000),
        trainingModule: { __typename: 'TrainingModule', id: 'module-2', name: 'Labels in depth' },
      },
      { __typename: 'QuoteLine', position: 3, kind: 'DAILY_DEMO', description: 'Daily Demo', quantity: '1.00', unitPrice: minor(0), total: minor(0), trainingModule: null },
    ],
    customer: { __typename: 'Customer', id: 'cust-1', name: 'Acme Analytics', homeDesk: 'PACIFIC' },
    addressedTo: { __typename: 'QuoteRecipient', name: 'Alex Rivera', email: 'alex@acme.example' },
    decidedBy: null,
    ticket: { __typename: 'Ticket', id: 'ticket-1', number: 'CT-001001', subject: 'Analyse our server logs' },
    contract: null,
    supersedes: { __typename: 'Quote', id: 'quote-6', number: 'Q-2026-0006' },
    ...overrides,
  }
}

describe('the printable quote (admin)', () => {
  it('is a document: vendor, customer and contact, number, status, dates, ticket, lines, total and terms; Print opens the print dialog', async () => {
    // happy-dom has no print dialog: stand in for the browser's.
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true })
    const { client, sent } = mockClient({ AdminViewer: signedIn, AdminQuotePrint: { data: { quote: printable() } } })
    const { wrapper } = await mountApp(client, '/quotes/quote-7/print')
    expect(sent('AdminQuotePrint')[0]!.variables).toEqual({ id: 'quote-7' })

    const doc = wrapper.get('[data-testid="quote-document"]')
    expect(doc.text()).toContain('Covered')
    expect(wrapper.get('[data-testid="document-number"]').text()).toBe('Q-2026-0007')
    expect(wrapper.get('[data-testid="document-status"]').text()).toBe('Sent')
    expect(wrapper.get('[data-testid="document-customer"]').text()).toBe('Acme Analytics')
    const recipient = wrapper.get('[data-testid="document-recipient"]')
    expect(recipient.html()).toMatch(/Attention: Alex Rivera<br>\s*<span[^>]*>alex@acme\.example<\/span>/)
    const facts = wrapper.get('[data-testid="document-facts"]').findAll('dt').map((dt) => `${dt.text()}: ${dt.element.nextElementSibling?.textContent?.trim()}`)
    expect(facts).toEqual([
      'Quote number: Q-2026-0007',
      'Status: Sent',
      'Issued: 25 Nov 2026',
      'Valid until: 26 Dec 2026',
      'Ticket: CT-001001 · Analyse our server logs',
      'Replaces: Q-2026-0006',
      'Currency: US dollar (USD)',
    ])
    const lines = wrapper.findAll('[data-testid="document-line"]').map((row) => row.findAll('th, td').map((cell) => cell.text()))
    expect(lines).toEqual([
      ['Set up campaign tracking Hours (rate card)', '6.50 h', '$150.00', '$975.00'],
      ['On-site workshop Training module: Labels in depth', '2', '$550.00', '$1,100.00'],
      ['Daily Demo Daily Demo (free)', '1', 'Free', '$0.00'],
    ])
    expect(wrapper.get('[data-testid="document-total"]').text()).toBe('Total (USD)$2,075.00')
    const terms = wrapper.findAll('[data-testid="document-terms"] li').map((li) => li.text())
    expect(terms[0]).toBe(
      'Nothing is delivered before acceptance: Covered starts the work, and logs no time, until a key contact or customer admin of Acme Analytics has accepted this quote in the Covered support portal.',
    )
    expect(terms[1]).toContain('Hours quoted: 6h 30m of Professional Services.')
    expect(terms[2]).toBe('Valid until 26 Dec 2026. All amounts are in USD (US dollar), priced by Covered from its rate card.')
    expect(document.title).toBe('Quote Q-2026-0007 – Acme Analytics · Covered Admin')

    const toolbar = wrapper.get('[data-testid="print-toolbar"]')
    expect(toolbar.classes()).toContain('cv-no-print')
    expect(toolbar.get('a').attributes('href')).toBe('/quotes/quote-7')
    await toolbar.get('button').trigger('click')
    expect(print).toHaveBeenCalledOnce()
  })

  it('formats a pound sterling quote from minor units, and says who accepted it and when', async () => {
    const gbp = (amountMinor: number) => minor(amountMinor, 'GBP')
    const { client } = mockClient({
      AdminViewer: signedIn,
      AdminQuotePrint: {
        data: {
          quote: printable({
            status: 'ACCEPTED',
            currency: 'GBP',
            total: gbp(123_456_789),
            quotedMinutes: 0,
            lines: [{ __typename: 'QuoteLine', position: 1, kind: 'OTHER', description: 'Migration', quantity: '1.00', unitPrice: gbp(123_456_789), total: gbp(123_456_789), trainingModule: null }],
            customer: { __typename: 'Customer', id: 'cust-2', name: 'Northwind Traders Ltd', homeDesk: 'UK' },
            decidedAt: '2026-11-27T09:15:00.000Z',
            decidedBy: { __typename: 'Contact', id: 'contact-9', name: 'Olivia Reed' },
            supersedes: null,
            ticket: null,
            addressedTo: null,
          }),
        },
      },
    })
    const { wrapper } = await mountApp(client, '/quotes/quote-7/print')
    expect(wrapper.get('[data-testid="document-total"]').text()).toBe('Total (GBP)£1,234,567.89')
    expect(wrapper.get('[data-testid="document-decision"]').text()).toBe('Accepted by Olivia Reed on 27 Nov 2026.')
    expect(wrapper.find('[data-testid="document-recipient"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Hours quoted')
  })

  it('is reached from the quote page, and says so when the quote does not exist', async () => {
    const { client } = mockClient({
      AdminViewer: signedIn,
      AdminQuote: { data: { quote: quote(7, { status: 'SENT' }), trainingModules: modules } },
      AdminQuotePrint: { data: { quote: null } },
    })
    const { wrapper, router } = await mountApp(client, '/quotes/quote-7')
    const link = wrapper.get('[data-testid="print-link"]')
    expect(link.text()).toBe('Print / Save as PDF')
    expect(link.attributes('href')).toBe('/quotes/quote-7/print')
    await router.push('/quotes/nope/print')
    await settle()
    expect(wrapper.get('.cv-state--empty').text()).toContain('There is no such quote')
    expect(wrapper.find('[data-testid="quote-document"]').exists()).toBe(false)
  })
})
