import { ref } from 'vue'

/** A retry button's state (UiErrorState's `retrying`): true while `run` (a refetch, a reload) is under way. */
export function useRetry(run: () => unknown) {
  const retrying = ref(false)
  async function retry() {
    retrying.value = true
    try {
      await run()
    } finally {
      retrying.value = false
    }
  }
  return { retrying, retry }
}
