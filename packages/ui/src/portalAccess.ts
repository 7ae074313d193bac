import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useMutation } from '@urql/vue'
import { ref } from 'vue'
import type { PortalAccessAction } from './components/UiPortalAccessActions.vue'
import { unexpectedErrorMessage } from './errors'

type Outcome = { __typename: string } | { __typename: string; message: string }
type AccessDocument<Field extends string> = TypedDocumentNode<{ [F in Field]: Outcome }, { contactId: string }>

/** The app's typed `inviteToPortal`, `sendPortalPasswordReset` and `revokePortalAccess` mutations. */
export interface PortalAccessDocuments {
  invite: AccessDocument<'inviteToPortal'>
  reset: AccessDocument<'sendPortalPasswordReset'>
  revoke: AccessDocument<'revokePortalAccess'>
}

interface Person {
  id: string
  name: string
  email: string
}

/**
 * Invites, resends, sends reset links and revokes portal access, keeping what the page says about it. `after`
 * reloads what changed; `revoked` words the revocation for the reader (staff, or a colleague).
 */
export function usePortalAccess(
  documents: PortalAccessDocuments,
  after: () => Promise<unknown>,
  revoked: (person: Person) => string = (person) => `${person.name}’s portal access was revoked: they were signed out and cannot sign in.`,
) {
  const invite = useMutation(documents.invite)
  const reset = useMutation(documents.reset)
  const revoke = useMutation(documents.revoke)
  /** The contact and action running now. */
  const busy = ref<{ contactId: string; action: PortalAccessAction } | null>(null)
  const message = ref<string | null>(null)
  const problem = ref<string | null>(null)

  async function act(person: Person, action: PortalAccessAction): Promise<boolean> {
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
        return false
      }
      if (!outcome.__typename.endsWith('Success')) {
        problem.value = 'message' in outcome ? outcome.message : unexpectedErrorMessage(null)
        return false
      }
      message.value = {
        invite: `${person.name} was invited: ${person.email} was emailed a link to choose a password (it works for 7 days).`,
        resend: `A new invitation was sent to ${person.email}; the earlier link no longer works.`,
        reset: `A link to choose a new password was sent to ${person.email}; it works for 1 hour.`,
        revoke: revoked(person),
      }[action]
      await after()
      return true
    } finally {
      busy.value = null
    }
  }

  return { act, busy, message, problem }
}
