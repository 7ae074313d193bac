import { readOutcome, type FormProblem, type TypedOutcome } from './outcome'
import { ref } from 'vue'

interface ResultLike<D> {
  error?: { networkError?: unknown } | null
  data?: D | null
}

/**
 * Runs one form's mutation and keeps what the form shows: progress, the server's field errors (for the
 * fields named in `beside`), and a problem for the alert (a policy refusal, a conflict, a failure).
 */
export function useFormSubmit(beside: readonly string[]) {
  const saving = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const problem = ref<FormProblem | null>(null)

  /**
   * Sends the change; on success runs `after` (reloading what changed) before the form stops showing progress,
   * so the page never offers the next change on data older than the last one.
   */
  async function run<D>(
    execute: () => PromiseLike<ResultLike<D>>,
    pick: (data: D) => TypedOutcome | null | undefined,
    after?: () => Promise<unknown>,
  ): Promise<boolean> {
    saving.value = true
    fieldErrors.value = {}
    problem.value = null
    try {
      const result = await execute()
      const outcome = result.data ? pick(result.data) : null
      const read = readOutcome(result.error, outcome, beside)
      fieldErrors.value = read.fieldErrors
      problem.value = read.problem
      if (read.ok && after) await after()
      return read.ok
    } finally {
      saving.value = false
    }
  }

  function clear() {
    fieldErrors.value = {}
    problem.value = null
  }

  /** Editing a field clears the server's message for it. */
  function clearField(name: string) {
    if (!(name in fieldErrors.value)) return
    const next = { ...fieldErrors.value }
    delete next[name]
    fieldErrors.value = next
  }

  return { saving, fieldErrors, problem, run, clear, clearField }
}
