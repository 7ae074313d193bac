import { graphql } from '../../../gql'

export const TeamMemberFragment = graphql(`
  fragment TeamMember on StaffUser {
    id
    name
    email
    role
    desk
    active
    away
    awaySince
    invitationPending
    lastSignInAt
    deactivatedAt
    version
  }
`)

export const TeamQuery = graphql(`
  query Team {
    team {
      ...TeamMember
    }
  }
`)

export const InviteStaffUserMutation = graphql(`
  mutation InviteStaffUser($input: InviteStaffUserInput!) {
    inviteStaffUser(input: $input) {
      __typename
      ... on MutationInviteStaffUserSuccess {
        staffUser {
          ...TeamMember
        }
      }
      ...TypedError
    }
  }
`)

export const UpdateStaffUserMutation = graphql(`
  mutation UpdateStaffUser($input: UpdateStaffUserInput!) {
    updateStaffUser(input: $input) {
      __typename
      ... on MutationUpdateStaffUserSuccess {
        staffUser {
          ...TeamMember
        }
      }
      ...TypedError
    }
  }
`)

export const SetStaffAwayMutation = graphql(`
  mutation SetStaffAway($staffUserId: ID, $away: Boolean!) {
    setStaffAway(staffUserId: $staffUserId, away: $away) {
      __typename
      ... on MutationSetStaffAwaySuccess {
        staffUser {
          id
          away
          awaySince
          version
        }
      }
      ...TypedError
    }
  }
`)

export const DeactivateStaffUserMutation = graphql(`
  mutation DeactivateStaffUser($id: ID!) {
    deactivateStaffUser(id: $id) {
      __typename
      ... on MutationDeactivateStaffUserSuccess {
        result {
          ticketsReturned
          staffUser {
            ...TeamMember
          }
        }
      }
      ...TypedError
    }
  }
`)

export const ReactivateStaffUserMutation = graphql(`
  mutation ReactivateStaffUser($id: ID!) {
    reactivateStaffUser(id: $id) {
      __typename
      ... on MutationReactivateStaffUserSuccess {
        staffUser {
          ...TeamMember
        }
      }
      ...TypedError
    }
  }
`)

export const ResendStaffInvitationMutation = graphql(`
  mutation ResendStaffInvitation($id: ID!) {
    resendStaffInvitation(id: $id) {
      __typename
      ... on MutationResendStaffInvitationSuccess {
        staffUser {
          ...TeamMember
        }
      }
      ...TypedError
    }
  }
`)
