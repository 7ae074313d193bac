import { unexpectedErrorMessage } from './errors'
import { useRetry } from './useRetry'
import { useQuery, type AnyVariables, type TypedDocumentNode } from '@urql/vue'
import { computed, type ComputedRef } from 'vue'

/** A typed error result of a report query (ValidationError, ForbiddenError, …), as its message. */
export class ReportFailure {
  constructor(readonly message: string) {}
}

/** Turns a typed error result into a ReportFailure. */
export function failure(result: { message?: string }): ReportFailure {
  return new ReportFailure(result.message ?? 'This report could not be made for these filters.')
}

/**
 * One report's query with its states: loading (nothing yet), refreshing (new filters, old figures still shown),
 * error (unreachable, unexpected, or a typed error with its message) and a retry. Paused while `variables` is
 * null (e.g. the date range is inverted and the filter bar says so).
 */
export function useReport<Data, Variables extends AnyVariables, Picked>(
  query: TypedDocumentNode<Data, Variables>,
  variables: ComputedRef<Variables | null>,
  pick: (data: Data) => Picked,
) {
  type Value = Exclude<Picked, ReportFailure>
  const result = useQuery<Data, Variables>({
    query,
    variables: computed(() => (variables.value ?? {}) as Variables),
    pause: computed(() => variables.value === null),
    requestPolicy: 'cache-and-network',
  })
  const picked = computed(() => (result.data.value ? pick(result.data.value) : null))
  const data = computed<Value | null>(() => {
    const value = picked.value
    return value === null || value instanceof ReportFailure ? null : (value as Value)
  })
  const paused = computed(() => variables.value === null)
  const loading = computed(() => !paused.value && result.fetching.value && !result.data.value)
  const refreshing = computed(() => !paused.value && result.fetching.value && !!result.data.value)
  const error = computed<string | null>(() => {
    if (paused.value) return null
    if (result.error.value && !result.data.value) return unexpectedErrorMessage(result.error.value)
    return picked.value instanceof ReportFailure ? picked.value.message : null
  })
  const { retrying, retry } = useRetry(() => result.executeQuery({ requestPolicy: 'network-only' }))
  return { data, loading, refreshing, error, retrying, retry, paused }
}
