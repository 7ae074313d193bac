import { graphql } from '../../../gql'

/** A row of the customer list: every field here is a column of the table (CustomerTable). */
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
