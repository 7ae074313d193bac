import { useKeysetList } from '@covered/ui'
import { computed, type Ref } from 'vue'
import { CustomersQuery } from '../graphql/customers'
import type { CustomerFilters } from './useCustomerFilters'

export const PAGE_SIZE = 25

/**
 * The customer list: the first page follows the search and filters reactively; "Load more" appends the
 * following pages by keyset cursor (`pageInfo.endCursor`).
 */
export function useCustomerList(filters: Ref<CustomerFilters>, pageSize = PAGE_SIZE) {
  const variables = computed(() => ({
    first: pageSize,
    search: filters.value.search.trim() || null,
    status: filters.value.status,
    homeDesk: filters.value.homeDesk,
    contractStatus: filters.value.contractStatus,
    expiringWithinDays: filters.value.expiringWithinDays,
  }))
  // Refetch when a mutation returns a Customer, even if the current page shows none.
  const list = useKeysetList(CustomersQuery, variables, (data) => data.customers, { typenames: ['Customer'] })
  return { customers: list.items, ...list }
}
