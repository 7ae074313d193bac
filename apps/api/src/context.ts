import type { DataSource, EntityManager } from 'typeorm'
import type { Config } from './config.js'
import type { StaffRole } from './graphql/enums.js'
import type { Logger } from './logger.js'
import type { ApiTokenScope } from './modules/accounts/api-token.entity.js'
import { collectCommitBatches, dropCommitBatches, writeCommitBatches } from './db/commit-batches.js'
import { writeMutationAudit, type AuditRecord } from './modules/audit/audit.js'
import { requestScope } from './request-scope.js'

/** Who is asking. Decided once per request from the session cookie or the bearer token. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'staff'; id: string; role: StaffRole; sessionId: string }
  | {
      kind: 'contact'
      id: string
      customerId: string
      isCustomerAdmin: boolean
      sessionId: string
      /**
       * Named as a key contact on one of the organisation's contracts when the request began (read with the
       * session); undefined when not known, and then each statement decides it.
       */
      keyContact?: boolean
    }
  | { kind: 'token'; id: string; scope: ApiTokenScope; customerId: string | null }

export interface CookieJar {
  get(name: string): string | undefined
  /** Queues a Set-Cookie header for the response. */
  set(name: string, value: string, options: { maxAgeSeconds: number }): void
  clear(name: string): void
}

/**
 * Threaded into every service call, as in Vendure: who asks, from where, and the database handle.
 * Services open transactions with `withTransaction` and pass the transaction's manager on.
 */
export interface RequestContext {
  requestId: string
  viewer: Viewer
  ip: string
  userAgent: string | null
  config: Config
  logger: Logger
  db: DataSource
  cookies: CookieJar
  now(): Date
}

export function actorOf(viewer: Viewer): { actorKind: 'STAFF' | 'CONTACT' | 'TOKEN' | 'SYSTEM'; actorId: string | null } {
  switch (viewer.kind) {
    case 'staff':
      return { actorKind: 'STAFF', actorId: viewer.id }
    case 'contact':
      return { actorKind: 'CONTACT', actorId: viewer.id }
    case 'token':
      return { actorKind: 'TOKEN', actorId: viewer.id }
    default:
      return { actorKind: 'SYSTEM', actorId: null }
  }
}

/**
 * Runs work in one transaction; everything inside must use the given manager only.
 * Inside a mutation, the transaction also writes the mutation's one audit row before it commits (merging the
 * records `recordAudit` collected), so a change and its audit row commit or roll back together. The rows its domain
 * events cause are written last, a table at a time (db/commit-batches.ts). For a contact or a customer-bound
 * token, every statement of it runs fenced to their customer (see db/row-security.ts), but for the webhook
 * deliveries at its very end, which reach the vendor's endpoints.
 */
export function withTransaction<T>(ctx: RequestContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const scope = requestScope.getStore()
  const mutation = scope && scope.requestId === ctx.requestId ? scope.mutation : undefined
  return ctx.db.transaction(async (manager) => {
    const records: AuditRecord[] = []
    mutation?.open.set(manager, records)
    collectCommitBatches(manager)
    try {
      const result = await work(manager)
      if (scope && mutation) await writeMutationAudit(manager, ctx, scope, records, result)
      // Last: the rows the transaction's domain events cause, each table in one statement (see db/commit-batches.ts).
      await writeCommitBatches(manager)
      return result
    } finally {
      mutation?.open.delete(manager)
      dropCommitBatches(manager)
    }
  })
}
