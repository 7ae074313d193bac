import { computed } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { ArticleVisibility, PublicationStatus } from '../../../gql/graphql'

/** The article list's filters as the API takes them. */
export interface ArticleFilters {
  search: string
  visibility: ArticleVisibility | null
  status: PublicationStatus | null
  tag: string | null
}

/** URL query keys, so a filtered list can be shared and reloaded: ?q=labels&visibility=PUBLIC&status=DRAFT&tag=install */
export type ArticleFilterKey = 'q' | 'visibility' | 'status' | 'tag'

const VISIBILITIES = ['PUBLIC', 'CUSTOMERS', 'INTERNAL'] as const
const STATUSES = ['DRAFT', 'PUBLISHED'] as const

function text(query: LocationQuery, key: ArticleFilterKey): string {
  const value = query[key]
  return typeof value === 'string' ? value : ''
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null
}

/** Reads the filters from the URL and writes changes back to it (replacing the history entry). */
export function useArticleFilters() {
  const route = useRoute()
  const router = useRouter()

  const filters = computed<ArticleFilters>(() => ({
    search: text(route.query, 'q').trim(),
    visibility: oneOf(text(route.query, 'visibility'), VISIBILITIES),
    status: oneOf(text(route.query, 'status'), STATUSES),
    tag: text(route.query, 'tag').trim() || null,
  }))

  /** Filters other than the search text are set. */
  const filtered = computed(() => !!(filters.value.visibility || filters.value.status || filters.value.tag))

  function update(patch: Partial<Record<ArticleFilterKey, string | null>>) {
    const query: Record<string, string> = {}
    for (const [key, value] of Object.entries({ ...route.query, ...patch })) {
      if (typeof value === 'string' && value.trim() !== '') query[key] = value
    }
    return router.replace({ query })
  }

  return {
    filters,
    filtered,
    value: (key: ArticleFilterKey) => text(route.query, key),
    update,
    clear: () => update({ visibility: null, status: null, tag: null }),
  }
}
