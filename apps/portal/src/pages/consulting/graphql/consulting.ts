import { graphql } from '../../../gql'

export const SubmitConsultingRequestMutation = graphql(`
  mutation SubmitConsultingRequest(
    $organisation: String!
    $name: String!
    $email: String!
    $phone: String
    $message: String!
    $website: String
  ) {
    submitConsultingRequest(
      organisation: $organisation
      name: $name
      email: $email
      phone: $phone
      message: $message
      website: $website
    ) {
      __typename
      ... on MutationSubmitConsultingRequestSuccess {
        received {
          accepted
        }
      }
      ...TypedError
      ... on TooManyAttemptsError {
        message
        retryAfterSeconds
      }
    }
  }
`)
