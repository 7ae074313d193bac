import { QUOTE_STATUS_ORDER } from '@covered/ui'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { QuoteStatus } from '../../../gql/graphql'

/** The table's status filter lives in the URL (?status=SENT), so a filtered list can be shared and reloaded. */
export function useQuoteFilters() {
  const route = useRoute()
  const router = useRouter()

  const status = computed<QuoteStatus | null>(() => {
    const value = route.query.status
    return typeof value === 'string' && (QUOTE_STATUS_ORDER as readonly string[]).includes(value) ? (value as QuoteStatus) : null
  })

  function setStatus(next: string | null) {
    const query = { ...route.query }
    if (next) query.status = next
    else delete query.status
    return router.replace({ query })
  }

  return { status, setStatus }
}
