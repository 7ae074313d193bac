import { unexpectedErrorMessage } from '@covered/ui'
import { useClientHandle, useQuery, type AnyVariables } from '@urql/vue'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'

interface Page<N> {
  edges: readonly { node: N }[]
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }
}

/**
 * A list read a keyset page at a time: the first page follows `variables` reactively; "Load more" appends the
 * following pages by `pageInfo.endCursor`. A new first page (new filters, a refetch after a change) starts the
 * list again.
 */
export function useKeysetList<Data, Vars extends AnyVariables & { after?: string | null }, N>(
  query: TypedDocumentNode<Data, Vars>,
  variables: Ref<Vars>,
  pick: (data: Data) => Page<N> | null | undefined,
  typenames: string[] = [],
) {
  const handle = useClientHandle()
  const first = useQuery({ query, variables, requestPolicy: 'cache-and-network', context: { additionalTypenames: typenames } } as never) as ReturnType<
    typeof useQuery<Data, Vars>
  >
  const more = shallowRef<Page<N>[]>([])
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)

  watch(
    () => first.data.value,
    () => {
      more.value = []
      loadMoreError.value = null
    },
  )

  const firstPage = computed(() => (first.data.value ? (pick(first.data.value) ?? null) : null))
  const pages = computed<Page<N>[]>(() => (firstPage.value ? [firstPage.value, ...more.value] : []))
  const items = computed<N[]>(() => pages.value.flatMap((p) => p.edges.map((e) => e.node)))
  const pageInfo = computed(() => pages.value.at(-1)?.pageInfo ?? null)

  async function loadMore() {
    const after = pageInfo.value?.endCursor
    if (!after || loadingMore.value) return
    loadingMore.value = true
    loadMoreError.value = null
    const requested = variables.value
    try {
      const result = await handle.client.query(query, { ...requested, after } as Vars, { requestPolicy: 'network-only' }).toPromise()
      if (requested !== variables.value) return // the filters changed meanwhile
      const page = result.data ? pick(result.data) : null
      if (result.error || !page) {
        loadMoreError.value = unexpectedErrorMessage(result.error)
        return
      }
      more.value = [...more.value, page]
    } finally {
      loadingMore.value = false
    }
  }

  return {
    items,
    /** The first page's answer, e.g. to tell "none at all" from "none here". */
    data: first.data,
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
