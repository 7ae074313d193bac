import { graphql } from '../../../gql'

export const PortalPersonFragment = graphql(`
  fragment PortalPerson on Contact {
    id
    name
    email
    isCustomerAdmin
    portalStatus
    lastSignInAt
  }
`)

export const PortalPeopleQuery = graphql(`
  query PortalPeople {
    viewer {
      __typename
      ... on Contact {
        id
        isCustomerAdmin
        customer {
          id
          name
          contacts {
            ...PortalPerson
          }
        }
      }
    }
  }
`)

export const PortalInviteContactMutation = graphql(`
  mutation PortalInviteContact($input: InviteContactInput!) {
    inviteContact(input: $input) {
      __typename
      ... on MutationInviteContactSuccess {
        contact {
          ...PortalPerson
        }
      }
      ...TypedError
    }
  }
`)

export const PortalInviteToPortalMutation = graphql(`
  mutation PortalInviteToPortal($contactId: ID!) {
    inviteToPortal(contactId: $contactId) {
      __typename
      ... on MutationInviteToPortalSuccess {
        contact {
          ...PortalPerson
        }
      }
      ...TypedError
    }
  }
`)

export const PortalSendPasswordResetMutation = graphql(`
  mutation PortalSendPasswordReset($contactId: ID!) {
    sendPortalPasswordReset(contactId: $contactId) {
      __typename
      ... on MutationSendPortalPasswordResetSuccess {
        contact {
          ...PortalPerson
        }
      }
      ...TypedError
    }
  }
`)

export const PortalRevokeAccessMutation = graphql(`
  mutation PortalRevokeAccess($contactId: ID!) {
    revokePortalAccess(contactId: $contactId) {
      __typename
      ... on MutationRevokePortalAccessSuccess {
        contact {
          ...PortalPerson
        }
      }
      ...TypedError
    }
  }
`)
