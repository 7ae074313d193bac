import { graphql } from '../../../gql'

/** A quote as lists show it: the pipeline, the table, a ticket's quotes. */
export const AdminQuoteRowFragment = graphql(`
  fragment AdminQuoteRow on Quote {
    id
    number
    status
    purpose
    currency
    validUntil
    quotedMinutes
    loggedMinutes
    createdAt
    sentAt
    decidedAt
    version
    total {
      amountMinor
      currency
      formatted
    }
    customer {
      id
      name
    }
    ticket {
      id
      number
    }
  }
`)

/** Everything the quote page shows. */
export const AdminQuoteDetailFragment = graphql(`
  fragment AdminQuoteDetail on Quote {
    ...AdminQuoteRow
    lines {
      position
      kind
      description
      quantity
      unitPrice {
        amount
        formatted
      }
      total {
        formatted
      }
    }
    decisionNote
    decidedBy {
      id
      name
    }
    customer {
      id
      name
      currency
      homeDesk
    }
    ticket {
      id
      number
      subject
      status
    }
    contract {
      id
      kind
    }
    supersedes {
      id
      number
      status
    }
    supersededBy {
      id
      number
      status
    }
  }
`)

export const TrainingModuleOptionFragment = graphql(`
  fragment TrainingModuleOption on TrainingModule {
    id
    name
    description
    durationMinutes
    prices {
      amount
      currency
      formatted
    }
  }
`)

/** The table: one status (or all), newest first, a page at a time. */
export const AdminQuotesQuery = graphql(`
  query AdminQuotes($first: Int!, $after: String, $status: QuoteStatus) {
    quotes(first: $first, after: $after, status: $status) {
      edges {
        cursor
        node {
          ...AdminQuoteRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

/** The pipeline: counts, totals per currency and delivered against quoted time, by status, added up by the API. */
export const QuotePipelineQuery = graphql(`
  query QuotePipeline($from: DateTime!, $to: DateTime!) {
    quotePipeline(filter: { from: $from, to: $to }) {
      __typename
      ... on QueryQuotePipelineSuccess {
        rows {
          status
          currency
          count
          totalMinor
          quotedMinutes
          loggedMinutes
        }
      }
      ...TypedError
    }
  }
`)

export const NewConsultingRequestsQuery = graphql(`
  query NewConsultingRequests($first: Int!) {
    consultingRequests(first: $first, status: "NEW") {
      edges {
        node {
          id
          organisation
          contactName
          email
          phone
          message
          status
          createdAt
          customer {
            id
            name
            status
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`)

export const AdminQuoteQuery = graphql(`
  query AdminQuote($id: ID!) {
    quote(id: $id) {
      ...AdminQuoteDetail
    }
    trainingModules {
      ...TrainingModuleOption
    }
    rateCard {
      hourlyRates {
        currency
        rate {
          formatted
        }
      }
    }
  }
`)

/** What a new quote starts from: the customer (its currency), the ticket it is for, the modules to offer, the hourly rates. */
export const NewQuoteContextQuery = graphql(`
  query NewQuoteContext($customerId: ID!, $ticketId: ID!, $withTicket: Boolean!) {
    customer(id: $customerId) {
      id
      name
      currency
      homeDesk
    }
    ticket(id: $ticketId) @include(if: $withTicket) {
      id
      number
      subject
      status
    }
    trainingModules {
      ...TrainingModuleOption
    }
    rateCard {
      hourlyRates {
        currency
        rate {
          formatted
        }
      }
    }
  }
`)

export const QuoteCustomerSearchQuery = graphql(`
  query QuoteCustomerSearch($search: String) {
    customers(first: 50, search: $search) {
      edges {
        node {
          id
          name
          currency
          status
        }
      }
    }
  }
`)

export const CreateQuoteMutation = graphql(`
  mutation CreateQuote(
    $customerId: ID!
    $ticketId: ID
    $consultingRequestId: ID
    $lines: [QuoteLineInput!]!
    $validUntil: Date
  ) {
    createQuote(
      customerId: $customerId
      ticketId: $ticketId
      consultingRequestId: $consultingRequestId
      lines: $lines
      validUntil: $validUntil
    ) {
      __typename
      ... on MutationCreateQuoteSuccess {
        quote {
          ...AdminQuoteDetail
        }
      }
      ...TypedError
    }
  }
`)

export const UpdateDraftQuoteMutation = graphql(`
  mutation UpdateDraftQuote($quoteId: ID!, $lines: [QuoteLineInput!], $validUntil: Date) {
    updateDraftQuote(quoteId: $quoteId, lines: $lines, validUntil: $validUntil) {
      __typename
      ... on MutationUpdateDraftQuoteSuccess {
        quote {
          ...AdminQuoteDetail
        }
      }
      ...TypedError
    }
  }
`)

export const SendQuoteMutation = graphql(`
  mutation SendQuote($quoteId: ID!) {
    sendQuote(quoteId: $quoteId) {
      __typename
      ... on MutationSendQuoteSuccess {
        quote {
          ...AdminQuoteDetail
        }
      }
      ...TypedError
    }
  }
`)

export const WithdrawQuoteMutation = graphql(`
  mutation WithdrawQuote($quoteId: ID!) {
    withdrawQuote(quoteId: $quoteId) {
      __typename
      ... on MutationWithdrawQuoteSuccess {
        quote {
          ...AdminQuoteDetail
        }
      }
      ...TypedError
    }
  }
`)

export const ReviseQuoteMutation = graphql(`
  mutation ReviseQuote($quoteId: ID!) {
    reviseQuote(quoteId: $quoteId) {
      __typename
      ... on MutationReviseQuoteSuccess {
        quote {
          ...AdminQuoteDetail
        }
      }
      ...TypedError
    }
  }
`)

/* ---------- The Professional Services panel of a ticket ---------- */

export const TicketServicesQuery = graphql(`
  query TicketServices($id: ID!) {
    ticket(id: $id) {
      id
      number
      subject
      status
      version
      category
      recommendsTraining
      allowedStatusChanges
      scope {
        decision
      }
      customer {
        id
        name
        currency
        homeDesk
      }
      quotes {
        ...AdminQuoteRow
        supersededBy {
          id
        }
      }
    }
  }
`)

export const TrainingSuggestionsQuery = graphql(`
  query TrainingSuggestions($days: Int!) {
    dailyDemoSessions(days: $days) {
      desk
      startsAt
      endsAt
    }
    trainingModules {
      ...TrainingModuleOption
    }
  }
`)

export const EscalateTicketMutation = graphql(`
  mutation EscalateTicket($ticketId: ID!, $estimatedHours: String!, $description: String) {
    escalateTicket(ticketId: $ticketId, estimatedHours: $estimatedHours, description: $description) {
      __typename
      ... on MutationEscalateTicketSuccess {
        quote {
          ...AdminQuoteRow
          ticket {
            id
            status
            version
          }
        }
      }
      ...TypedError
    }
  }
`)

export const LogTimeMutation = graphql(`
  mutation LogTime($ticketId: ID!, $minutes: Int!, $note: String!) {
    logTime(ticketId: $ticketId, minutes: $minutes, note: $note) {
      __typename
      ... on MutationLogTimeSuccess {
        logged {
          minutes
          warning
          remainingMinutes
          quote {
            id
            number
            status
            quotedMinutes
            loggedMinutes
            version
          }
        }
      }
      ...TypedError
    }
  }
`)

/* ---------- The printable quote ---------- */

/** Everything the printed quote shows (UiQuoteDocument). */
export const AdminQuotePrintQuery = graphql(`
  query AdminQuotePrint($id: ID!) {
    quote(id: $id) {
      id
      number
      status
      purpose
      currency
      validUntil
      createdAt
      sentAt
      decidedAt
      quotedMinutes
      total {
        amountMinor
        currency
      }
      lines {
        position
        kind
        description
        quantity
        unitPrice {
          amountMinor
          currency
        }
        total {
          amountMinor
          currency
        }
        trainingModule {
          id
          name
        }
      }
      customer {
        id
        name
        homeDesk
      }
      addressedTo {
        name
        email
      }
      decidedBy {
        id
        name
      }
      ticket {
        id
        number
        subject
      }
      contract {
        id
        kind
      }
      supersedes {
        id
        number
      }
    }
  }
`)
