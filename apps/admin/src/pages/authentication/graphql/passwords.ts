import { graphql } from '../../../gql'

export const AdminRequestPasswordResetMutation = graphql(`
  mutation AdminRequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
      ...TypedError
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
    }
  }
`)

export const AdminPasswordLinkQuery = graphql(`
  query AdminPasswordLink($token: String!) {
    passwordLink(token: $token) {
      __typename
      ... on QueryPasswordLinkSuccess {
        link {
          purpose
          accountKind
          name
          email
          expiresAt
        }
      }
      ... on InvalidLinkError {
        code
        message
        reason
      }
    }
  }
`)

export const AdminSetPasswordMutation = graphql(`
  mutation AdminSetPassword($token: String!, $password: String!) {
    setPasswordWithLink(token: $token, password: $password) {
      __typename
      ... on MutationSetPasswordWithLinkSuccess {
        link {
          purpose
          accountKind
          email
        }
      }
      ...TypedError
      ... on InvalidLinkError {
        reason
      }
    }
  }
`)
