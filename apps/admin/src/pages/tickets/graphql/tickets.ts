import { graphql } from '../../../gql'

/** One response-time target (first response or resolution) as the ticket page shows it. */
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

/**
 * One response-time target as a queue row reads it: only what picks the target that matters (`currentSlaTarget`)
 * and what its countdown, tone and row marks (at risk, breached) read.
 */
export const TicketQueueSlaTargetFragment = graphql(`
  fragment TicketQueueSlaTarget on SlaTarget {
    state
    businessMinutesLeft
  }
`)

/**
 * A row of a queue: only what the queue table reads (the queue sends 25-100 of these on every load and live
 * refresh, so each field costs). A live `queueChanged` event replaces a row whole, so it asks for the same.
 * The ticket page asks for the rest in `TicketDetail`.
 */
export const TicketQueueItemFragment = graphql(`
  fragment TicketQueueItem on Ticket {
    id
    number
    subject
    status
    statusLabel
    plan
    lane
    categoryLabel
    assignee {
      id
      name
    }
    customer {
      name
    }
    requester {
      name
    }
    lastMessageAt
    lastMessage {
      excerpt
      internal
      authorKind
      authorName
    }
    firstResponse {
      ...TicketQueueSlaTarget
    }
    resolution {
      ...TicketQueueSlaTarget
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

/** An article as the reply composer's "Cite an article" offers it, and as the page lists it once cited. */
export const CitableArticleFragment = graphql(`
  fragment CitableArticle on Article {
    id
    title
    slug
    visibility
  }
`)

/** Published articles for the reply composer's "Cite an article": matching what is typed (the last word may be unfinished), best first. */
export const CitableArticlesQuery = graphql(`
  query CitableArticles($search: String!) {
    suggestArticles(subject: $search, first: 6) {
      article {
        ...CitableArticle
      }
    }
  }
`)

/** Everything the ticket page shows. */
export const TicketDetailFragment = graphql(`
  fragment TicketDetail on Ticket {
    ...TicketQueueItem
    lane
    desk
    receivedAt
    paused
    firstResponse {
      ...TicketSlaTarget
    }
    resolution {
      ...TicketSlaTarget
    }
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
    articleCitations {
      article {
        ...CitableArticle
      }
      citedAt
      citedByName
      customerVisible
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
  mutation ReplyToTicket($ticketId: ID!, $body: String!, $internal: Boolean, $citedArticleIds: [ID!]) {
    replyToTicket(ticketId: $ticketId, body: $body, internal: $internal, citedArticleIds: $citedArticleIds) {
      __typename
      ... on MutationReplyToTicketSuccess {
        ticket {
          ...TicketDetail
        }
      }
      ...TypedError
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
      ...TypedError
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
      ...TypedError
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
      ...TypedError
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
      away
    }
  }
`)
