import type { EntityManager } from 'typeorm'
import { acrossCustomers, liftFenceForTransaction } from './row-security.js'

/**
 * Rows a transaction's domain events cause (the events themselves, their emails, their webhook deliveries) are
 * collected while it runs and written just before it commits: each table in one statement, however many events
 * the change raised. Only transactions opened by `withTransaction` collect (it calls `writeCommitBatches` after
 * the work and the audit row); anywhere else (the scheduler, scripts) `writeBeforeCommit` writes at once.
 *
 * Batches are written in the order they were opened (a domain event's batch opens before its consumers'), and a
 * batch `acrossCustomers` (the webhook deliveries: endpoints are the vendor's, not the customer's) is written
 * after all others, with a tenant's fence lifted for the rest of the transaction: nothing follows it but COMMIT,
 * which ends the lifted role with the transaction (SET LOCAL).
 */
interface Batch {
  items: unknown[]
  write: (items: readonly unknown[]) => Promise<unknown>
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
 * Writes `items`, rows of the table `name`, with `write`: collected and written with the transaction's others of
 * that name just before it commits, when the transaction collects; at once otherwise (fence lifted for that
 * statement when `acrossCustomers`). One `write` per name serves every caller of a transaction.
 */
export async function writeBeforeCommit<T>(
  manager: EntityManager,
  name: string,
  items: readonly T[],
  write: (items: readonly T[]) => Promise<unknown>,
  options: { acrossCustomers?: boolean } = {},
): Promise<void> {
  if (!items.length) return
  const batches = open.get(manager)
  if (!batches) {
    await (options.acrossCustomers ? acrossCustomers(manager, () => write(items)) : write(items))
    return
  }
  let batch = batches.get(name)
  if (!batch) {
    batch = { items: [], write: write as Batch['write'], acrossCustomers: options.acrossCustomers ?? false }
    batches.set(name, batch)
  }
  batch.items.push(...items)
}

/** Writes the collected batches; the last statements of the transaction before COMMIT. */
export async function writeCommitBatches(manager: EntityManager): Promise<void> {
  const batches = open.get(manager)
  open.delete(manager)
  if (!batches) return
  const all = [...batches.values()] // each has rows: a batch is opened by its first
  for (const batch of all.filter((b) => !b.acrossCustomers)) await batch.write(batch.items)
  const across = all.filter((b) => b.acrossCustomers)
  if (!across.length) return
  await liftFenceForTransaction(manager)
  for (const batch of across) await batch.write(batch.items)
}
