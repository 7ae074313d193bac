import { graphql } from '../../../gql'

export const AdminLoginMutation = graphql(`
  mutation AdminLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on MutationLoginSuccess {
        viewer {
          ...AdminViewer
        }
      }
      ...TypedError
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
    }
  }
`)
