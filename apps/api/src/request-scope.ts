import { AsyncLocalStorage } from 'node:async_hooks'
import type { EntityManager } from 'typeorm'
import type { Viewer } from './context.js'
import type { AuditRecord } from './modules/audit/audit.js'

/**
 * What the database layer needs to know about the request being served, without threading it through every
 * call: whose data the request may touch (the tenant, for row-level security) and, while a mutation runs,
 * the audit records its transactions collect. Kept in AsyncLocalStorage for the GraphQL execution of one
 * request (see graphql/request-scope-plugin.ts); `requestId` ties it to its RequestContext.
 */
export interface MutationAudit {
  /** The mutation's root field, e.g. `updateCustomer`. */
  field: string
  /** Records collected by `recordAudit`, per open transaction (by its manager). */
  open: Map<EntityManager, AuditRecord[]>
  /** Audit rows written for this mutation so far. */
  written: number
}

export interface RequestScope {
  requestId: string
  /** The customer whose rows a contact or a customer-bound token may touch; null for staff and the rest. */
  tenant: string | null
  mutation?: MutationAudit
}

export const requestScope = new AsyncLocalStorage<RequestScope>()

/** The customer a viewer is confined to, or null when the viewer is not confined to one customer. */
export function tenantOf(viewer: Viewer): string | null {
  if (viewer.kind === 'contact') return viewer.customerId
  if (viewer.kind === 'token') return viewer.customerId
  return null
}

