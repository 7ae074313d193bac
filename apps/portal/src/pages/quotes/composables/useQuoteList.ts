import { useKeysetList } from '@covered/ui'
import { computed } from 'vue'
import { PortalQuotesQuery } from '../graphql/quotes'

/** The organisation's quotes (the API shows a customer only quotes Covered has sent), newest first, a page at a time. */
export function useQuoteList(pageSize = 20) {
  const list = useKeysetList(PortalQuotesQuery, computed(() => ({ first: pageSize, after: null })), (data) => data.quotes, { keepLoaded: true })
  return { quotes: list.items, ...list }
}
