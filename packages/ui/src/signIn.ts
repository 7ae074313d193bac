import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useMutation } from '@urql/vue'
import { ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { fieldErrorsByName, unexpectedErrorMessage, type FieldErrorLike } from './errors'
import { formatWait } from './labels'
import { safeRedirect } from './router'
import type { LoginCredentials } from './types'

/** `mutation ($email: String!, $password: String!) { login(…) { … on MutationLoginSuccess { viewer { … } } … } }` */
export type LoginDocument<Viewer> = TypedDocumentNode<
  {
    login:
      | { __typename: 'MutationLoginSuccess'; viewer: Viewer }
      | { __typename: 'InvalidCredentialsError'; message: string }
      | { __typename: 'TooManyAttemptsError'; message: string; retryAfterSeconds: number }
      | { __typename: 'ValidationError'; message: string; fieldErrors: readonly FieldErrorLike[] }
  },
  LoginCredentials
>

/** Signs in with the app's typed `login` mutation and turns every way it can fail into a message for the form. */
export function useLogin<Viewer>(mutation: LoginDocument<Viewer>) {
  const { executeMutation, fetching } = useMutation(mutation)
  const error = ref<string | null>(null)
  const errorTitle = ref('Could not sign you in')
  const fieldErrors = ref<Partial<Record<'email' | 'password', string>>>({})

  async function login(credentials: LoginCredentials): Promise<Viewer | null> {
    error.value = null
    fieldErrors.value = {}
    const result = await executeMutation(credentials)
    const outcome = result.data?.login
    if (result.error || !outcome) {
      errorTitle.value = 'Could not sign you in'
      error.value = unexpectedErrorMessage(result.error)
      return null
    }
    switch (outcome.__typename) {
      case 'MutationLoginSuccess':
        return outcome.viewer
      case 'TooManyAttemptsError':
        errorTitle.value = 'Too many sign-in attempts'
        // The API's message usually says when; add it only if it does not.
        error.value = /try again/i.test(outcome.message)
          ? outcome.message
          : `${outcome.message} You can try again in ${formatWait(outcome.retryAfterSeconds)}.`
        return null
      case 'ValidationError':
        errorTitle.value = 'Check your details'
        error.value = outcome.message
        fieldErrors.value = fieldErrorsByName(outcome.fieldErrors)
        return null
      default:
        errorTitle.value = 'Could not sign you in'
        error.value = outcome.message
        return null
    }
  }

  return { login, submitting: fetching, error, errorTitle, fieldErrors }
}

/**
 * The sign-in page's form: signs in with the app's mutation, keeps the viewer in the session, and goes on to
 * `?redirect=` (or `home`) when the account `belongsHere`; otherwise the page says where it belongs.
 */
export function useSignIn<Viewer>(
  mutation: LoginDocument<Viewer>,
  session: { setViewer(viewer: Viewer | null): void },
  options: { belongsHere: (viewer: Viewer) => boolean; home: string },
) {
  const route = useRoute()
  const router = useRouter()
  const { login, ...form } = useLogin(mutation)

  async function submit(credentials: LoginCredentials) {
    const viewer = await login(credentials)
    if (!viewer) return
    session.setViewer(viewer)
    if (options.belongsHere(viewer)) await router.replace(safeRedirect(route.query.redirect, options.home))
  }

  return { ...form, submit }
}
