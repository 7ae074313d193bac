import { graphql } from '../../gql'

export const PortalViewerFragment = graphql(`
  fragment PortalViewer on Viewer {
    __typename
    ... on Contact {
      id
      name
      email
      isCustomerAdmin
      customer {
        id
        name
      }
    }
    ... on StaffUser {
      id
      name
      email
    }
  }
`)

export const PortalViewerQuery = graphql(`
  query PortalViewer {
    viewer {
      ...PortalViewer
    }
  }
`)

export const PortalLogoutMutation = graphql(`
  mutation PortalLogout {
    logout
  }
`)
