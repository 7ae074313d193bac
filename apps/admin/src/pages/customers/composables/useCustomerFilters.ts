import { computed } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { ContractStatusFilter, CustomerStatus, Desk } from '../../../gql/graphql'

/** The list's filters as the API takes them. */
export interface CustomerFilters {
  search: string
  status: CustomerStatus | null
  homeDesk: Desk | null
  contractStatus: ContractStatusFilter | null
  expiringWithinDays: number | null
}

/** "Expiring soon" means cover ending within this many days (the policy's EXPIRING window). */
export const EXPIRING_SOON_DAYS = 60

/** URL query keys, so a filtered list can be shared and reloaded: ?q=acme&status=CUSTOMER&desk=UK&contract=EXPIRING&expiring=60 */
export type FilterKey = 'q' | 'status' | 'desk' | 'contract' | 'expiring'

const STATUSES = ['PROSPECT', 'CUSTOMER', 'FORMER'] as const
const DESKS = ['PACIFIC', 'UK'] as const
const CONTRACT_STATUSES = ['UPCOMING', 'ACTIVE', 'EXPIRING', 'LAPSED', 'CANCELLED'] as const

function text(query: LocationQuery, key: FilterKey): string {
  const value = query[key]
  return typeof value === 'string' ? value : ''
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null
}

/** Reads the filters from the URL and writes changes back to it (replacing the history entry). */
export function useCustomerFilters() {
  const route = useRoute()
  const router = useRouter()

  const filters = computed<CustomerFilters>(() => ({
    search: text(route.query, 'q').trim(),
    status: oneOf(text(route.query, 'status'), STATUSES),
    homeDesk: oneOf(text(route.query, 'desk'), DESKS),
    contractStatus: oneOf(text(route.query, 'contract'), CONTRACT_STATUSES),
    expiringWithinDays: text(route.query, 'expiring') === String(EXPIRING_SOON_DAYS) ? EXPIRING_SOON_DAYS : null,
  }))

  /** Filters other than the search text are set. */
  const filtered = computed(
    () => !!(filters.value.status || filters.value.homeDesk || filters.value.contractStatus || filters.value.expiringWithinDays),
  )

  function update(patch: Partial<Record<FilterKey, string | null>>) {
    const query: Record<string, string> = {}
    for (const [key, value] of Object.entries({ ...route.query, ...patch })) {
      if (typeof value === 'string' && value.trim() !== '') query[key] = value
    }
    return router.replace({ query })
  }

  return {
    filters,
    filtered,
    /** The raw URL value of one key ('' when unset), for the controls. */
    value: (key: FilterKey) => text(route.query, key),
    update,
    clear: () => update({ status: null, desk: null, contract: null, expiring: null }),
  }
}
