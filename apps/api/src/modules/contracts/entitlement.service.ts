import { decideEntitlement, type Entitlement } from '@covered/domain'
import type { RequestContext } from '../../context.js'
import { NotFoundError } from '../../errors.js'
import type { Contact } from '../customers/contact.entity.js'
import { canSeeCustomer, loadCustomers, type CustomerView } from '../customers/customers.service.js'
import { contractsOfCustomers, type ContractView } from './contracts.service.js'

/** Policy section 4 for one contact: plan, lane, and the reasons and remedies in words. */
export async function entitlementOf(ctx: RequestContext, contact: Contact): Promise<Entitlement> {
  return (await entitlementWithFacts(ctx, contact)).entitlement
}

/** The entitlement with the customer and contracts it was decided from (read once, for intake to use too). */
export async function entitlementWithFacts(
  ctx: RequestContext,
  contact: Contact,
): Promise<{ entitlement: Entitlement; customer: CustomerView; contracts: ContractView[] }> {
  if (!canSeeCustomer(ctx.viewer, contact.customerId)) throw new NotFoundError('That contact')
  const [[customer], [contracts = []]] = await Promise.all([
    loadCustomers(ctx, [contact.customerId]),
    contractsOfCustomers(ctx, [contact.customerId]),
  ])
  if (!customer || customer instanceof Error) throw new NotFoundError('That contact')
  const entitlement = decideEntitlement({
    contact: { id: contact.id, customerId: contact.customerId },
    customerStatus: customer.status,
    contracts: contracts.map((contract) => ({
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
  return { entitlement, customer, contracts }
}
