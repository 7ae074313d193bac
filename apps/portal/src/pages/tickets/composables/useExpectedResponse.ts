import { unexpectedErrorMessage } from '@covered/ui'
import { useQuery } from '@urql/vue'
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { Desk, EntitlementPlan, PortalTicketSlaPreviewQuery as SlaPreviewResult } from '../../../gql/graphql'
import { PortalTicketSlaPreviewQuery } from '../graphql/tickets'

export type ExpectedPreview = Extract<SlaPreviewResult['slaPreview'], { __typename: 'QuerySlaPreviewSuccess' }>['preview']

/**
 * "Sent now, we aim to answer by …" for the contact's plan and home desk: slaPreview with receivedAt = now, asked
 * again every `intervalMs`, whenever `refreshOn` changes (the category) and when the tab is shown again. A
 * NOT_ENTITLED contact runs no clock, so nothing is asked. The last answer stays on screen while the next loads.
 */
export function useExpectedResponse(
  plan: Ref<EntitlementPlan | null | undefined>,
  homeDesk: Ref<Desk | null | undefined>,
  refreshOn: Ref<unknown>,
  intervalMs = 60_000,
) {
  const now = ref(Date.now())
  const supportPlan = computed(() => (plan.value === 'PREMIUM' || plan.value === 'STANDARD' ? plan.value : null))
  const query = useQuery({
    query: PortalTicketSlaPreviewQuery,
    variables: computed(() => ({
      plan: supportPlan.value ?? 'STANDARD',
      homeDesk: homeDesk.value ?? 'PACIFIC',
      receivedAt: new Date(now.value).toISOString(),
    })),
    pause: computed(() => !supportPlan.value || !homeDesk.value),
    requestPolicy: 'network-only',
  })

  const last = shallowRef<SlaPreviewResult['slaPreview'] | null>(null)
  watch(
    () => query.data.value,
    (data) => {
      if (data) last.value = data.slaPreview
    },
    { immediate: true },
  )

  const refresh = () => {
    const time = Date.now()
    if (time === now.value) void query.executeQuery({ requestPolicy: 'network-only' })
    else now.value = time
  }
  watch(refreshOn, refresh)
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
    /** True when the contact's questions run no clock (nothing to preview). */
    noClock: computed(() => plan.value === 'NOT_ENTITLED'),
    preview: computed<ExpectedPreview | null>(() => (last.value?.__typename === 'QuerySlaPreviewSuccess' ? last.value.preview : null)),
    /** The API could not answer for this input (a ValidationError's message). */
    refused: computed(() => (last.value?.__typename === 'ValidationError' ? last.value.message : null)),
    loading: computed(() => !!supportPlan.value && !last.value && !query.error.value),
    error: computed(() => (query.error.value && !last.value ? unexpectedErrorMessage(query.error.value) : null)),
    refreshing: computed(() => query.fetching.value && !!last.value),
    retry: refresh,
  }
}
