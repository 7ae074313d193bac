import { fieldErrorsByName, unexpectedErrorMessage } from '@covered/ui'
import { useMutation } from '@urql/vue'
import { ref } from 'vue'
import type { CreateCustomerInput, CustomerListItemFragment } from '../../../gql/graphql'
import { CreateCustomerMutation } from '../graphql/customers'

export type CustomerField = keyof CreateCustomerInput
export const CUSTOMER_FIELDS: readonly CustomerField[] = ['name', 'homeDesk', 'currency']

/**
 * Creates a customer. The server's field errors come back keyed by field name, to be shown beside
 * the fields; `formError` is the one message for the top of the form.
 */
export function useCreateCustomer() {
  const { executeMutation, fetching } = useMutation(CreateCustomerMutation)
  const serverFieldErrors = ref<Partial<Record<string, string>>>({})
  const formError = ref<string | null>(null)

  async function create(input: CreateCustomerInput): Promise<CustomerListItemFragment | null> {
    serverFieldErrors.value = {}
    formError.value = null
    const result = await executeMutation({ input })
    const outcome = result.data?.createCustomer
    if (result.error || !outcome) {
      formError.value = unexpectedErrorMessage(result.error)
      return null
    }
    if (outcome.__typename === 'MutationCreateCustomerSuccess') return outcome.customer
    if (outcome.__typename !== 'ValidationError') {
      formError.value = outcome.message
      return null
    }
    const byField = fieldErrorsByName(outcome.fieldErrors)
    serverFieldErrors.value = byField
    const elsewhere = Object.entries(byField)
      .filter(([field]) => !CUSTOMER_FIELDS.includes(field as CustomerField))
      .map(([, message]) => message)
    const besideFields = CUSTOMER_FIELDS.some((field) => byField[field])
    formError.value = besideFields
      ? ['Check the fields marked below.', ...elsewhere].join(' ')
      : elsewhere.join(' ') || outcome.message
    return null
  }

  return { create, saving: fetching, serverFieldErrors, formError }
}
