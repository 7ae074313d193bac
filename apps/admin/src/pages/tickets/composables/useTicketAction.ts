import { readOutcome, type FormProblem, type TypedOutcome } from '@covered/ui'
import { ref } from 'vue'

interface ResultLike<D> {
  error?: { networkError?: unknown } | null
  data?: D | null
}

/**
 * Runs one of the ticket page's mutations and keeps what its control shows: progress, a field's message from
 * the server (for the fields named in `beside`), and a problem for the alert — a refusal by the support policy
 * keeps its own words ("A ticket cannot be resolved before …").
 */
export function useTicketAction(beside: readonly string[] = []) {
  const busy = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const problem = ref<FormProblem | null>(null)
  /** The last run got no typed answer (a failure on the way back): it may or may not have been done. */
  const unconfirmed = ref(false)

  /** Resolves to the success member of the result, or null when it was refused or failed. */
  async function run<D, O extends TypedOutcome>(
    execute: () => PromiseLike<ResultLike<D>>,
    pick: (data: D) => O | null | undefined,
  ): Promise<O | null> {
    busy.value = true
    fieldErrors.value = {}
    problem.value = null
    try {
      const result = await execute()
      const outcome = result.data ? pick(result.data) : null
      unconfirmed.value = !outcome
      const read = readOutcome(result.error, outcome, beside)
      fieldErrors.value = read.fieldErrors
      problem.value = read.problem
      return read.ok ? (outcome ?? null) : null
    } finally {
      busy.value = false
    }
  }

  function clear() {
    fieldErrors.value = {}
    problem.value = null
  }

  return { busy, fieldErrors, problem, unconfirmed, run, clear }
}
