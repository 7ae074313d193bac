import { graphql } from '../../gql'

/**
 * What every typed failure carries, spread as `...TypedError` into each result union: the code and message of
 * any `Error`, the fields a ValidationError names, and the rule a PolicyError cites (what readOutcome reads).
 */
export const TypedErrorFragment = graphql(`
  fragment TypedError on Error {
    code
    message
    ... on ValidationError {
      fieldErrors {
        field
        message
      }
    }
    ... on PolicyError {
      rule
    }
  }
`)
