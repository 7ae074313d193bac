import { unexpectedErrorMessage } from '@covered/ui'
import { useQuery } from '@urql/vue'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { CustomerDetailQuery as CustomerDetailResult } from '../../../gql/graphql'
import { CustomerDetailQuery } from '../graphql/customer'

type Customer = NonNullable<CustomerDetailResult['customer']>
type Edition = CustomerDetailResult['productEditions'][number]

/**
 * One customer with its licenses, contracts, contacts, and the product editions. A refresh that fails keeps
 * what was shown and says so (`refreshError`), rather than replacing the page with an error.
 */
export function useCustomerDetail(id: Ref<string>) {
  const query = useQuery({
    query: CustomerDetailQuery,
    variables: computed(() => ({ id: id.value })),
    requestPolicy: 'cache-and-network',
  })
  const refreshing = ref(false)
  const lastGood = shallowRef<{ id: string; customer: Customer; editions: readonly Edition[] } | null>(null)

  watch(
    () => query.data.value,
    (data) => {
      if (data?.customer && !query.error.value) {
        lastGood.value = { id: id.value, customer: data.customer, editions: data.productEditions }
      }
    },
    { immediate: true },
  )
  // Another customer: forget the last one.
  watch(id, () => (lastGood.value = null))

  async function refresh() {
    refreshing.value = true
    try {
      await query.executeQuery({ requestPolicy: 'network-only' })
    } finally {
      refreshing.value = false
    }
  }

  const failed = computed(() => !!query.error.value && !query.fetching.value)
  return {
    customer: computed(() => lastGood.value?.customer ?? null),
    editions: computed(() => lastGood.value?.editions ?? []),
    /** Nothing to show yet. */
    loading: computed(() => !lastGood.value && query.fetching.value && !query.error.value),
    /** The first load failed: nothing to show. */
    error: computed(() => (failed.value && !lastGood.value ? unexpectedErrorMessage(query.error.value) : null)),
    /** A refresh failed; what is shown may be out of date. */
    refreshError: computed(() => (failed.value && lastGood.value ? unexpectedErrorMessage(query.error.value) : null)),
    /** Loaded without error, and there is no such customer (or it is not yours to see). */
    notFound: computed(() => !!query.data.value && !query.error.value && !query.data.value.customer && !query.fetching.value),
    refresh,
    refreshing,
  }
}
