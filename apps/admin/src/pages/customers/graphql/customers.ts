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
  query Customers($first: Int!, $after: String, $search: String) {
    customers(first: $first, after: $after, search: $search) {
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
      ... on Error {
        code
        message
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
