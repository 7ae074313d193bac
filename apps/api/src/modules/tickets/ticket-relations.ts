import type { GraphQLResolveInfo } from 'graphql'
import type { RequestContext } from '../../context.js'
import { selectsOnly } from '../../graphql/selection.js'
import { StaffUserType } from '../accounts/accounts.schema.js'
import { StaffUser } from '../accounts/staff-user.entity.js'
import { Contact } from '../customers/contact.entity.js'
import { ContactType, CustomerType } from '../customers/customers.schema.js'
import { canSeeCustomer, type CustomerNode } from '../customers/customers.service.js'
import { isListRow, type TicketPageRow, type TicketSource } from './ticket.record.js'

/**
 * A ticket's customer, requester and assignee, as the Ticket fields hand them to the dataloader plugin: an id
 * (loaded, or found primed) or an object (used as it is).
 *
 * A list row carries only their names. When the field asks for no more than that (the desk queue and the portal
 * list ask for `{ id name }`), the object is made from the row; otherwise the field gives the id and the
 * relation is loaded whole, one statement for the page. Only what the viewer may see is made from the row:
 * the rest goes to the dataloaders, which answer it as they always do.
 */

const asksForTheName = selectsOnly(['__typename', 'id', 'name'])
/** A customer made from a list row has its home desk too; its status is read by the field, as for a primed one. */
const asksForListCustomerFields = selectsOnly(['__typename', 'id', 'name', 'homeDesk', 'status'])

export function customerOf(ticket: TicketSource, ctx: RequestContext, info: GraphQLResolveInfo): CustomerNode | string {
  if (!isListRow(ticket) || !canSeeCustomer(ctx.viewer, ticket.customer_id) || !asksForListCustomerFields(info)) return ticket.customer_id
  const customer: Pick<CustomerNode, 'id' | 'name' | 'homeDesk' | 'status'> = {
    id: ticket.customer_id,
    name: ticket.rel_customer_name,
    homeDesk: ticket.home_desk,
    status: null,
  }
  return customer as CustomerNode // the selection reads nothing else
}

export function requesterOf(ticket: TicketSource, ctx: RequestContext, info: GraphQLResolveInfo): Contact | string {
  if (!isListRow(ticket) || !canSeeCustomer(ctx.viewer, ticket.rel_requester_customer_id) || !asksForTheName(info)) return ticket.requester_id
  // A Contact (the type's isTypeOf asks for one) with what the selection reads and the type's rule (customerId).
  return Object.assign(Object.create(Contact.prototype) as Contact, {
    id: ticket.requester_id,
    customerId: ticket.rel_requester_customer_id,
    name: ticket.rel_requester_name,
  })
}

export function assigneeOf(ticket: TicketSource, ctx: RequestContext, info: GraphQLResolveInfo): StaffUser | string | null {
  if (ticket.assignee_id === null) return null
  if (!isListRow(ticket) || ctx.viewer.kind !== 'staff' || ticket.rel_assignee_name === null || !asksForTheName(info)) return ticket.assignee_id
  return Object.assign(Object.create(StaffUser.prototype) as StaffUser, { id: ticket.assignee_id, name: ticket.rel_assignee_name })
}

/**
 * Tickets read whole by id carry their customer, requester and assignee (one statement); handing them to the
 * dataloaders those fields use saves a statement each. Only what the viewer may see is handed over.
 */
export function primeTicketRelations(ctx: RequestContext, rows: readonly (TicketPageRow | Error)[]): void {
  for (const row of rows) {
    if (row instanceof Error || row.rel_customer_name === undefined) continue
    if (canSeeCustomer(ctx.viewer, row.customer_id)) {
      CustomerType.getDataloader(ctx).prime(row.customer_id, {
        id: row.customer_id,
        name: row.rel_customer_name,
        homeDesk: row.home_desk,
        currency: row.rel_customer_currency!,
        status: null, // read by the field when asked for
        createdAt: new Date(row.rel_customer_created_at!),
        version: Number(row.rel_customer_version),
      })
    }
    if (canSeeCustomer(ctx.viewer, row.rel_requester_customer_id!)) {
      ContactType.getDataloader(ctx).prime(
        row.requester_id,
        Object.assign(new Contact(), {
          id: row.requester_id,
          customerId: row.rel_requester_customer_id!,
          email: row.rel_requester_email!,
          name: row.rel_requester_name!,
          isCustomerAdmin: row.rel_requester_is_customer_admin!,
          portalAccess: row.rel_requester_portal_access!,
          passwordHash: null, // never read for a ticket page
          timeZone: row.rel_requester_time_zone ?? null,
          createdAt: new Date(row.rel_requester_created_at!),
          version: Number(row.rel_requester_version),
        }),
      )
    }
    if (ctx.viewer.kind === 'staff' && row.assignee_id && row.rel_assignee_name != null) {
      StaffUserType.getDataloader(ctx).prime(
        row.assignee_id,
        Object.assign(new StaffUser(), {
          id: row.assignee_id,
          email: row.rel_assignee_email!,
          name: row.rel_assignee_name,
          role: row.rel_assignee_role!,
          desk: row.rel_assignee_desk ?? null,
          passwordHash: null, // never read for a ticket page
          active: row.rel_assignee_active!,
          createdAt: new Date(row.rel_assignee_created_at!),
          version: Number(row.rel_assignee_version),
        }),
      )
    }
  }
}
