import { useKeysetList } from '@covered/ui'
import { computed, type Ref } from 'vue'
import type { QuoteStatus } from '../../../gql/graphql'
import { AdminQuotesQuery } from '../graphql/quotes'

export const QUOTE_PAGE_SIZE = 25

/**
 * The quote table: the first page follows the status filter; "Load more" appends the following pages by
 * keyset cursor.
 */
export function useQuoteList(status: Ref<QuoteStatus | null>, pageSize = QUOTE_PAGE_SIZE) {
  const variables = computed(() => ({ first: pageSize, after: null, status: status.value }))
  const list = useKeysetList(AdminQuotesQuery, variables, (data) => data.quotes, { typenames: ['Quote'] })
  return { quotes: list.items, ...list }
}
