import type { EntityManager } from 'typeorm'
import { liftFenceForTransaction } from './row-security.js'

/**
 * Rows a transaction's domain events cause (the events themselves, their emails, their webhook deliveries) are
 * collected while it runs and written just before it commits: each table in one statement, however many events
 * the change raised. Only transactions opened by `withTransaction` collect (it calls `writeCommitBatches` after
 * the work and the audit row); anywhere else (the scheduler, scripts) `commitBatch` answers null and the caller
 * writes at once, as before.
 *
 * Batches are written in the order they were opened (a domain event's batch opens before its consumers'), and a
 * batch `acrossCustomers` (the webhook deliveries: endpoints are the vendor's, not the customer's) is written
 * after all others, with a tenant's fence lifted for the rest of the transaction: nothing follows it but COMMIT,
 * which ends the lifted role with the transaction (SET LOCAL).
 */
interface Batch {
  items: unknown[]
  write: (items: unknown[]) => Promise<void>
  acrossCustomers: boolean
}

const open = new WeakMap<EntityManager, Map<string, Batch>>()

/** Starts collecting for a transaction (withTransaction). */
export function collectCommitBatches(manager: EntityManager): void {
  open.set(manager, new Map())
}

/** Stops collecting without writing (the transaction failed). */
export function dropCommitBatches(manager: EntityManager): void {
  open.delete(manager)
}

/**
 * The list to add this transaction's rows of `name` to, written by `write` before commit; null when the
 * transaction does not collect (write at once then).
 */
export function commitBatch<T>(
  manager: EntityManager,
  name: string,
  write: (items: T[]) => Promise<void>,
  options: { acrossCustomers?: boolean } = {},
): T[] | null {
  const batches = open.get(manager)
  if (!batches) return null
  let batch = batches.get(name)
  if (!batch) {
    batch = { items: [], write: write as (items: unknown[]) => Promise<void>, acrossCustomers: options.acrossCustomers ?? false }
    batches.set(name, batch)
  }
  return batch.items as T[]
}

/** Writes the collected batches; the last statements of the transaction before COMMIT. */
export async function writeCommitBatches(manager: EntityManager): Promise<void> {
  const batches = open.get(manager)
  open.delete(manager)
  if (!batches) return
  const filled = [...batches.values()].filter((batch) => batch.items.length > 0)
  for (const batch of filled.filter((b) => !b.acrossCustomers)) await batch.write(batch.items)
  const across = filled.filter((b) => b.acrossCustomers)
  if (!across.length) return
  await liftFenceForTransaction(manager)
  for (const batch of across) await batch.write(batch.items)
}
