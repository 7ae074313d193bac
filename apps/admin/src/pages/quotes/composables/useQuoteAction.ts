import { readOutcome, type FieldErrorLike, type FormProblem, type TypedOutcome } from '@covered/ui'
import { ref } from 'vue'
import { splitFieldErrors, type LineErrors } from './quoteLines'

interface ResultLike<D> {
  error?: { networkError?: unknown } | null
  data?: D | null
}

type Outcome = TypedOutcome & { fieldErrors?: readonly FieldErrorLike[] }

/**
 * Runs one of the quote builder's mutations. A refusal keeps the API's own words in the alert; a field error goes
 * beside the field it names — a line's quantity, module, description or unit price, or the valid-until date.
 */
export function useQuoteAction() {
  const busy = ref(false)
  const problem = ref<FormProblem | null>(null)
  const lineErrors = ref<LineErrors>({})
  const validUntilError = ref<string | null>(null)

  function clear() {
    problem.value = null
    lineErrors.value = {}
    validUntilError.value = null
  }

  async function run<D, O extends Outcome>(
    execute: () => PromiseLike<ResultLike<D>>,
    pick: (data: D) => O | null | undefined,
    lineCount = 0,
  ): Promise<O | null> {
    busy.value = true
    clear()
    try {
      const result = await execute()
      const outcome = result.data ? pick(result.data) : null
      if (!result.error && outcome?.__typename === 'ValidationError') {
        const split = splitFieldErrors(outcome.fieldErrors, lineCount)
        lineErrors.value = split.lines
        validUntilError.value = split.validUntil
        const beside = Object.keys(split.lines).length > 0 || !!split.validUntil
        problem.value = {
          title: 'Nothing was saved',
          text: (beside ? ['Check the fields marked below.', ...split.other] : split.other).join(' ') || outcome.message || 'Some fields need fixing.',
          conflict: false,
          rule: null,
        }
        return null
      }
      const read = readOutcome(result.error, outcome)
      problem.value = read.problem
      return read.ok ? (outcome ?? null) : null
    } finally {
      busy.value = false
    }
  }

  return { busy, problem, lineErrors, validUntilError, run, clear }
}
