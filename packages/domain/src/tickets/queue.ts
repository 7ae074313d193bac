import type { EntitlementPlan } from '../entitlement/index.js'

/** What queue ordering looks at. */
export interface QueueItem {
  readonly plan: EntitlementPlan
  /** The ticket's next running due time; null or absent when no clock runs (NOT_ENTITLED, paused). */
  readonly dueAt?: Date | number | null
  /** Tie-breaker: earlier received first. */
  readonly receivedAt?: Date | number | null
  /** Final tie-breaker: lower ticket number first. */
  readonly number?: number
}

/**
 * Sort comparator for work queues: PREMIUM tickets first, then by earliest due time (tickets without a
 * due time last), then earliest received, then lowest number. Use with `items.sort(compareQueueOrder)`.
 */
export function compareQueueOrder(a: QueueItem, b: QueueItem): number {
  const premium = Number(b.plan === 'PREMIUM') - Number(a.plan === 'PREMIUM')
  if (premium !== 0) return premium
  return (
    compareOptionalTimes(a.dueAt, b.dueAt) ||
    compareOptionalTimes(a.receivedAt, b.receivedAt) ||
    (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER)
  )
}

function compareOptionalTimes(a: Date | number | null | undefined, b: Date | number | null | undefined): number {
  const x = a == null ? Number.POSITIVE_INFINITY : typeof a === 'number' ? a : a.getTime()
  const y = b == null ? Number.POSITIVE_INFINITY : typeof b === 'number' ? b : b.getTime()
  if (x === y) return 0
  return x < y ? -1 : 1
}
