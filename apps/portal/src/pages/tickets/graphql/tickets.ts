import { graphql } from '../../../gql'

/** Who is asking: the contact's plan (for the expected response time), home desk and time zone. */
export const PortalTicketViewerQuery = graphql(`
  query PortalTicketViewer {
    viewer {
      __typename
      ... on Contact {
        id
        name
        timeZone
        entitlement {
          plan
          lane
          reasons
          remedies
        }
        customer {
          id
          name
          homeDesk
        }
      }
      ... on StaffUser {
        id
        name
      }
    }
  }
`)

/** The first-response target as `firstResponseLine` reads it (its kind tells a guarantee from a goal). */
export const PortalSlaTargetFragment = graphql(`
  fragment PortalSlaTarget on SlaTarget {
    kind
    dueAt
    state
    metAt
  }
`)

/** The resolution target as `resolutionLine` reads it: always a goal, so its kind is not asked for. */
export const PortalResolutionTargetFragment = graphql(`
  fragment PortalResolutionTarget on SlaTarget {
    dueAt
    state
    metAt
  }
`)

/**
 * One row of the tickets list: only what the row reads (the list sends up to 20 of these per section on every
 * load and refresh, so each field costs). The ticket page asks for the rest in `PortalTicketDetail`.
 */
export const PortalTicketSummaryFragment = graphql(`
  fragment PortalTicketSummary on Ticket {
    id
    number
    subject
    categoryLabel
    status
    statusLabel
    waitingOnCustomer
    lastMessageAt
    requester {
      id
      name
    }
    firstResponse {
      ...PortalSlaTarget
    }
    resolution {
      ...PortalResolutionTarget
    }
  }
`)

/** The tickets the contact may see (a key contact: the organisation's; another contact: their own), latest activity first. */
export const PortalTicketsQuery = graphql(`
  query PortalTickets($statuses: [TicketStatus!], $first: Int!, $after: String) {
    tickets(order: RECENT_ACTIVITY, statuses: $statuses, first: $first, after: $after) {
      edges {
        node {
          ...PortalTicketSummary
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const PortalTicketCategoriesQuery = graphql(`
  query PortalTicketCategories {
    ticketCategories {
      code
      label
      description
      usualScope
      hint
    }
  }
`)

/** "Sent now, answered by …" for the contact's plan and home desk. */
export const PortalTicketSlaPreviewQuery = graphql(`
  query PortalTicketSlaPreview($plan: SupportPlan!, $homeDesk: Desk!, $receivedAt: DateTime!) {
    slaPreview(plan: $plan, homeDesk: $homeDesk, receivedAt: $receivedAt) {
      __typename
      ... on QuerySlaPreviewSuccess {
        preview {
          plan
          receivedAt
          firstResponseDueAt
          firstResponseKind
          resolutionDueAt
          resolutionKind
          warnings {
            code
            desk
            year
            message
          }
        }
      }
      ... on ValidationError {
        message
      }
    }
  }
`)

export const PortalOpenTicketMutation = graphql(`
  mutation PortalOpenTicket($input: OpenTicketInput!) {
    openTicket(input: $input) {
      __typename
      ... on MutationOpenTicketSuccess {
        ticket {
          ...PortalTicketSummary
        }
      }
      ...TypedError
    }
  }
`)

/** Everything the ticket page shows; the live subscription asks for the same. */
export const PortalTicketDetailFragment = graphql(`
  fragment PortalTicketDetail on Ticket {
    ...PortalTicketSummary
    plan
    receivedAt
    category
    version
    entitlement {
      plan
      lane
      reasons
      remedies
    }
    scope {
      decision
      explanation
    }
    firstResponse {
      businessMinutesLeft
    }
    resolution {
      businessMinutesLeft
    }
    messages {
      id
      body
      authorName
      authorKind
      createdAt
    }
    timeline {
      id
      kind
      summary
      at
    }
  }
`)

export const PortalTicketQuery = graphql(`
  query PortalTicket($id: ID!) {
    ticket(id: $id) {
      ...PortalTicketDetail
    }
  }
`)

export const PortalTicketChangedSubscription = graphql(`
  subscription PortalTicketChanged($id: ID!) {
    ticketChanged(id: $id) {
      ...PortalTicketDetail
    }
  }
`)

export const PortalReplyToTicketMutation = graphql(`
  mutation PortalReplyToTicket($ticketId: ID!, $body: String!) {
    replyToTicket(ticketId: $ticketId, body: $body) {
      __typename
      ... on MutationReplyToTicketSuccess {
        ticket {
          ...PortalTicketDetail
        }
      }
      ...TypedError
    }
  }
`)
