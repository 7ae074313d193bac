import { graphql } from '../../../gql'

export const AdminReleaseFragment = graphql(`
  fragment AdminRelease on Release {
    id
    version
    kind
    releasedOn
    notes
    notesHtml
    downloadUrl
    updatedAt
    lockVersion
  }
`)

/** Releases, newest version first (staff also see those dated in the future). */
export const AdminReleasesQuery = graphql(`
  query AdminReleases($first: Int!, $after: String) {
    releases(first: $first, after: $after) {
      edges {
        node {
          ...AdminRelease
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const CreateReleaseMutation = graphql(`
  mutation CreateRelease($input: CreateReleaseInput!) {
    createRelease(input: $input) {
      __typename
      ... on MutationCreateReleaseSuccess {
        release {
          ...AdminRelease
        }
      }
      ...TypedError
    }
  }
`)

export const UpdateReleaseMutation = graphql(`
  mutation UpdateRelease($input: UpdateReleaseInput!) {
    updateRelease(input: $input) {
      __typename
      ... on MutationUpdateReleaseSuccess {
        release {
          ...AdminRelease
        }
      }
      ...TypedError
    }
  }
`)

export const DeleteReleaseMutation = graphql(`
  mutation DeleteRelease($id: ID!, $expectedLockVersion: Int!) {
    deleteRelease(id: $id, expectedLockVersion: $expectedLockVersion) {
      __typename
      ... on MutationDeleteReleaseSuccess {
        release {
          id
        }
      }
      ...TypedError
    }
  }
`)
