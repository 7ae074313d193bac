import { deskTimeZone, todayInZone, unexpectedErrorMessage, viewerTimeZone } from '@covered/ui'
import { useQuery } from '@urql/vue'
import { computed, shallowRef, watch, type Ref } from 'vue'
import type { PortalQuoteDetailFragment } from '../../../gql/graphql'
import { PortalQuoteQuery, PortalQuoteRevisionQuery } from '../graphql/quotes'

export type QuoteDetail = PortalQuoteDetailFragment

/** Why a quote cannot be accepted, in words for the customer; null while it can be. */
export type Blocked =
  | { kind: 'accepted' | 'declined' }
  | { kind: 'expired'; validUntil: string }
  | { kind: 'superseded'; by: { id: string; number: string } | null }
  | { kind: 'withdrawn' }

/**
 * One quote for the portal, who may decide on it (the API allows a key contact on any of the organisation's
 * contracts, or a customer admin), and why it cannot be accepted when it cannot.
 */
export function useQuoteDetail(id: Ref<string>) {
  const query = useQuery({ query: PortalQuoteQuery, variables: computed(() => ({ id: id.value })), requestPolicy: 'cache-and-network' })
  const latest = shallowRef<QuoteDetail | null>(null)

  function accept(quote: QuoteDetail | null | undefined) {
    if (!quote || quote.id !== id.value) return
    if (latest.value?.id === quote.id && latest.value.version > quote.version) return
    latest.value = quote
  }
  watch(
    () => query.data.value?.quote,
    (quote) => accept(quote),
    { immediate: true },
  )

  const quote = computed(() => (latest.value?.id === id.value ? latest.value : null))
  const viewer = computed(() => query.data.value?.viewer ?? null)
  const contact = computed(() => (viewer.value?.__typename === 'Contact' ? viewer.value : null))
  const staff = computed(() => (viewer.value?.__typename === 'StaffUser' ? viewer.value : null))
  const timeZone = computed(() => viewerTimeZone(contact.value?.timeZone))

  /** Key contacts (on any contract) and customer admins, by name. */
  const deciders = computed(() => {
    const customer = contact.value?.customer
    if (!customer) return []
    const names = new Map<string, string>()
    for (const c of customer.contacts) if (c.isCustomerAdmin) names.set(c.id, c.name)
    for (const contract of customer.contracts) for (const k of contract.keyContacts) names.set(k.id, k.name)
    return [...names.entries()].map(([personId, name]) => ({ id: personId, name })).sort((a, b) => a.name.localeCompare(b.name))
  })
  const mayDecide = computed(() => !!contact.value && (contact.value.isCustomerAdmin || deciders.value.some((d) => d.id === contact.value!.id)))

  // Asked only for a quote that may have been revised (see PortalQuoteRevisionQuery).
  const mayBeRevised = computed(() => !!quote.value && ['WITHDRAWN', 'DECLINED', 'EXPIRED'].includes(quote.value.status))
  const revision = useQuery({
    query: PortalQuoteRevisionQuery,
    variables: computed(() => ({ id: id.value })),
    pause: computed(() => !mayBeRevised.value),
    requestPolicy: 'network-only',
  })
  const replacedBy = computed(() => revision.data.value?.quote?.supersededBy ?? null)
  /**
   * The API failed on the replacing quote while answering for this one: the replacement exists but is still a draft
   * at Covered (the API masks that error, so the query asks for nothing else that could fail).
   */
  const revisionInPreparation = computed(
    () => !!revision.error.value?.graphQLErrors.length && !!revision.data.value?.quote && !revision.data.value.quote.supersededBy,
  )

  const today = computed(() => todayInZone(deskTimeZone(contact.value?.customer.homeDesk ?? 'PACIFIC')))
  const blocked = computed<Blocked | null>(() => {
    const q = quote.value
    if (!q) return null
    if (q.status === 'ACCEPTED' || q.status === 'DECLINED') return { kind: q.status === 'ACCEPTED' ? 'accepted' : 'declined' }
    if (replacedBy.value || revisionInPreparation.value) return { kind: 'superseded', by: replacedBy.value }
    if (q.status === 'EXPIRED' || (q.status === 'SENT' && String(q.validUntil) < today.value)) return { kind: 'expired', validUntil: String(q.validUntil) }
    if (q.status === 'WITHDRAWN') return { kind: 'withdrawn' }
    return null
  })

  return {
    quote,
    contact,
    staff,
    timeZone,
    deciders,
    mayDecide,
    blocked,
    loading: computed(() => !quote.value && query.fetching.value),
    missing: computed(() => !quote.value && !query.fetching.value && !query.error.value && query.data.value?.quote === null),
    error: computed(() => (!quote.value && query.error.value ? unexpectedErrorMessage(query.error.value) : null)),
    refresh: () => query.executeQuery({ requestPolicy: 'network-only' }),
    accept,
  }
}
