import type { Viewer } from '../../context.js'

/**
 * Which tickets a viewer may see, as a SQL condition on `t` (tickets): staff and unbound tokens all; a bound
 * token its customer's; a contact their own, and all of the organisation's when they are a named key contact
 * on one of its contracts. `param` adds a query parameter and returns its placeholder.
 */
export function ticketVisibilitySql(viewer: Viewer, param: (value: unknown) => string): string {
  switch (viewer.kind) {
    case 'staff':
      return 'TRUE'
    case 'token':
      return viewer.customerId ? `t.customer_id = ${param(viewer.customerId)}::uuid` : 'TRUE'
    case 'contact': {
      // A ticket's customer is always its requester's (intake takes it from the requester, and contacts do not
      // move between organisations), so both cases are of the contact's own customer: said first, it lets the
      // customer's index serve the list in order. Known at sign-in resolution (the session's statement), the
      // key-contact test leaves a plain condition that the customer or requester index serves.
      const customer = param(viewer.customerId)
      if (viewer.keyContact === true) return `t.customer_id = ${customer}::uuid`
      const me = param(viewer.id)
      if (viewer.keyContact === false) return `(t.customer_id = ${customer}::uuid AND t.requester_id = ${me}::uuid)`
      return `(t.customer_id = ${customer}::uuid AND (t.requester_id = ${me}::uuid OR EXISTS (
        SELECT 1 FROM contract_key_contacts k JOIN contracts c ON c.id = k.contract_id
         WHERE k.contact_id = ${me}::uuid AND c.customer_id = ${customer}::uuid)))`
    }
    default:
      return 'FALSE'
  }
}

export function isStaff(viewer: Viewer): boolean {
  return viewer.kind === 'staff'
}

/** Staff and read-write tokens work tickets (reply, change status); contacts only reply to their own. */
export function canWorkTickets(viewer: Viewer): boolean {
  return viewer.kind === 'staff' || (viewer.kind === 'token' && viewer.scope === 'READ_WRITE')
}
