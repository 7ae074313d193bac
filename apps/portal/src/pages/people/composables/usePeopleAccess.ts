import { usePortalAccess } from '@covered/ui'
import { PortalInviteToPortalMutation, PortalRevokeAccessMutation, PortalSendPasswordResetMutation } from '../graphql/people'

/** Invites, resends, sends reset links and revokes portal access for colleagues (see @covered/ui usePortalAccess). */
export function usePeopleAccess(after: () => Promise<unknown>) {
  return usePortalAccess(
    { invite: PortalInviteToPortalMutation, reset: PortalSendPasswordResetMutation, revoke: PortalRevokeAccessMutation },
    after,
    (person) => `${person.name} can no longer sign in to the portal, and was signed out everywhere.`,
  )
}
