import { fieldErrorsByName, formatWait, unexpectedErrorMessage, type LoginCredentials } from '@covered/ui'
import { useMutation } from '@urql/vue'
import { ref } from 'vue'
import type { Viewer } from '../../../session/session'
import { AdminLoginMutation } from '../graphql/login'

/** Signs in and turns every way it can fail into a message for the form. */
export function useLogin() {
  const { executeMutation, fetching } = useMutation(AdminLoginMutation)
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
