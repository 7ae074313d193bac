import type { CombinedError } from '@urql/vue'
import { computed, onScopeDispose, watch, type Ref } from 'vue'

/**
 * Keeps a live subscription useful:
 * - an event that arrived but could not be read in full (a GraphQL error in the event) still says "something
 *   changed", so `onEvent` re-reads what the page shows;
 * - when the event stream itself fails (the server restarted, the network dropped) it is started again after a
 *   pause, and `onEvent` catches up on what was missed meanwhile.
 * Returns whether the stream is down (for a "Reconnecting…" hint).
 */
export function useLiveResubscribe(
  error: Ref<CombinedError | undefined>,
  restart: () => void,
  onEvent: () => void,
  delayMs = 5_000,
): Ref<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(error, (failed) => {
    if (!failed) return
    if (!failed.networkError) {
      onEvent()
      return
    }
    if (timer) return
    timer = setTimeout(() => {
      timer = undefined
      restart()
      onEvent()
    }, delayMs)
  })
  onScopeDispose(() => clearTimeout(timer))
  return computed(() => !!error.value?.networkError)
}

/** Calls `fn` every `intervalMs` while the page is open (e.g. to bring business-time countdowns up to date). */
export function useEvery(intervalMs: number, fn: () => void): void {
  const timer = setInterval(fn, intervalMs)
  onScopeDispose(() => clearInterval(timer))
}
