import { graphql } from '../../../gql'

/** A quote as the portal's list shows it. */
export const PortalQuoteRowFragment = graphql(`
  fragment PortalQuoteRow on Quote {
    id
    number
    status
    purpose
    currency
    validUntil
    sentAt
    decidedAt
    total {
      formatted
    }
    ticket {
      id
      number
      subject
    }
    decidedBy {
      id
      name
    }
  }
`)

export const PortalQuotesQuery = graphql(`
  query PortalQuotes($first: Int!, $after: String) {
    quotes(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...PortalQuoteRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const PortalQuoteDetailFragment = graphql(`
  fragment PortalQuoteDetail on Quote {
    ...PortalQuoteRow
    version
    decisionNote
    lines {
      position
      kind
      description
      quantity
      unitPrice {
        formatted
      }
      total {
        formatted
      }
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
`)

/** One quote, and who at the organisation may accept or decline it (key contacts and customer admins). */
export const PortalQuoteQuery = graphql(`
  query PortalQuote($id: ID!) {
    quote(id: $id) {
      ...PortalQuoteDetail
    }
    viewer {
      __typename
      ... on Contact {
        id
        name
        isCustomerAdmin
        timeZone
        customer {
          id
          name
          homeDesk
          contacts {
            id
            name
            isCustomerAdmin
          }
          contracts {
            id
            keyContacts {
              id
              name
            }
          }
        }
      }
      ... on StaffUser {
        id
        name
      }
    }
  }
`)

/**
 * The quote that replaced this one, asked on its own: while the revision is still a draft the API cannot show it
 * to a customer and answers this field with an error, which must not take the quote page down with it.
 */
export const PortalQuoteRevisionQuery = graphql(`
  query PortalQuoteRevision($id: ID!) {
    quote(id: $id) {
      id
      supersededBy {
        id
        number
        status
      }
    }
  }
`)

export const AcceptQuoteMutation = graphql(`
  mutation AcceptQuote($quoteId: ID!, $note: String) {
    acceptQuote(quoteId: $quoteId, note: $note) {
      __typename
      ... on MutationAcceptQuoteSuccess {
        quote {
          ...PortalQuoteDetail
        }
      }
      ...TypedError
    }
  }
`)

export const DeclineQuoteMutation = graphql(`
  mutation DeclineQuote($quoteId: ID!, $note: String) {
    declineQuote(quoteId: $quoteId, note: $note) {
      __typename
      ... on MutationDeclineQuoteSuccess {
        quote {
          ...PortalQuoteDetail
        }
      }
      ...TypedError
    }
  }
`)

/** The printable quote (UiQuoteDocument): another organisation's quote, or a draft, is answered as null. */
export const PortalQuotePrintQuery = graphql(`
  query PortalQuotePrint($id: ID!) {
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
    viewer {
      __typename
      ... on StaffUser {
        id
        name
      }
    }
  }
`)
