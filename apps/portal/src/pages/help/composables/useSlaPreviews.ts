import { unexpectedErrorMessage } from '@covered/ui'
import { useQuery } from '@urql/vue'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { HelpSlaPreviewsQuery as HelpSlaPreviewsResult } from '../../../gql/graphql'
import { HelpSlaPreviewsQuery } from '../graphql/help'

export type SlaPreviews = HelpSlaPreviewsResult
export type SlaPreviewResult = SlaPreviews['standardPacific']
export type SlaPreview = Extract<SlaPreviewResult, { __typename: 'QuerySlaPreviewSuccess' }>['preview']

/**
 * "Sent now, answered by …" for both plans on both desks: asks slaPreview with receivedAt = now, and again every
 * `intervalMs` (and when the tab is shown again). The last answer stays on screen while the next one loads.
 */
export function useSlaPreviews(intervalMs = 60_000) {
  const now = ref(Date.now())
  const receivedAt = computed(() => new Date(now.value).toISOString())
  const query = useQuery({
    query: HelpSlaPreviewsQuery,
    variables: computed(() => ({ receivedAt: receivedAt.value })),
    requestPolicy: 'network-only',
  })

  const last = shallowRef<SlaPreviews | null>(null)
  watch(
    () => query.data.value,
    (data) => {
      if (data) last.value = data
    },
    { immediate: true },
  )

  const refresh = () => {
    const time = Date.now()
    if (time === now.value) query.executeQuery({ requestPolicy: 'network-only' })
    else now.value = time
  }
  const timer = setInterval(refresh, intervalMs)
  const onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() - now.value >= intervalMs) refresh()
  }
  document.addEventListener('visibilitychange', onVisible)
  onScopeDispose(() => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisible)
  })

  return {
    previews: last,
    loading: computed(() => !last.value && !query.error.value),
    refreshing: computed(() => query.fetching.value && !!last.value),
    /** Nothing to show: the first answer failed. */
    error: computed(() => (query.error.value && !last.value ? unexpectedErrorMessage(query.error.value) : null)),
    /** A later refresh failed; the previous answer is still shown. */
    refreshFailed: computed(() => !!query.error.value && !!last.value),
    /** Asking again after a failure. */
    retrying: computed(() => !!query.error.value && query.fetching.value),
    retry: refresh,
  }
}
