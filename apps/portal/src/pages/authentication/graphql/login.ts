import { graphql } from '../../../gql'

export const PortalLoginMutation = graphql(`
  mutation PortalLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on MutationLoginSuccess {
        viewer {
          ...PortalViewer
        }
      }
      ...TypedError
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
    }
  }
`)
