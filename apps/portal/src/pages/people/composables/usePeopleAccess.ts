import { unexpectedErrorMessage, type PortalAccessAction } from '@covered/ui'
import { useMutation } from '@urql/vue'
import { ref } from 'vue'
import { PortalInviteToPortalMutation, PortalRevokeAccessMutation, PortalSendPasswordResetMutation } from '../graphql/people'

/** Invites, resends, sends reset links and revokes portal access for colleagues, keeping what the page says. */
export function usePeopleAccess(after: () => Promise<unknown>) {
  const invite = useMutation(PortalInviteToPortalMutation)
  const reset = useMutation(PortalSendPasswordResetMutation)
  const revoke = useMutation(PortalRevokeAccessMutation)
  const busy = ref<{ contactId: string; action: PortalAccessAction } | null>(null)
  const message = ref<string | null>(null)
  const problem = ref<string | null>(null)

  async function act(person: { id: string; name: string; email: string }, action: PortalAccessAction): Promise<void> {
    busy.value = { contactId: person.id, action }
    message.value = null
    problem.value = null
    try {
      const variables = { contactId: person.id }
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
        return
      }
      if (!outcome.__typename.endsWith('Success')) {
        problem.value = 'message' in outcome ? outcome.message : unexpectedErrorMessage(null)
        return
      }
      message.value = {
        invite: `${person.name} was invited: ${person.email} was emailed a link to choose a password (it works for 7 days).`,
        resend: `A new invitation was sent to ${person.email}; the earlier link no longer works.`,
        reset: `A link to choose a new password was sent to ${person.email}; it works for 1 hour.`,
        revoke: `${person.name} can no longer sign in to the portal, and was signed out everywhere.`,
      }[action]
      await after()
    } finally {
      busy.value = null
    }
  }

  return { act, busy, message, problem }
}
