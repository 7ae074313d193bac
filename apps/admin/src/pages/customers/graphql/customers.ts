import { graphql } from '../../../gql'

export const CustomerListItemFragment = graphql(`
  fragment CustomerListItem on Customer {
    id
    name
    status
    homeDesk
    currency
    createdAt
  }
`)

export const CustomersQuery = graphql(`
  query Customers(
    $first: Int!
    $after: String
    $search: String
    $status: CustomerStatus
    $homeDesk: Desk
    $contractStatus: ContractStatusFilter
    $expiringWithinDays: Int
  ) {
    customers(
      first: $first
      after: $after
      search: $search
      status: $status
      homeDesk: $homeDesk
      contractStatus: $contractStatus
      expiringWithinDays: $expiringWithinDays
    ) {
      edges {
        cursor
        node {
          ...CustomerListItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      __typename
      ... on MutationCreateCustomerSuccess {
        customer {
          ...CustomerListItem
        }
      }
      ...TypedError
    }
  }
`)
