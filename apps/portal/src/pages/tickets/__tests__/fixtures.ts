import { contactViewer } from '../../../test/mountApp'

/** Tue 25 Nov 2026, 17:00 UTC: 10:00 in Denver (Mountain Time, UTC−7), 17:00 in London. */
export const NOW = '2026-11-25T17:00:00.000Z'
export const TICKET_ID = 'VGlja2V0OjE='

export const signedIn = { data: { viewer: contactViewer } }

export function ticketViewer(overrides: { timeZone?: string | null; plan?: string; homeDesk?: string; reasons?: string[]; remedies?: string[] } = {}) {
  return {
    data: {
      viewer: {
        __typename: 'Contact',
        id: contactViewer.id,
        name: contactViewer.name,
        timeZone: overrides.timeZone === undefined ? 'America/Denver' : overrides.timeZone,
        entitlement: {
          __typename: 'Entitlement',
          plan: overrides.plan ?? 'PREMIUM',
          lane: 'CUSTOMER',
          reasons: overrides.reasons ?? ['Alex Rivera is a key contact on an active Premium Support contract.'],
          remedies: overrides.remedies ?? [],
        },
        customer: { __typename: 'Customer', id: contactViewer.customer.id, name: contactViewer.customer.name, homeDesk: overrides.homeDesk ?? 'PACIFIC' },
      },
    },
  }
}

const target = (kind: string, dueAt: string, state = 'RUNNING', metAt: string | null = null, businessMinutesLeft: number | null = 180) => ({
  __typename: 'SlaTarget',
  kind,
  dueAt,
  state,
  metAt,
  businessMinutesLeft,
})

/** A ticket as the API answers the ticket page (a superset of a list row). */
export function ticket(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Ticket',
    id: TICKET_ID,
    number: 'CT-000101',
    subject: 'Report totals differ from last week',
    category: 'DATA_DISCREPANCY',
    categoryLabel: 'Numbers that look wrong',
    status: 'OPEN',
    statusLabel: 'Open',
    waitingOnCustomer: false,
    plan: 'PREMIUM',
    paused: false,
    version: 1,
    receivedAt: '2026-11-25T16:00:00.000Z',
    lastMessageAt: '2026-11-25T16:00:00.000Z',
    requester: { __typename: 'Contact', id: contactViewer.id, name: 'Alex Rivera' },
    // 20:00 UTC is 13:00 in Denver.
    firstResponse: target('GUARANTEE', '2026-11-25T20:00:00.000Z'),
    resolution: target('GOAL', '2026-11-27T16:00:00.000Z', 'RUNNING', null, 1440),
    entitlement: {
      __typename: 'Entitlement',
      plan: 'PREMIUM',
      lane: 'CUSTOMER',
      reasons: ['Alex Rivera is a key contact on an active Premium Support contract.'],
      remedies: [],
    },
    scope: { __typename: 'TicketScope', decision: 'IN_SCOPE', explanation: 'Numbers that look wrong are included in technical support.' },
    messages: [
      {
        __typename: 'TicketMessage',
        id: 'TWVzc2FnZTox',
        body: 'The visits report shows 1,204 for Monday; last week it said 1,310.',
        authorName: 'Alex Rivera',
        authorKind: 'CONTACT',
        createdAt: '2026-11-25T16:00:00.000Z',
      },
    ],
    timeline: [{ __typename: 'TicketEvent', id: 'RXZlbnQ6MQ==', kind: 'CREATED', summary: 'Ticket received from Alex Rivera', at: '2026-11-25T16:00:00.000Z' }],
    ...overrides,
  }
}

export { target }

export function page(nodes: unknown[], hasNextPage = false, endCursor: string | null = null) {
  return {
    data: {
      tickets: {
        __typename: 'QueryTicketsConnection',
        edges: nodes.map((node) => ({ __typename: 'QueryTicketsConnectionEdge', node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
      },
    },
  }
}

export const categories = {
  data: {
    ticketCategories: [
      {
        __typename: 'TicketCategoryInfo',
        code: 'FEATURE_HELP',
        label: 'Understanding a feature',
        description: 'How a specific feature of the application works.',
        usualScope: 'IN_SCOPE',
        hint: 'Covered by technical support.',
      },
      {
        __typename: 'TicketCategoryInfo',
        code: 'BASIC_LABELS',
        label: 'Creating basic labels',
        description: 'Help creating basic labels: up to 5 per contract term are included.',
        usualScope: 'IN_SCOPE',
        hint: 'Covered by technical support for up to 5 basic labels per contract term; more need Professional Services.',
      },
      {
        __typename: 'TicketCategoryInfo',
        code: 'COMBINATION_LABELS',
        label: 'Combining labels',
        description: 'Interpreting labels joined together: up to 3 joined labels are included.',
        usualScope: 'IN_SCOPE',
        hint: 'Covered by technical support for up to 3 joined labels; more complex combinations need Professional Services.',
      },
      {
        __typename: 'TicketCategoryInfo',
        code: 'MULTI_SITE_TRACKING',
        label: 'Tracking several related websites',
        description: 'Datasets that treat several websites with different domains as one property.',
        usualScope: 'NEEDS_REVIEW',
        hint: 'Decided case by case: some help is included, but this may need Professional Services.',
      },
      {
        __typename: 'TicketCategoryInfo',
        code: 'SERVER_LOG_FILES',
        label: 'Server or log file problems',
        description: 'Log files that are incomplete, malformed or hard to get at because of server settings.',
        usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
        hint: 'This usually needs Professional Services: paid work, quoted before anything is done.',
      },
    ],
  },
}

export function slaPreview(firstResponseDueAt: string, kind: 'GOAL' | 'GUARANTEE', resolutionDueAt: string, receivedAt = NOW) {
  return {
    data: {
      slaPreview: {
        __typename: 'QuerySlaPreviewSuccess',
        preview: {
          __typename: 'SlaPreview',
          plan: kind === 'GUARANTEE' ? 'PREMIUM' : 'STANDARD',
          receivedAt,
          firstResponseDueAt,
          firstResponseKind: kind,
          resolutionDueAt,
          resolutionKind: 'GOAL',
          warnings: [],
        },
      },
    },
  }
}
