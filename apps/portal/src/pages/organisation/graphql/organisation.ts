import { graphql } from '../../../gql'

export const PortalOrganisationQuery = graphql(`
  query PortalOrganisation {
    viewer {
      __typename
      ... on Contact {
        id
        name
        email
        isCustomerAdmin
        customer {
          id
          name
          status
          homeDesk
          currency
        }
      }
      ... on StaffUser {
        id
        name
      }
    }
  }
`)
