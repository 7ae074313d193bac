import { usePortalAccess as usePortalAccessWith } from '@covered/ui'
import { InviteToPortalMutation, RevokePortalAccessMutation, SendPortalPasswordResetMutation } from '../graphql/customer'

/** Invites, resends, sends reset links and revokes a contact's portal access (see @covered/ui usePortalAccess). */
export function usePortalAccess(after: () => Promise<unknown>) {
  return usePortalAccessWith({ invite: InviteToPortalMutation, reset: SendPortalPasswordResetMutation, revoke: RevokePortalAccessMutation }, after)
}
