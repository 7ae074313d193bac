import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../../../router'
import { mockClient } from '@covered/ui/testing'
import { contactViewer, mountApp, staffViewer } from '../../../test/mountApp'

beforeAll(async () => {
  const all = (list: RouteRecordRaw[]): RouteRecordRaw[] => list.flatMap((r) => [r, ...all(r.children ?? [])])
  await Promise.all(all(routes).map((r) => (typeof r.component === 'function' ? (r.component as () => Promise<unknown>)() : null)))
}, 60_000)
afterEach(() => {
  document.body.innerHTML = ''
})

const minor = (amountMinor: number) => ({ __typename: 'Money', amountMinor, currency: 'USD' })
const printable = {
  __typename: 'Quote',
  id: 'quote-2',
  number: 'Q-2026-0002',
  status: 'SENT',
  purpose: 'SERVICES',
  currency: 'USD',
  validUntil: '2026-12-26',
  createdAt: '2026-11-26T10:00:00.000Z',
  sentAt: '2026-11-26T18:00:00.000Z',
  decidedAt: null,
  quotedMinutes: 150,
  total: minor(37_500),
  lines: [
    { __typename: 'QuoteLine', position: 1, kind: 'HOURS', description: 'Analyse our server logs', quantity: '2.50', unitPrice: minor(15_000), total: minor(37_500), trainingModule: null },
  ],
  customer: { __typename: 'Customer', id: 'cust-1', name: 'Acme Analytics', homeDesk: 'PACIFIC' },
  addressedTo: { __typename: 'QuoteRecipient', name: 'Sam Okafor', email: 'sam@acme.example' },
  decidedBy: null,
  ticket: { __typename: 'Ticket', id: 'ticket-1', number: 'CT-001001', subject: 'Analyse our server logs' },
  contract: null,
  supersedes: null,
}
const signedIn = { data: { viewer: contactViewer } }
const asContact = { __typename: 'Contact' }

describe('the printable quote (portal)', () => {
  it('shows the organisation’s quote as a document with a Print button', async () => {
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true })
    const { client, sent } = mockClient({ PortalViewer: signedIn, PortalQuotePrint: { data: { quote: printable, viewer: asContact } } })
    const { wrapper } = await mountApp(client, '/quotes/quote-2/print')
    expect(sent('PortalQuotePrint')[0]!.variables).toEqual({ id: 'quote-2' })
    expect(wrapper.get('[data-testid="document-number"]').text()).toBe('Q-2026-0002')
    expect(wrapper.get('[data-testid="document-customer"]').text()).toBe('Acme Analytics')
    expect(wrapper.get('[data-testid="document-recipient"]').text()).toContain('Attention: Sam Okafor')
    expect(wrapper.get('[data-testid="document-line"]').findAll('td').map((td) => td.text())).toEqual(['2.50 h', '$150.00', '$375.00'])
    expect(wrapper.get('[data-testid="document-total"]').text()).toBe('Total (USD)$375.00')
    expect(wrapper.get('[data-testid="document-terms"]').text()).toContain('Nothing is delivered before acceptance')
    expect(document.title).toBe('Quote Q-2026-0002 – Acme Analytics · Covered Support')
    const toolbar = wrapper.get('[data-testid="print-toolbar"]')
    expect(toolbar.get('a').attributes('href')).toBe('/quotes/quote-2')
    await toolbar.get('button').trigger('click')
    expect(print).toHaveBeenCalledOnce()
  })

  it('another organisation’s quote (answered as null by the API) is not found', async () => {
    const { client } = mockClient({ PortalViewer: signedIn, PortalQuotePrint: { data: { quote: null, viewer: asContact } } })
    const { wrapper } = await mountApp(client, '/quotes/not-ours/print')
    expect(wrapper.get('h1').text()).toBe('Quote not found')
    expect(wrapper.get('.cv-state--empty').text()).toContain('the quote is not for your organisation')
    expect(wrapper.find('[data-testid="quote-document"]').exists()).toBe(false)
  })

  it('staff signed in to the portal are told it is for customers', async () => {
    const { client } = mockClient({ PortalViewer: { data: { viewer: staffViewer } }, PortalQuotePrint: { data: { quote: printable, viewer: staffViewer } } })
    const { wrapper } = await mountApp(client, '/quotes/quote-2/print')
    expect(wrapper.find('[data-testid="quote-document"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Ada Admin')
  })
})
