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
