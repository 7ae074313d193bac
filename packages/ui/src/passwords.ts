import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useMutation, useQuery } from '@urql/vue'
import { computed, ref, type Ref } from 'vue'
import { fieldErrorsByName, unexpectedErrorMessage, type FieldErrorLike } from './errors'
import { formatWait } from './labels'
import { invalidLinkTitle } from './teamLabels'

/*
 * Password links (invitations and resets) are the same in both apps; only the documents differ, because each
 * app's codegen types its own. These are the shapes the composables read: each app's generated documents fit them.
 */

interface InvalidLink {
  __typename: 'InvalidLinkError'
  message: string
  reason: string
}
interface Invalid {
  __typename: 'ValidationError'
  message: string
  fieldErrors: readonly FieldErrorLike[]
}

/** `mutation ($email: String!) { requestPasswordReset(email: $email) { … } }` */
export type RequestPasswordResetDocument = TypedDocumentNode<
  {
    requestPasswordReset:
      | { __typename: 'MutationRequestPasswordResetSuccess' }
      | { __typename: 'TooManyAttemptsError'; message: string; retryAfterSeconds: number }
      | Invalid
  },
  { email: string }
>

/** `query ($token: String!) { passwordLink(token: $token) { … } }` */
export type PasswordLinkDocument = TypedDocumentNode<
  {
    passwordLink:
      | InvalidLink
      | { __typename: 'QueryPasswordLinkSuccess'; link: { purpose: 'INVITE' | 'RESET'; accountKind: string; name: string; email: string } }
  },
  { token: string }
>

/** `mutation ($token: String!, $password: String!) { setPasswordWithLink(token: $token, password: $password) { … } }` */
export type SetPasswordDocument = TypedDocumentNode<
  {
    setPasswordWithLink:
      | InvalidLink
      | { __typename: 'MutationSetPasswordWithLinkSuccess'; link: { accountKind: string; email: string } }
      | Invalid
  },
  { token: string; password: string }
>

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function useForgotPassword(mutation: RequestPasswordResetDocument) {
  const { executeMutation, fetching } = useMutation(mutation)
  const sentTo = ref<string | null>(null)
  const error = ref<string | null>(null)
  const errorTitle = ref('Could not send the link')
  const emailError = ref<string | null>(null)

  async function request(email: string): Promise<void> {
    error.value = null
    emailError.value = null
    const result = await executeMutation({ email })
    const outcome = result.data?.requestPasswordReset
    if (result.error || !outcome) {
      errorTitle.value = 'Could not send the link'
      error.value = unexpectedErrorMessage(result.error)
      return
    }
    switch (outcome.__typename) {
      case 'MutationRequestPasswordResetSuccess':
        sentTo.value = email
        return
      case 'TooManyAttemptsError':
        errorTitle.value = 'Too many requests'
        error.value = /try again/i.test(outcome.message) ? outcome.message : `${outcome.message} Try again in ${formatWait(outcome.retryAfterSeconds)}.`
        return
      case 'ValidationError':
        emailError.value = fieldErrorsByName(outcome.fieldErrors).email ?? outcome.message
        return
      default:
        errorTitle.value = 'Could not send the link'
        error.value = unexpectedErrorMessage(null)
    }
  }

  return { request, submitting: fetching, sentTo, error, errorTitle, emailError }
}

/** Reads a one-time link (without using it), then sets the password with it. */
export function useSetPassword(token: Ref<string>, documents: { linkQuery: PasswordLinkDocument; setPasswordMutation: SetPasswordDocument }) {
  const query = useQuery({
    query: documents.linkQuery,
    variables: computed(() => ({ token: token.value })),
    pause: computed(() => !token.value),
    requestPolicy: 'network-only',
  })
  const set = useMutation(documents.setPasswordMutation)
  const done = ref<{ accountKind: string; email: string } | null>(null)
  /** A refusal after submitting: the link stopped working meanwhile, or something failed. */
  const error = ref<string | null>(null)
  const errorTitle = ref('Your password was not set')
  const passwordError = ref<string | null>(null)
  /** Set when submitting found the link no longer works: the page then shows the invalid-link state. */
  const lateInvalid = ref<{ title: string; message: string } | null>(null)

  const link = computed(() => {
    const outcome = query.data.value?.passwordLink
    return outcome?.__typename === 'QueryPasswordLinkSuccess' ? outcome.link : null
  })
  const invalid = computed(() => {
    if (lateInvalid.value) return lateInvalid.value
    if (!token.value) return { title: invalidLinkTitle('UNKNOWN'), message: 'This page needs the link from your email. Open the whole link from the email, or ask for a new one.' }
    const outcome = query.data.value?.passwordLink
    return outcome?.__typename === 'InvalidLinkError' ? { title: invalidLinkTitle(outcome.reason), message: outcome.message } : null
  })
  const loading = computed(() => !!token.value && query.fetching.value && !query.data.value)
  const loadError = computed(() => (query.error.value && !query.data.value ? unexpectedErrorMessage(query.error.value) : null))

  async function submit(password: string): Promise<void> {
    error.value = null
    passwordError.value = null
    const result = await set.executeMutation({ token: token.value, password })
    const outcome = result.data?.setPasswordWithLink
    if (result.error || !outcome) {
      error.value = unexpectedErrorMessage(result.error)
      return
    }
    switch (outcome.__typename) {
      case 'MutationSetPasswordWithLinkSuccess':
        done.value = { accountKind: outcome.link.accountKind, email: outcome.link.email }
        return
      case 'InvalidLinkError':
        lateInvalid.value = { title: invalidLinkTitle(outcome.reason), message: outcome.message }
        return
      case 'ValidationError':
        passwordError.value = fieldErrorsByName(outcome.fieldErrors).password ?? outcome.message
        return
      default:
        error.value = unexpectedErrorMessage(null)
    }
  }

  async function retry() {
    await query.executeQuery({ requestPolicy: 'network-only' })
  }

  return { link, invalid, loading, loadError, retry, submit, submitting: set.fetching, done, error, errorTitle, passwordError }
}
