import { graphql } from '../../../gql'

export const PortalContractFragment = graphql(`
  fragment PortalContract on Contract {
    id
    kind
    status
    version
    keyContactCap
    license {
      id
      licenseKey
      edition {
        id
        name
      }
    }
    currentTerm {
      id
      start
      end
      status
      cancelledOn
      fee {
        currency
        formatted
      }
    }
    terms {
      id
      start
      end
      status
    }
    keyContacts {
      id
      name
      email
    }
  }
`)

export const PortalContractsQuery = graphql(`
  query PortalContracts {
    viewer {
      __typename
      ... on Contact {
        id
        name
        email
        isCustomerAdmin
        timeZone
        entitlement {
          plan
          lane
          rule
          reasons
          remedies
          contract {
            id
            kind
          }
        }
        customer {
          id
          name
          status
          homeDesk
          contracts {
            ...PortalContract
          }
          contacts {
            id
            name
            email
            isCustomerAdmin
          }
        }
      }
      ... on StaffUser {
        id
        name
      }
    }
  }
`)

export const PortalChangeKeyContactsMutation = graphql(`
  mutation PortalChangeKeyContacts(
    $contractId: ID!
    $expectedVersion: Int!
    $reason: String!
    $addContactId: ID
    $removeContactId: ID
  ) {
    changeKeyContacts(
      contractId: $contractId
      expectedVersion: $expectedVersion
      reason: $reason
      addContactId: $addContactId
      removeContactId: $removeContactId
    ) {
      __typename
      ... on MutationChangeKeyContactsSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)
