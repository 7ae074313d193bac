import { useQuery } from '@urql/vue'
import { useDebounced } from '@covered/ui'
import { computed, type Ref } from 'vue'
import { PortalSuggestArticlesQuery } from '../graphql/knowledge'

/** How long typing must pause before articles are suggested. */
export const SUGGEST_DELAY_MS = 300

/**
 * Articles that may answer a ticket subject as it is typed: after a pause in typing, the API's top three for the
 * subject (a subject of fewer than three letters asks nothing). Failures leave the form alone: no suggestions.
 */
export function useArticleSuggestions(subject: Ref<string>, delay = SUGGEST_DELAY_MS) {
  const settled = useDebounced(subject, delay)
  const text = computed(() => settled.value.trim())
  const query = useQuery({
    query: PortalSuggestArticlesQuery,
    variables: computed(() => ({ subject: text.value })),
    pause: computed(() => text.value.replace(/[^\p{L}\p{N}]/gu, '').length < 3),
    requestPolicy: 'cache-first',
  })
  const suggestions = computed(() => (text.value.replace(/[^\p{L}\p{N}]/gu, '').length < 3 ? [] : (query.data.value?.suggestArticles ?? [])))
  return { suggestions, fetching: query.fetching }
}
