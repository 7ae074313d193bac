import { staffViewer } from '../../../test/mountApp'

export const signedIn = { data: { viewer: staffViewer } }
export const CUSTOMER_ID = 'Q3VzdG9tZXI6MQ=='
export const TICKET_ID = 'VGlja2V0OjE='

const money = (amountMinor: number, currency = 'USD') => ({
  __typename: 'Money',
  amountMinor,
  currency,
  amount: (amountMinor / 100).toFixed(2),
  formatted: new Intl.NumberFormat(currency === 'GBP' ? 'en-GB' : 'en-US', { style: 'currency', currency }).format(amountMinor / 100),
})
export { money }

/** A quote as the lists and the quote page read it. */
export function quote(n: number, overrides: Record<string, unknown> = {}) {
  const currency = (overrides.currency as string | undefined) ?? 'USD'
  return {
    __typename: 'Quote',
    id: `quote-${n}`,
    number: `Q-2026-${String(n).padStart(4, '0')}`,
    status: 'DRAFT',
    purpose: 'SERVICES',
    currency,
    validUntil: '2026-12-26',
    quotedMinutes: 150,
    loggedMinutes: 0,
    createdAt: '2026-11-26T10:00:00.000Z',
    sentAt: null,
    decidedAt: null,
    version: 1,
    total: money(37500, currency),
    customer: { __typename: 'Customer', id: CUSTOMER_ID, name: 'Acme Analytics', currency, homeDesk: 'PACIFIC' },
    ticket: { __typename: 'Ticket', id: TICKET_ID, number: 'CT-001001', subject: 'Analyse our server logs', status: 'ESCALATED' },
    lines: [
      {
        __typename: 'QuoteLine',
        position: 1,
        kind: 'HOURS',
        description: 'Professional Services: Analyse our server logs',
        quantity: '2.50',
        unitPrice: money(15000, currency),
        total: money(37500, currency),
      },
    ],
    decisionNote: null,
    decidedBy: null,
    contract: null,
    supersedes: null,
    supersededBy: null,
    ...overrides,
  }
}

export const modules = [
  {
    __typename: 'TrainingModule',
    id: 'module-1',
    name: 'Analyst fundamentals',
    description: 'Reports and segments.',
    durationMinutes: 360,
    prices: [money(90000, 'USD'), money(72000, 'GBP')],
  },
  {
    __typename: 'TrainingModule',
    id: 'module-2',
    name: 'Labels in depth',
    description: 'Basic and combination labels.',
    durationMinutes: 180,
    prices: [money(45000, 'USD'), money(36000, 'GBP')],
  },
]

export function connection(field: string, nodes: unknown[], hasNextPage = false, endCursor: string | null = null) {
  const typename = field === 'quotes' ? 'QueryQuotesConnection' : 'QueryConsultingRequestsConnection'
  return {
    [field]: {
      __typename: typename,
      edges: nodes.map((node, i) => ({ __typename: `${typename}Edge`, cursor: `c${i}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    },
  }
}

export const newQuoteContext = {
  data: {
    customer: { __typename: 'Customer', id: CUSTOMER_ID, name: 'Acme Analytics', currency: 'USD', homeDesk: 'PACIFIC' },
    ticket: { __typename: 'Ticket', id: TICKET_ID, number: 'CT-001001', subject: 'Analyse our server logs', status: 'ESCALATED' },
    trainingModules: modules,
  },
}
