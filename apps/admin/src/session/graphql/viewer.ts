import { graphql } from '../../gql'

export const AdminViewerFragment = graphql(`
  fragment AdminViewer on Viewer {
    __typename
    ... on StaffUser {
      id
      name
      email
      role
      desk
      away
    }
    ... on Contact {
      id
      name
      email
    }
  }
`)

export const AdminViewerQuery = graphql(`
  query AdminViewer {
    viewer {
      ...AdminViewer
    }
  }
`)

export const AdminLogoutMutation = graphql(`
  mutation AdminLogout {
    logout
  }
`)
