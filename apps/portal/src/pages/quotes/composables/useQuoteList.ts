import { unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle, useQuery } from '@urql/vue'
import { computed, ref, shallowRef, watch } from 'vue'
import type { PortalQuoteRowFragment, PortalQuotesQuery as PortalQuotesResult } from '../../../gql/graphql'
import { PortalQuotesQuery } from '../graphql/quotes'

type Page = PortalQuotesResult['quotes']

/** The organisation's quotes (the API shows a customer only quotes Covered has sent), newest first, a page at a time. */
export function useQuoteList(pageSize = 20) {
  const handle = useClientHandle()
  const query = useQuery({ query: PortalQuotesQuery, variables: { first: pageSize, after: null }, requestPolicy: 'cache-and-network' })
  const first = shallowRef<Page | null>(null)
  watch(
    () => query.data.value,
    (data) => {
      if (data?.quotes) first.value = data.quotes
    },
    { immediate: true },
  )
  const more = shallowRef<Page[]>([])
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)

  const quotes = computed<PortalQuoteRowFragment[]>(() => {
    const seen = new Set<string>()
    const out: PortalQuoteRowFragment[] = []
    for (const page of [first.value, ...more.value]) {
      for (const edge of page?.edges ?? []) {
        if (seen.has(edge.node.id)) continue
        seen.add(edge.node.id)
        out.push(edge.node)
      }
    }
    return out
  })
  const lastPage = computed(() => more.value.at(-1) ?? first.value)

  async function loadMore() {
    const after = lastPage.value?.pageInfo.endCursor
    if (loadingMore.value || !after) return
    loadingMore.value = true
    loadMoreError.value = null
    try {
      const result = await handle.client.query(PortalQuotesQuery, { first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise()
      if (result.error || !result.data) loadMoreError.value = unexpectedErrorMessage(result.error)
      else more.value = [...more.value, result.data.quotes]
    } finally {
      loadingMore.value = false
    }
  }

  return {
    quotes,
    loading: computed(() => !first.value && !query.error.value),
    error: computed(() => (query.error.value && !first.value ? unexpectedErrorMessage(query.error.value) : null)),
    hasMore: computed(() => !!lastPage.value?.pageInfo.hasNextPage),
    loadingMore,
    loadMoreError,
    loadMore,
    retry: () => query.executeQuery({ requestPolicy: 'network-only' }),
  }
}
