import { decideEntitlement, type Entitlement } from '@covered/domain'
import type { RequestContext } from '../../context.js'
import { NotFoundError } from '../../errors.js'
import type { Contact } from '../customers/contact.entity.js'
import { canSeeCustomer, loadCustomers } from '../customers/customers.service.js'
import { contractsOfCustomers } from './contracts.service.js'

/** Policy section 4 for one contact: plan, lane, and the reasons and remedies in words. */
export async function entitlementOf(ctx: RequestContext, contact: Contact): Promise<Entitlement> {
  if (!canSeeCustomer(ctx.viewer, contact.customerId)) throw new NotFoundError('That contact')
  const [[customer], [contracts]] = await Promise.all([
    loadCustomers(ctx, [contact.customerId]),
    contractsOfCustomers(ctx, [contact.customerId]),
  ])
  if (!customer || customer instanceof Error) throw new NotFoundError('That contact')
  return decideEntitlement({
    contact: { id: contact.id, customerId: contact.customerId },
    customerStatus: customer.status,
    contracts: (contracts ?? []).map((contract) => ({
      id: contract.id,
      kind: contract.kind,
      status: contract.status,
      keyContactIds: contract.keyContactIds,
      customerId: contract.customerId,
      start: contract.currentTerm.start,
      end: contract.currentTerm.end,
      keyContactCap: contract.keyContactCap,
    })),
  })
}
