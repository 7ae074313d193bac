import type { Viewer } from '../../context.js'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import { canSeeCustomer } from './customers.service.js'

/** Who may change a customer's records (licenses, contracts, contacts): staff and read-write tokens for it. */
export function requireCustomerWriter(viewer: Viewer, customerId: string, what: string): void {
  if (!canSeeCustomer(viewer, customerId)) throw new NotFoundError('That customer')
  if (viewer.kind === 'staff') return
  if (viewer.kind === 'token' && viewer.scope === 'READ_WRITE') return
  throw new ForbiddenError(`Only staff can ${what}.`)
}

/** Key contacts may also be managed by a customer admin of that customer, within the contract's cap. */
export function requireKeyContactManager(viewer: Viewer, customerId: string): void {
  if (!canSeeCustomer(viewer, customerId)) throw new NotFoundError('That contract')
  if (viewer.kind === 'staff') return
  if (viewer.kind === 'token' && viewer.scope === 'READ_WRITE') return
  if (viewer.kind === 'contact' && viewer.isCustomerAdmin) return
  throw new ForbiddenError('Only a customer admin of this organisation (or staff) can change its key contacts.')
}
