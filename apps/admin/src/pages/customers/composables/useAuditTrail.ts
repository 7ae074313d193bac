import { useKeysetList } from '@covered/ui'
import { computed, ref, type Ref } from 'vue'
import type { CustomerAuditQuery as CustomerAuditResult } from '../../../gql/graphql'
import { CustomerAuditQuery } from '../graphql/customer'

export const AUDIT_PAGE_SIZE = 20

type Trail = NonNullable<CustomerAuditResult['customer']>['auditTrail']
export type AuditEntry = Trail['edges'][number]['node']

/**
 * A customer's audit trail, newest first; "Load more" appends older entries by cursor. `pause` holds the first
 * page back (the page asks for it once the customer itself has loaded).
 */
export function useAuditTrail(id: Ref<string>, options: { pause?: Ref<boolean>; pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE
  const pause = options.pause ?? ref(false)
  const variables = computed(() => ({ id: id.value, first: pageSize }))
  const list = useKeysetList(CustomerAuditQuery, variables, (data) => data.customer?.auditTrail, { pause })

  return {
    entries: list.items,
    hasMore: list.hasMore,
    /** Waiting for the customer counts as loading too. */
    loading: computed(() => (list.loading.value || (pause.value && !list.data.value)) && !list.error.value),
    error: list.error,
    refresh: async () => {
      await list.retry()
    },
    loadMore: list.loadMore,
    loadingMore: list.loadingMore,
    loadMoreError: list.loadMoreError,
  }
}
