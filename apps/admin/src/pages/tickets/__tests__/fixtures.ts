import { staffViewer } from '../../../test/mountApp'

/** Eli, an engineer on the Pacific desk. */
export const engineerViewer = {
  __typename: 'StaffUser',
  id: 'U3RhZmZVc2VyOmVsaQ==',
  name: 'Eli Engineer',
  email: 'engineer@covered.example',
  role: 'ENGINEER',
  desk: 'PACIFIC',
} as const

export const adminViewer = staffViewer

export type Target = {
  __typename?: string
  kind: 'GOAL' | 'GUARANTEE'
  state: 'RUNNING' | 'PAUSED' | 'WARNING' | 'MET' | 'BREACHED'
  dueAt: string
  warningAt: string | null
  metAt: string | null
  businessMinutesLeft: number | null
}

export function target(overrides: Partial<Target> = {}): Target {
  return {
    __typename: 'SlaTarget',
    kind: 'GOAL',
    state: 'RUNNING',
    dueAt: '2026-11-26T22:00:00.000Z',
    warningAt: '2026-11-26T20:00:00.000Z',
    metAt: null,
    businessMinutesLeft: 130,
    ...overrides,
  }
}

/** A ticket as the queue and the ticket page read it. */
export function ticket(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Ticket',
    id: `ticket-${n}`,
    number: `CT-${String(n).padStart(6, '0')}`,
    subject: `Question ${n}`,
    status: 'NEW',
    statusLabel: 'New',
    waitingOnCustomer: false,
    plan: 'STANDARD',
    lane: 'CUSTOMER',
    desk: 'PACIFIC',
    category: 'BUG',
    categoryLabel: 'Bug report',
    scope: { __typename: 'TicketScope', decision: 'IN_SCOPE', rule: 'in-scope-category', explanation: 'Bugs are support.', labelsCounted: 0 },
    assignee: null,
    customer: { __typename: 'Customer', id: 'Q3VzdG9tZXI6MQ==', name: 'Acme Analytics', homeDesk: 'PACIFIC' },
    requester: { __typename: 'Contact', id: 'Q29udGFjdDox', name: 'Alex Rivera', email: 'alex@acme.example', timeZone: 'America/Denver' },
    receivedAt: '2026-11-26T15:00:00.000Z',
    lastMessageAt: '2026-11-26T15:00:00.000Z',
    lastMessage: {
      __typename: 'TicketMessagePreview',
      id: `m-${n}-1`,
      excerpt: 'The export stops at 10,000 rows.',
      internal: false,
      authorKind: 'CONTACT',
      authorName: 'Alex Rivera',
    },
    paused: false,
    firstResponse: target(),
    resolution: target({ dueAt: '2026-11-30T22:00:00.000Z', warningAt: null, businessMinutesLeft: 1380 }),
    version: 1,
    entitlement: {
      __typename: 'Entitlement',
      plan: 'STANDARD',
      lane: 'CUSTOMER',
      rule: 'maintenance-key-contact',
      reasons: ['Alex Rivera is a key contact on an active maintenance contract.'],
      remedies: [],
    },
    resolvedAt: null,
    allowedStatusChanges: ['OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED', 'CLOSED'],
    messages: [
      {
        __typename: 'TicketMessage',
        id: `m-${n}-1`,
        body: 'The export stops at 10,000 rows.',
        internal: false,
        authorName: 'Alex Rivera',
        authorKind: 'CONTACT',
        createdAt: '2026-11-26T15:00:00.000Z',
      },
    ],
    timeline: [
      {
        __typename: 'TicketEvent',
        id: `e-${n}-1`,
        kind: 'CREATED',
        summary: 'Ticket opened',
        actorName: 'Alex Rivera',
        actorKind: 'CONTACT',
        at: '2026-11-26T15:00:00.000Z',
        data: null,
      },
    ],
    articleCitations: [] as unknown[],
    ...overrides,
  }
}

export type TicketFixture = ReturnType<typeof ticket>

export function ticketConnection(nodes: TicketFixture[], hasNextPage = false, endCursor: string | null = null) {
  return {
    tickets: {
      __typename: 'QueryTicketsConnection',
      edges: nodes.map((node) => ({ __typename: 'QueryTicketsConnectionEdge', node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    },
  }
}

export const categories = {
  data: {
    ticketCategories: [
      { __typename: 'TicketCategoryInfo', code: 'BUG', label: 'Bug report', usualScope: 'IN_SCOPE' },
      { __typename: 'TicketCategoryInfo', code: 'MULTI_SITE_TRACKING', label: 'Multi-site tracking', usualScope: 'NEEDS_REVIEW' },
    ],
  },
}

export const staffReply = {
  data: {
    staffUsers: [
      { __typename: 'StaffUser', id: adminViewer.id, name: 'Ada Admin', role: 'ADMIN', desk: null },
      { __typename: 'StaffUser', id: engineerViewer.id, name: 'Eli Engineer', role: 'ENGINEER', desk: 'PACIFIC' },
      { __typename: 'StaffUser', id: 'U3RhZmZVc2VyOmhhcnJpZXQ=', name: 'Harriet Hughes', role: 'ENGINEER', desk: 'UK', away: true },
    ],
  },
}
