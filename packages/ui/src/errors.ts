/** Helpers that turn the API's typed errors into what a person reads beside a form. */

export interface FieldErrorLike {
  field: string
  message: string
}

/**
 * Server field errors keyed by the input's field name. The API may name a field by its path
 * (`input.name`) or by its name (`name`); both land on `name`. The first message per field wins.
 */
export function fieldErrorsByName(fieldErrors: readonly FieldErrorLike[] | null | undefined): Record<string, string> {
  const byName: Record<string, string> = {}
  for (const { field, message } of fieldErrors ?? []) {
    const name = field.split('.').pop() ?? field
    byName[name] ??= message
  }
  return byName
}

/** A message for a request that failed without a typed error (network down, masked server error). */
export function unexpectedErrorMessage(error: { networkError?: unknown } | null | undefined): string {
  if (error?.networkError) return 'We could not reach Covered. Check your connection and try again.'
  return 'Something went wrong on our side. Please try again in a moment.'
}
