import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useClientHandle, useQuery, type AnyVariables } from '@urql/vue'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { unexpectedErrorMessage } from './errors'

/** One page of a Relay connection, as every keyset list reads it. */
export interface KeysetPage<N> {
  edges: readonly { node: N }[]
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }
}

export interface KeysetListOptions {
  /** Refetch the first page when a mutation returns one of these types, even if the page shows none. */
  typenames?: string[]
  /** While true, nothing is asked (e.g. the search box is empty, or the page waits for its record). */
  pause?: Ref<boolean>
  /**
   * For lists whose variables never change: a refreshed first page keeps the pages loaded after it (each item
   * shown once, by `id`), and a refresh that fails keeps the list on screen.
   */
  keepLoaded?: boolean
}

/**
 * A list read a keyset page at a time: the first page follows `variables` reactively; "Load more" appends the
 * following pages by `pageInfo.endCursor`. A new first page (new filters, a refetch after a change) starts the
 * list again, unless `keepLoaded`.
 */
export function useKeysetList<Data, Vars extends AnyVariables & { after?: string | null }, N>(
  query: TypedDocumentNode<Data, Vars>,
  variables: Ref<Vars>,
  pick: (data: Data) => KeysetPage<N> | null | undefined,
  options: KeysetListOptions = {},
) {
  const { typenames = [], pause = ref(false), keepLoaded = false } = options
  const handle = useClientHandle()
  const first = useQuery({ query, variables, pause, requestPolicy: 'cache-and-network', context: { additionalTypenames: typenames } } as never) as ReturnType<
    typeof useQuery<Data, Vars>
  >
  const more = shallowRef<KeysetPage<N>[]>([])
  const loadingMore = ref(false)
  const loadMoreError = ref<string | null>(null)

  const current = computed(() => (first.data.value ? (pick(first.data.value) ?? null) : null))
  /** With `keepLoaded`: the last first page that arrived. */
  const kept = shallowRef<KeysetPage<N> | null>(null)
  watch(
    () => first.data.value,
    () => {
      if (keepLoaded) {
        if (current.value) kept.value = current.value
        return
      }
      more.value = []
      loadMoreError.value = null
    },
    { immediate: true },
  )

  const firstPage = computed(() => (keepLoaded ? kept.value : current.value))
  const pages = computed<KeysetPage<N>[]>(() => (firstPage.value ? [firstPage.value, ...more.value] : []))
  const items = computed<N[]>(() => {
    const nodes = pages.value.flatMap((p) => p.edges.map((e) => e.node))
    if (!keepLoaded) return nodes
    const seen = new Set<unknown>()
    return nodes.filter((node) => {
      const id = (node as { id?: unknown }).id
      if (id !== undefined && seen.has(id)) return false
      seen.add(id)
      return true
    })
  })
  const pageInfo = computed(() => pages.value.at(-1)?.pageInfo ?? null)
  /** Something to show: the first page's answer (or, with `keepLoaded`, the last one that came). */
  const shown = computed(() => (keepLoaded ? !!kept.value : !!first.data.value))

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
    /** Nothing to show yet: the first load (with `keepLoaded`, also while paused). */
    loading: computed(() => (keepLoaded ? !kept.value && !first.error.value : first.fetching.value && !first.data.value)),
    /** Fetching while results are already shown (a new search, a refresh). */
    refreshing: computed(() => first.fetching.value && !!first.data.value),
    error: computed(() => (first.error.value && !shown.value ? unexpectedErrorMessage(first.error.value) : null)),
    retry: () => first.executeQuery({ requestPolicy: 'network-only' }),
    loadMore,
    loadingMore,
    loadMoreError,
  }
}
