import { graphql } from '../../../gql'

export const PortalRequestPasswordResetMutation = graphql(`
  mutation PortalRequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
      ...TypedError
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
    }
  }
`)

export const PortalPasswordLinkQuery = graphql(`
  query PortalPasswordLink($token: String!) {
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

export const PortalSetPasswordMutation = graphql(`
  mutation PortalSetPassword($token: String!, $password: String!) {
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
