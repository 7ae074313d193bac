import { unexpectedErrorMessage, type PortalAccessAction } from '@covered/ui'
import { useMutation } from '@urql/vue'
import { ref } from 'vue'
import { InviteToPortalMutation, RevokePortalAccessMutation, SendPortalPasswordResetMutation } from '../graphql/customer'

/** Invites, resends, sends reset links and revokes portal access, keeping what the page says about it. */
export function usePortalAccess(after: () => Promise<unknown>) {
  const invite = useMutation(InviteToPortalMutation)
  const reset = useMutation(SendPortalPasswordResetMutation)
  const revoke = useMutation(RevokePortalAccessMutation)
  /** The contact and action running now. */
  const busy = ref<{ contactId: string; action: PortalAccessAction } | null>(null)
  const message = ref<string | null>(null)
  const problem = ref<string | null>(null)

  async function act(contact: { id: string; name: string; email: string }, action: PortalAccessAction): Promise<boolean> {
    busy.value = { contactId: contact.id, action }
    message.value = null
    problem.value = null
    try {
      const variables = { contactId: contact.id }
      const result =
        action === 'reset'
          ? await reset.executeMutation(variables)
          : action === 'revoke'
            ? await revoke.executeMutation(variables)
            : await invite.executeMutation(variables)
      const data = result.data
      const outcome = data && ('sendPortalPasswordReset' in data ? data.sendPortalPasswordReset : 'revokePortalAccess' in data ? data.revokePortalAccess : data.inviteToPortal)
      if (result.error || !outcome) {
        problem.value = unexpectedErrorMessage(result.error)
        return false
      }
      if (!outcome.__typename.endsWith('Success')) {
        problem.value = 'message' in outcome ? outcome.message : unexpectedErrorMessage(null)
        return false
      }
      message.value = {
        invite: `${contact.name} was invited: ${contact.email} was emailed a link to choose a password (it works for 7 days).`,
        resend: `A new invitation was sent to ${contact.email}; the earlier link no longer works.`,
        reset: `A link to choose a new password was sent to ${contact.email}; it works for 1 hour.`,
        revoke: `${contact.name}’s portal access was revoked: they were signed out and cannot sign in.`,
      }[action]
      await after()
      return true
    } finally {
      busy.value = null
    }
  }

  return { act, busy, message, problem }
}
