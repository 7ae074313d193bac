import { graphql } from '../../../gql'

export const SentMailQuery = graphql(`
  query SentMail($first: Int!, $after: String, $status: EmailStatus, $search: String) {
    emailCounts {
      queued
      sent
      failed
    }
    emailMessages(first: $first, after: $after, status: $status, search: $search) {
      edges {
        node {
          id
          kind
          kindLabel
          toAddress
          toName
          subject
          status
          attempts
          createdAt
          sentAt
          nextAttemptAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const SentMailMessageQuery = graphql(`
  query SentMailMessage($id: ID!) {
    emailMessage(id: $id) {
      id
      kind
      kindLabel
      toAddress
      toName
      subject
      status
      attempts
      createdAt
      sentAt
      nextAttemptAt
      lastError
      textBody
      htmlBody
      ticket {
        id
        number
      }
      deliveryAttempts {
        id
        attemptedAt
        outcome
        detail
      }
    }
  }
`)

export const EmailPreviewQuery = graphql(`
  query EmailPreview($kind: EmailKind!) {
    emailPreview(kind: $kind) {
      kind
      label
      description
      audience
      recipientName
      timeZone
      subject
      text
      html
    }
  }
`)

export const SendEmailPreviewMutation = graphql(`
  mutation SendEmailPreview($kind: EmailKind!, $to: String!) {
    sendEmailPreview(kind: $kind, to: $to) {
      __typename
      ... on MutationSendEmailPreviewSuccess {
        email {
          id
          toAddress
        }
      }
      ...TypedError
    }
  }
`)
