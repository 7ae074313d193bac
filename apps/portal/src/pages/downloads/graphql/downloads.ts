import { graphql } from '../../../gql'

/** Every release out so far for the contact's organisation, each with whether it may be downloaded and why. */
export const PortalDownloadsQuery = graphql(`
  query PortalDownloads {
    viewer {
      __typename
      ... on Contact {
        id
        customer {
          id
          name
        }
      }
      ... on StaffUser {
        id
        name
      }
    }
    downloads {
      __typename
      ... on QueryDownloadsSuccess {
        downloads {
          kind
          available
          reason
          rule
          release {
            id
            version
            releasedOn
            notesHtml
            downloadUrl
          }
        }
      }
      ...TypedError
    }
  }
`)
