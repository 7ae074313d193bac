import { unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle, useQuery } from '@urql/vue'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { CustomerAuditQuery as CustomerAuditResult } from '../../../gql/graphql'
import { CustomerAuditQuery } from '../graphql/customer'

export const AUDIT_PAGE_SIZE = 20

type Trail = NonNullable<CustomerAuditResult['customer']>['auditTrail']
export type AuditEntry = Trail['edges'][number]['node']

/**
 * A customer's audit trail, newest first; "Load more" appends older entries by cursor. `pause` holds the first
 * page back (the page asks for it once the customer itself has loaded).
 */
export function useAuditTrail(id: Ref<string>, options: { pause?: Ref<boolean>; pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE
  const handle = useClientHandle()
  const variables = computed(() => ({ id: id.value, first: pageSize }))
  const first = useQuery({ query: CustomerAuditQuery, variables, requestPolicy: 'cache-and-network', pause: options.pause })

  const more = shallowRef<Trail[]>([])
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)

  watch(
    () => first.data.value,
    () => {
      more.value = []
      loadMoreError.value = null
    },
  )

  const pages = computed<Trail[]>(() => {
    const trail = first.data.value?.customer?.auditTrail
    return trail ? [trail, ...more.value] : []
  })
  const entries = computed<AuditEntry[]>(() => pages.value.flatMap((p) => p.edges.map((e) => e.node)))
  const pageInfo = computed(() => pages.value.at(-1)?.pageInfo ?? null)

  async function loadMore() {
    const after = pageInfo.value?.endCursor
    if (!after || loadingMore.value) return
    loadingMore.value = true
    loadMoreError.value = null
    const requested = variables.value
    try {
      const result = await handle.client.query(CustomerAuditQuery, { ...requested, after }, { requestPolicy: 'network-only' }).toPromise()
      if (requested !== variables.value) return
      const trail = result.data?.customer?.auditTrail
      if (result.error || !trail) {
        loadMoreError.value = unexpectedErrorMessage(result.error)
        return
      }
      more.value = [...more.value, trail]
    } finally {
      loadingMore.value = false
    }
  }

  return {
    entries,
    hasMore: computed(() => pageInfo.value?.hasNextPage ?? false),
    loading: computed(() => (first.fetching.value || !!options.pause?.value) && !first.data.value && !first.error.value),
    error: computed(() => (first.error.value && !first.data.value ? unexpectedErrorMessage(first.error.value) : null)),
    refresh: async () => {
      await first.executeQuery({ requestPolicy: 'network-only' })
    },
    loadMore,
    loadingMore,
    loadMoreError,
  }
}
