import { computed, ref } from 'vue'
import { readOutcome, type FormProblem, type TypedOutcome } from './outcome'

/** The type of `key` in the member of the union `O` that has it (the success). */
type Taken<O, K extends string> = O extends { [P in K]: infer T } ? T : never

interface ResultLike<D> {
  error?: { networkError?: unknown } | null
  data?: D | null
}

/**
 * Runs one form's mutation and keeps what the form shows: progress, the server's field errors (for the
 * fields named in `beside`), and a problem for the alert (a policy refusal, a conflict, a failure). A form
 * that checks fields itself first passes what it found to `check`; `errors` shows both kinds beside the fields.
 */
export function useFormSubmit<Field extends string>(beside: readonly Field[]) {
  const saving = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const problem = ref<FormProblem | null>(null)
  /** What the form's own checks found (see `check`). */
  const localErrors = ref<Partial<Record<Field, string>>>({})
  /** The message beside each field: the form's own check, else the server's. */
  const errors = computed<Partial<Record<Field, string>>>(() => ({ ...fieldErrors.value, ...localErrors.value }))

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

  /** Like `run`, resolving to the success's `key` (e.g. the record it saved), or null when refused or failed. */
  async function runFor<K extends string, O extends TypedOutcome, D>(
    key: K,
    execute: () => PromiseLike<ResultLike<D>>,
    pick: (data: D) => O,
  ): Promise<Taken<O, K> | null> {
    let found: Taken<O, K> | null = null
    await run(execute, (data) => {
      const outcome = pick(data)
      const value = (outcome as Partial<Record<K, Taken<O, K>>>)[key]
      if (outcome.__typename?.endsWith('Success') && value) found = value
      return outcome
    })
    return found
  }

  /** Takes what the form's own checks found: true when nothing; else the alert asks to check the marked fields. */
  function check(found: Partial<Record<Field, string>>): boolean {
    localErrors.value = found
    if (!Object.keys(found).length) return true
    clear()
    problem.value = { title: 'Nothing was saved', text: 'Check the fields marked below.', conflict: false, rule: null }
    return false
  }

  /** Forgets the server's answer (its field messages and the alert); the form's own checks stay. */
  function clear() {
    fieldErrors.value = {}
    problem.value = null
  }

  /** Editing a field clears its message, the server's and the form's own. */
  function clearField(name: string) {
    if (name in fieldErrors.value) {
      const next = { ...fieldErrors.value }
      delete next[name]
      fieldErrors.value = next
    }
    if (name in localErrors.value) {
      const next = { ...localErrors.value }
      delete next[name as Field]
      localErrors.value = next
    }
  }

  return { saving, fieldErrors, localErrors, errors, problem, run, runFor, check, clear, clearField }
}
