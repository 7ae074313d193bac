import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../../../router'
import { mockClient } from '@covered/ui/testing'
import { acme, contactViewer, mountApp, settle } from '../../../test/mountApp'

beforeAll(async () => {
  // The first import of the whole SPA takes seconds: load the lazy routes once, before the first test.
  const all = (list: RouteRecordRaw[]): RouteRecordRaw[] => list.flatMap((r) => [r, ...all(r.children ?? [])])
  await Promise.all(all(routes).map((r) => (typeof r.component === 'function' ? (r.component as () => Promise<unknown>)() : null)))
}, 60_000)
afterEach(() => {
  document.body.innerHTML = ''
})

const SAM = { __typename: 'Contact', id: 'Q29udGFjdDoy', name: 'Sam Okafor', isCustomerAdmin: false }
const JO = { __typename: 'Contact', id: 'Q29udGFjdDoz', name: 'Jo Park', isCustomerAdmin: false }
const ALEX = { __typename: 'Contact', id: contactViewer.id, name: 'Alex Rivera', isCustomerAdmin: true }

const signedIn = (who: { id: string; name: string } = contactViewer) => ({ data: { viewer: { ...contactViewer, id: who.id, name: who.name } } })

function viewer(who: { id: string; name: string; isCustomerAdmin: boolean }) {
  return {
    __typename: 'Contact',
    id: who.id,
    name: who.name,
    isCustomerAdmin: who.isCustomerAdmin,
    timeZone: 'America/Denver',
    customer: {
      __typename: 'Customer',
      id: acme.id,
      name: 'Acme Analytics',
      homeDesk: 'PACIFIC',
      contacts: [ALEX, JO, SAM],
      contracts: [{ __typename: 'Contract', id: 'contract-1', keyContacts: [{ __typename: 'Contact', id: SAM.id, name: 'Sam Okafor' }] }],
    },
  }
}

const money = (formatted: string) => ({ __typename: 'Money', formatted })

function quote(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Quote',
    id: 'quote-2',
    number: 'Q-2026-0002',
    status: 'SENT',
    purpose: 'SERVICES',
    currency: 'USD',
    validUntil: '2099-12-26',
    sentAt: '2026-11-26T04:06:15.000Z',
    decidedAt: null,
    decisionNote: null,
    version: 2,
    total: money('$375.00'),
    ticket: { __typename: 'Ticket', id: 'ticket-1', number: 'CT-001001', subject: 'Analyse our server logs' },
    decidedBy: null,
    contract: null,
    supersedes: null,
    lines: [
      {
        __typename: 'QuoteLine',
        position: 1,
        kind: 'HOURS',
        description: 'Professional Services: Analyse our server logs',
        quantity: '2.50',
        unitPrice: money('$150.00'),
        total: money('$375.00'),
      },
    ],
    ...overrides,
  }
}

const buttonNamed = (scope: Pick<VueWrapper, 'findAll'>, text: string) => scope.findAll('button').find((b) => b.text() === text)
function byLabel(scope: Pick<VueWrapper, 'findAll' | 'get'>, text: string): Omit<DOMWrapper<HTMLInputElement>, 'exists'> {
  const label = scope.findAll('label').find((l) => l.text().replace(/\s*\(required\)$/, '') === text)
  if (!label) throw new Error(`No label "${text}"`)
  return scope.get<HTMLInputElement>(`[id="${label.attributes('for')}"]`)
}

describe('portal quotes', () => {
  it('lists the organisation’s quotes, the ones waiting for a decision marked', async () => {
    const { client } = mockClient({
      PortalViewer: signedIn(),
      PortalQuotes: {
        data: {
          quotes: {
            __typename: 'QueryQuotesConnection',
            edges: [
              { __typename: 'QueryQuotesConnectionEdge', cursor: 'c1', node: quote() },
              {
                __typename: 'QueryQuotesConnectionEdge',
                cursor: 'c2',
                node: quote({ id: 'quote-1', number: 'Q-2026-0001', status: 'ACCEPTED', decidedBy: { __typename: 'Contact', id: SAM.id, name: 'Sam Okafor' } }),
              },
            ],
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/quotes')
    expect(wrapper.get('h1').text()).toBe('Quotes')
    expect(wrapper.get('[data-testid="quotes-waiting"]').text()).toBe('1 quote is waiting for a decision.')
    const items = wrapper.findAll('[data-testid="quote-item"]')
    expect(items[0]!.text()).toContain('Waiting for your decision')
    expect(items[0]!.text()).toContain('$375.00')
    expect(items[0]!.get('a').attributes('href')).toBe('/quotes/quote-2')
    expect(items[1]!.text()).toContain('Accepted by Sam Okafor')
    expect(wrapper.find('nav a[href="/quotes"]').text()).toBe('Quotes')
  })

  it('lets a customer admin accept a sent quote after a confirmation, with a note, and shows who accepted and when', async () => {
    const accepted = quote({
      status: 'ACCEPTED',
      version: 3,
      decidedAt: '2026-11-26T17:30:00.000Z',
      decidedBy: { __typename: 'Contact', id: ALEX.id, name: 'Alex Rivera' },
      decisionNote: 'PO 4471',
    })
    const { client, sent } = mockClient({
      PortalViewer: signedIn(),
      PortalQuote: { data: { quote: quote(), viewer: viewer(ALEX) } },
      AcceptQuote: { data: { acceptQuote: { __typename: 'MutationAcceptQuoteSuccess', quote: accepted } } },
    })
    const { wrapper } = await mountApp(client, '/quotes/quote-2')

    expect(wrapper.get('h1').text()).toBe('Quote Q-2026-0002')
    expect(wrapper.get('[data-testid="quote-line"]').text()).toContain('Professional Services: Analyse our server logs')
    expect(wrapper.get('[data-testid="quote-total"]').text()).toBe('$375.00')
    expect(wrapper.get('[data-testid="quote-facts"]').text()).toContain('26 Dec 2099')

    await buttonNamed(wrapper, 'Accept quote')!.trigger('click')
    const confirm = wrapper.get('[data-testid="decision-confirm"]')
    expect(confirm.text()).toContain('Accept Q-2026-0002 for $375.00?')
    expect(sent('AcceptQuote')).toHaveLength(0)
    await byLabel(confirm, 'Note for Covered').setValue('PO 4471')
    await confirm.trigger('submit')
    await settle()

    expect(sent('AcceptQuote')[0]!.variables).toEqual({ quoteId: 'quote-2', note: 'PO 4471' })
    expect(wrapper.get('[data-testid="decision-done"]').text()).toContain('You accepted the quote.')
    expect(wrapper.get('[data-testid="decided-by"]').text()).toContain('Accepted by Alex Rivera on 26 Nov 2026, 10:30')
    expect(wrapper.get('[data-testid="decided-by"]').text()).toContain('PO 4471')
    expect(wrapper.get('[data-testid="quote-status"]').text()).toBe('Accepted')
    expect(buttonNamed(wrapper, 'Accept quote')).toBeUndefined()
  })

  it('shows a contact who is neither a key contact nor a customer admin the quote read-only, with who may accept', async () => {
    const { client } = mockClient({
      PortalViewer: signedIn(JO),
      PortalQuote: { data: { quote: quote(), viewer: viewer(JO) } },
    })
    const { wrapper } = await mountApp(client, '/quotes/quote-2')
    expect(buttonNamed(wrapper, 'Accept quote')).toBeUndefined()
    expect(buttonNamed(wrapper, 'Decline')).toBeUndefined()
    expect(wrapper.get('[data-testid="who-may-decide"]').text()).toContain(
      'Only key contacts and customer admins of Acme Analytics can accept or decline quotes: Alex Rivera or Sam Okafor.',
    )
    expect(wrapper.get('[data-testid="quote-line"]').text()).toContain('$375.00')
  })

  it('lets a key contact who is not a customer admin decide', async () => {
    const { client } = mockClient({ PortalViewer: signedIn(SAM), PortalQuote: { data: { quote: quote(), viewer: viewer(SAM) } } })
    const { wrapper } = await mountApp(client, '/quotes/quote-2')
    expect(buttonNamed(wrapper, 'Accept quote')).toBeDefined()
    expect(buttonNamed(wrapper, 'Decline')).toBeDefined()
  })

  it('says why an expired, withdrawn or superseded quote cannot be accepted', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown> | 'error' | null, string][] = [
      [{ status: 'EXPIRED', validUntil: '2026-11-20' }, { id: 'quote-2', supersededBy: null }, 'This quote has expired'],
      [{ status: 'SENT', validUntil: '2020-01-01' }, null, 'This quote has expired'],
      [{ status: 'WITHDRAWN' }, { id: 'quote-2', supersededBy: null }, 'This quote was withdrawn'],
      [
        { status: 'WITHDRAWN' },
        { id: 'quote-2', supersededBy: { __typename: 'Quote', id: 'quote-3', number: 'Q-2026-0003', status: 'SENT' } },
        'Covered revised it as Q-2026-0003; accept that one instead.',
      ],
      [{ status: 'WITHDRAWN' }, 'error', 'Covered is preparing a revised quote'],
    ]
    for (const [overrides, revision, text] of cases) {
      const { client } = mockClient({
        PortalViewer: signedIn(),
        PortalQuote: { data: { quote: quote(overrides), viewer: viewer(ALEX) } },
        PortalQuoteRevision:
          revision === 'error'
            ? { data: { quote: { __typename: 'Quote', id: 'quote-2', supersededBy: null } }, errors: [{ message: 'Unexpected error.' }] }
            : { data: { quote: revision && { __typename: 'Quote', ...revision } } },
      })
      const { wrapper } = await mountApp(client, '/quotes/quote-2')
      await settle()
      const why = wrapper.get('[data-testid="cannot-accept"]')
      expect(why.text()).toContain(text)
      expect(buttonNamed(wrapper, 'Accept quote')).toBeUndefined()
      wrapper.unmount()
      document.body.innerHTML = ''
    }
  })

  it('keeps the API’s words when it refuses', async () => {
    const { client } = mockClient({
      PortalViewer: signedIn(),
      PortalQuote: { data: { quote: quote(), viewer: viewer(ALEX) } },
      DeclineQuote: {
        data: {
          declineQuote: {
            __typename: 'PolicyError',
            code: 'POLICY',
            rule: 'INVALID_TRANSITION',
            message: 'This quote was replaced by a revised quote; accept the newer one instead.',
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/quotes/quote-2')
    await buttonNamed(wrapper, 'Decline')!.trigger('click')
    await wrapper.get('[data-testid="decision-confirm"]').trigger('submit')
    await settle()
    const problem = wrapper.get('[data-testid="form-problem"]').text()
    expect(problem).toContain('The quote was not declined')
    expect(problem).toContain('This quote was replaced by a revised quote; accept the newer one instead.')
  })

  it('says so when there is no such quote', async () => {
    const { client } = mockClient({ PortalViewer: signedIn(), PortalQuote: { data: { quote: null, viewer: viewer(ALEX) } } })
    const { wrapper } = await mountApp(client, '/quotes/nope')
    expect(wrapper.get('h1').text()).toBe('Quote not found')
  })
})
