import { unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle, useQuery } from '@urql/vue'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { AdminQuoteRowFragment, AdminQuotesQuery as AdminQuotesResult, QuoteStatus } from '../../../gql/graphql'
import { AdminQuotesQuery } from '../graphql/quotes'

export const QUOTE_PAGE_SIZE = 25

type Page = AdminQuotesResult['quotes']

/**
 * The quote table: the first page follows the status filter; "Load more" appends the following pages by
 * keyset cursor.
 */
export function useQuoteList(status: Ref<QuoteStatus | null>, pageSize = QUOTE_PAGE_SIZE) {
  const handle = useClientHandle()
  const variables = computed(() => ({ first: pageSize, after: null, status: status.value }))
  const first = useQuery({
    query: AdminQuotesQuery,
    variables,
    requestPolicy: 'cache-and-network',
    context: { additionalTypenames: ['Quote'] },
  })

  const more = shallowRef<Page[]>([])
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)
  watch(
    () => first.data.value,
    () => {
      more.value = []
      loadMoreError.value = null
    },
  )

  const pages = computed<Page[]>(() => (first.data.value ? [first.data.value.quotes, ...more.value] : []))
  const quotes = computed<AdminQuoteRowFragment[]>(() => pages.value.flatMap((p) => p.edges.map((e) => e.node)))
  const pageInfo = computed(() => pages.value.at(-1)?.pageInfo ?? null)

  async function loadMore() {
    const after = pageInfo.value?.endCursor
    if (!after || loadingMore.value) return
    loadingMore.value = true
    loadMoreError.value = null
    const requested = variables.value
    try {
      const result = await handle.client.query(AdminQuotesQuery, { ...requested, after }, { requestPolicy: 'network-only' }).toPromise()
      if (requested !== variables.value) return // the filter changed meanwhile
      if (result.error || !result.data) {
        loadMoreError.value = unexpectedErrorMessage(result.error)
        return
      }
      more.value = [...more.value, result.data.quotes]
    } finally {
      loadingMore.value = false
    }
  }

  return {
    quotes,
    hasMore: computed(() => pageInfo.value?.hasNextPage ?? false),
    loading: computed(() => first.fetching.value && !first.data.value),
    refreshing: computed(() => first.fetching.value && !!first.data.value),
    error: computed(() => (first.error.value && !first.data.value ? unexpectedErrorMessage(first.error.value) : null)),
    retry: () => first.executeQuery({ requestPolicy: 'network-only' }),
    loadMore,
    loadingMore,
    loadMoreError,
  }
}
