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
      ... on Error {
        code
        message
      }
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
      ... on ValidationError {
        fieldErrors {
          field
          message
        }
      }
    }
  }
`)
