import { graphql } from '../../../gql'

export const RenewalsDueQuery = graphql(`
  query RenewalsDue($withinDays: Int!) {
    renewalsDue(withinDays: $withinDays) {
      withinDays
      items {
        endsOn
        renewalFee {
          amount
          currency
          formatted
        }
        contract {
          id
          kind
          status
          customer {
            id
            name
            homeDesk
          }
        }
      }
      totals {
        amount
        currency
        formatted
      }
    }
  }
`)
