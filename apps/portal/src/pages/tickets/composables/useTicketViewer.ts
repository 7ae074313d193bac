import { unexpectedErrorMessage, viewerTimeZone } from '@covered/ui'
import { useQuery } from '@urql/vue'
import { computed, shallowRef, watch } from 'vue'
import type { PortalTicketViewerQuery as PortalTicketViewerResult } from '../../../gql/graphql'
import { PortalTicketViewerQuery } from '../graphql/tickets'
import { zoneName } from './times'

/**
 * The signed-in contact as the ticket pages need them: plan, home desk, and the time zone every time is shown in
 * (the contact's own, else the browser's), with its name.
 */
export function useTicketViewer() {
  const query = useQuery({ query: PortalTicketViewerQuery, requestPolicy: 'cache-and-network' })
  // The last good answer: a refresh that fails (after a change elsewhere) must not make the contact vanish.
  const last = shallowRef<PortalTicketViewerResult['viewer'] | undefined>(undefined)
  watch(
    () => query.data.value,
    (data) => {
      if (!data || (query.error.value && last.value)) return
      last.value = data.viewer
    },
    { immediate: true },
  )
  const viewer = computed(() => last.value ?? null)
  const contact = computed(() => (viewer.value?.__typename === 'Contact' ? viewer.value : null))
  const staff = computed(() => (viewer.value?.__typename === 'StaffUser' ? viewer.value : null))
  const timeZone = computed(() => viewerTimeZone(contact.value?.timeZone))
  const zone = computed(() => zoneName(timeZone.value))

  return {
    query,
    contact,
    staff,
    timeZone,
    /** "Mountain Time" */
    zone,
    loading: computed(() => last.value === undefined && !query.error.value),
    error: computed(() => (query.error.value && last.value === undefined ? unexpectedErrorMessage(query.error.value) : null)),
    retry: () => query.executeQuery({ requestPolicy: 'network-only' }),
  }
}
