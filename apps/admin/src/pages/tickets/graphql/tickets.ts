import { graphql } from '../../../gql'

/** One response-time target (first response or resolution) as the pages show it. */
export const TicketSlaTargetFragment = graphql(`
  fragment TicketSlaTarget on SlaTarget {
    kind
    state
    dueAt
    warningAt
    metAt
    businessMinutesLeft
  }
`)

/** A row of a queue. */
export const TicketQueueItemFragment = graphql(`
  fragment TicketQueueItem on Ticket {
    id
    number
    subject
    status
    statusLabel
    waitingOnCustomer
    plan
    lane
    desk
    category
    categoryLabel
    scope {
      decision
    }
    assignee {
      id
      name
    }
    customer {
      id
      name
    }
    requester {
      id
      name
    }
    receivedAt
    lastMessageAt
    lastMessage {
      id
      excerpt
      internal
      authorKind
      authorName
    }
    paused
    firstResponse {
      ...TicketSlaTarget
    }
    resolution {
      ...TicketSlaTarget
    }
    version
  }
`)

export const TicketQueueQuery = graphql(`
  query TicketQueue(
    $first: Int!
    $after: String
    $desk: Desk
    $mine: Boolean
    $assigneeId: ID
    $statuses: [TicketStatus!]
    $plan: EntitlementPlan
    $category: TicketCategory
    $scope: ScopeDecision
    $unassigned: Boolean
    $atRisk: Boolean
    $order: TicketOrder
  ) {
    tickets(
      first: $first
      after: $after
      desk: $desk
      mine: $mine
      assigneeId: $assigneeId
      statuses: $statuses
      plan: $plan
      category: $category
      scope: $scope
      unassigned: $unassigned
      atRisk: $atRisk
      order: $order
    ) {
      edges {
        cursor
        node {
          ...TicketQueueItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

/** Any ticket of the desk (or of every desk) that changed: the queue refreshes itself. */
export const TicketQueueChangedSubscription = graphql(`
  subscription TicketQueueChanged($desk: Desk) {
    queueChanged(desk: $desk) {
      ...TicketQueueItem
    }
  }
`)

export const TicketCategoriesQuery = graphql(`
  query TicketCategories {
    ticketCategories {
      code
      label
      usualScope
    }
  }
`)

/** Everything the ticket page shows. */
export const TicketDetailFragment = graphql(`
  fragment TicketDetail on Ticket {
    ...TicketQueueItem
    lane
    entitlement {
      plan
      lane
      rule
      reasons
      remedies
    }
    scope {
      decision
      rule
      explanation
      labelsCounted
    }
    customer {
      id
      name
      homeDesk
    }
    requester {
      id
      name
      email
      timeZone
    }
    resolvedAt
    allowedStatusChanges
    messages {
      id
      body
      internal
      authorName
      authorKind
      createdAt
    }
    timeline {
      id
      kind
      summary
      actorName
      actorKind
      at
      data
    }
  }
`)

export const TicketPageQuery = graphql(`
  query TicketPage($id: ID!) {
    ticket(id: $id) {
      ...TicketDetail
    }
  }
`)

export const TicketPageChangedSubscription = graphql(`
  subscription TicketPageChanged($id: ID!) {
    ticketChanged(id: $id) {
      ...TicketDetail
    }
  }
`)

export const ReplyToTicketMutation = graphql(`
  mutation ReplyToTicket($ticketId: ID!, $body: String!, $internal: Boolean) {
    replyToTicket(ticketId: $ticketId, body: $body, internal: $internal) {
      __typename
      ... on MutationReplyToTicketSuccess {
        ticket {
          ...TicketDetail
        }
      }
      ... on Error {
        code
        message
      }
      ... on ValidationError {
        fieldErrors {
          field
          message
        }
      }
      ... on PolicyError {
        rule
      }
    }
  }
`)

export const ChangeTicketStatusMutation = graphql(`
  mutation ChangeTicketStatus($ticketId: ID!, $status: TicketStatus!) {
    changeTicketStatus(ticketId: $ticketId, status: $status) {
      __typename
      ... on MutationChangeTicketStatusSuccess {
        ticket {
          ...TicketDetail
        }
      }
      ... on Error {
        code
        message
      }
      ... on ValidationError {
        fieldErrors {
          field
          message
        }
      }
      ... on PolicyError {
        rule
      }
    }
  }
`)

export const AssignTicketMutation = graphql(`
  mutation AssignTicket($ticketId: ID!, $assigneeId: ID) {
    assignTicket(ticketId: $ticketId, assigneeId: $assigneeId) {
      __typename
      ... on MutationAssignTicketSuccess {
        ticket {
          ...TicketDetail
        }
      }
      ... on Error {
        code
        message
      }
      ... on ValidationError {
        fieldErrors {
          field
          message
        }
      }
      ... on PolicyError {
        rule
      }
    }
  }
`)

export const DecideTicketScopeMutation = graphql(`
  mutation DecideTicketScope($ticketId: ID!, $scope: ScopeDecision!, $reason: String!) {
    decideTicketScope(ticketId: $ticketId, scope: $scope, reason: $reason) {
      __typename
      ... on MutationDecideTicketScopeSuccess {
        ticket {
          ...TicketDetail
        }
      }
      ... on Error {
        code
        message
      }
      ... on ValidationError {
        fieldErrors {
          field
          message
        }
      }
      ... on PolicyError {
        rule
      }
    }
  }
`)

/** The active support team, for assignment and the assignee filter. */
export const TicketStaffQuery = graphql(`
  query TicketStaff {
    staffUsers {
      id
      name
      role
      desk
    }
  }
`)
