import { unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle, useQuery } from '@urql/vue'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { CustomerListItemFragment, CustomersQuery as CustomersQueryResult } from '../../../gql/graphql'
import { CustomersQuery } from '../graphql/customers'
import type { CustomerFilters } from './useCustomerFilters'

export const PAGE_SIZE = 25

type Connection = CustomersQueryResult['customers']

/**
 * The customer list: the first page follows the search and filters reactively; "Load more" appends the
 * following pages by keyset cursor (`pageInfo.endCursor`).
 */
export function useCustomerList(filters: Ref<CustomerFilters>, pageSize = PAGE_SIZE) {
  const handle = useClientHandle()
  const variables = computed(() => ({
    first: pageSize,
    search: filters.value.search.trim() || null,
    status: filters.value.status,
    homeDesk: filters.value.homeDesk,
    contractStatus: filters.value.contractStatus,
    expiringWithinDays: filters.value.expiringWithinDays,
  }))
  const first = useQuery({
    query: CustomersQuery,
    variables,
    requestPolicy: 'cache-and-network',
    // Refetch when a mutation returns a Customer, even if the current page shows none.
    context: { additionalTypenames: ['Customer'] },
  })

  const more = shallowRef<Connection[]>([])
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)

  // A new first page (new search, refetch after a create) starts the list again.
  watch(
    () => first.data.value,
    () => {
      more.value = []
      loadMoreError.value = null
    },
  )

  const pages = computed<Connection[]>(() => (first.data.value ? [first.data.value.customers, ...more.value] : []))
  const customers = computed<CustomerListItemFragment[]>(() => pages.value.flatMap((p) => p.edges.map((e) => e.node)))
  const pageInfo = computed(() => pages.value.at(-1)?.pageInfo ?? null)

  async function loadMore() {
    const after = pageInfo.value?.endCursor
    if (!after || loadingMore.value) return
    loadingMore.value = true
    loadMoreError.value = null
    const requested = variables.value
    try {
      const result = await handle.client
        .query(CustomersQuery, { ...requested, after }, { requestPolicy: 'network-only' })
        .toPromise()
      if (requested !== variables.value) return // the search changed meanwhile
      if (result.error || !result.data) {
        loadMoreError.value = unexpectedErrorMessage(result.error)
        return
      }
      more.value = [...more.value, result.data.customers]
    } finally {
      loadingMore.value = false
    }
  }

  return {
    customers,
    hasMore: computed(() => pageInfo.value?.hasNextPage ?? false),
    /** Nothing to show yet: the first load. */
    loading: computed(() => first.fetching.value && !first.data.value),
    /** Fetching while results are already shown (a new search, a refresh). */
    refreshing: computed(() => first.fetching.value && !!first.data.value),
    error: computed(() => (first.error.value && !first.data.value ? unexpectedErrorMessage(first.error.value) : null)),
    retry: () => first.executeQuery({ requestPolicy: 'network-only' }),
    loadMore,
    loadingMore,
    loadMoreError,
  }
}
