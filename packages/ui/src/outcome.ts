import { fieldErrorsByName, unexpectedErrorMessage, type FieldErrorLike } from './errors'

/** A problem to show at the top of a form: a refused change, a conflict, a failure. */
export interface FormProblem {
  title: string
  text: string
  /** Someone else changed the record first: offer to reload it. */
  conflict: boolean
  /** The policy rule that refused it (PolicyError.rule), when there is one. */
  rule: string | null
}

/** The typed result of a mutation, as the API's union members look on the client. */
export interface TypedOutcome {
  __typename?: string
  code?: string
  message?: string
  fieldErrors?: readonly FieldErrorLike[]
  rule?: string
}

export interface ReadOutcome {
  ok: boolean
  /** Server field errors keyed by input field name (the last part of the path). */
  fieldErrors: Record<string, string>
  problem: FormProblem | null
}

export const CONFLICT_TEXT = 'Someone else changed this; reload to see their change, then try again.'

/**
 * Turns a mutation's typed result (or its failure) into what a form shows. `beside` names the fields the
 * form shows messages beside; any other field's message goes into the alert at the top.
 */
export function readOutcome(
  error: { networkError?: unknown } | null | undefined,
  outcome: TypedOutcome | null | undefined,
  beside: readonly string[] = [],
): ReadOutcome {
  if (error || !outcome) {
    return { ok: false, fieldErrors: {}, problem: { title: 'Nothing was saved', text: unexpectedErrorMessage(error), conflict: false, rule: null } }
  }
  const typename = outcome.__typename ?? ''
  if (typename.endsWith('Success')) return { ok: true, fieldErrors: {}, problem: null }
  if (typename === 'ConflictError' || outcome.code === 'CONFLICT') {
    return { ok: false, fieldErrors: {}, problem: { title: 'Your change was not saved', text: CONFLICT_TEXT, conflict: true, rule: null } }
  }
  if (typename === 'ValidationError') {
    const byName = fieldErrorsByName(outcome.fieldErrors)
    const shown = Object.fromEntries(Object.entries(byName).filter(([field]) => beside.includes(field)))
    const elsewhere = Object.entries(byName)
      .filter(([field]) => !beside.includes(field))
      .map(([, message]) => message)
    const text = Object.keys(shown).length
      ? ['Check the fields marked below.', ...elsewhere].join(' ')
      : elsewhere.join(' ') || outcome.message || 'Some fields need fixing.'
    return { ok: false, fieldErrors: shown, problem: { title: 'Nothing was saved', text, conflict: false, rule: null } }
  }
  if (typename === 'PolicyError') {
    return {
      ok: false,
      fieldErrors: {},
      problem: { title: 'The support policy does not allow this', text: outcome.message ?? '', conflict: false, rule: outcome.rule ?? null },
    }
  }
  return {
    ok: false,
    fieldErrors: {},
    problem: { title: 'Nothing was saved', text: outcome.message ?? unexpectedErrorMessage(null), conflict: false, rule: null },
  }
}
