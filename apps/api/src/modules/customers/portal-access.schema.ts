import { PORTAL_ACCESS_STATUSES } from '@covered/domain'
import { builder } from '../../graphql/builder.js'
import { ForbiddenError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import { ContactType, CustomerType } from './customers.schema.js'
import { accessStatusOf, inviteContact, inviteToPortal, revokePortalAccess, sendPortalPasswordReset } from './portal-access.service.js'

const PortalAccessStatusEnum = builder.enumType('PortalAccessStatus', {
  description:
    'A contact’s portal access: NONE (never had it), INVITED (emailed a link to set a password), ACTIVE (has a password), REVOKED (withdrawn; sign-in refused).',
  values: PORTAL_ACCESS_STATUSES,
})

builder.objectFields(ContactType, (t) => ({
  portalStatus: t.field({
    type: PortalAccessStatusEnum,
    description: 'Where their portal access stands; staff and customer admins change it with inviteToPortal, sendPortalPasswordReset and revokePortalAccess.',
    resolve: (contact) => accessStatusOf(contact),
  }),
  lastSignInAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When they last signed in to the portal (shown to staff and their organisation’s customer admins; null to others).',
    resolve: (contact, _args, ctx) => {
      const viewer = ctx.viewer
      const mayKnow = viewer.kind === 'staff' || (viewer.kind === 'contact' && viewer.isCustomerAdmin && viewer.customerId === contact.customerId)
      return mayKnow ? contact.lastSignInAt : null
    },
  }),
}))

const InviteContactInput = builder.inputType('InviteContactInput', {
  fields: (t) => ({
    customerId: t.globalID({ required: true, for: CustomerType, description: 'The organisation they join.' }),
    name: t.string({ required: true }),
    email: t.string({ required: true }),
    isCustomerAdmin: t.boolean(),
    timeZone: t.string({ description: 'IANA zone for their times, e.g. Europe/London; omitted: their organisation’s desk’s.' }),
  }),
})

const ACCESS_ERRORS = [ValidationError, NotFoundError, ForbiddenError, PolicyError]

builder.mutationField('inviteContact', (t) =>
  t.field({
    type: ContactType,
    description:
      'Adds a person to an organisation and emails them an invitation to the portal (staff, or a customer admin for their own organisation). Another organisation is answered as NOT_FOUND and nothing is sent.',
    authScopes: { staff: true, contact: true },
    errors: { types: ACCESS_ERRORS, dataField: { name: 'contact' } },
    args: { input: t.arg({ type: InviteContactInput, required: true }) },
    resolve: (_root, { input }, ctx) => inviteContact(ctx, { ...input, customerId: input.customerId.id }),
  }),
)

builder.mutationField('inviteToPortal', (t) =>
  t.field({
    type: ContactType,
    description: 'Invites an existing contact to the portal, or sends a pending invitation again with a new link (the old one stops working).',
    authScopes: { staff: true, contact: true },
    errors: { types: ACCESS_ERRORS, dataField: { name: 'contact' } },
    args: { contactId: t.arg.globalID({ required: true, for: ContactType }) },
    resolve: (_root, { contactId }, ctx) => inviteToPortal(ctx, contactId.id),
  }),
)

builder.mutationField('sendPortalPasswordReset', (t) =>
  t.field({
    type: ContactType,
    description: 'Emails a contact with portal access a link to choose a new password (valid 1 hour, once).',
    authScopes: { staff: true, contact: true },
    errors: { types: ACCESS_ERRORS, dataField: { name: 'contact' } },
    args: { contactId: t.arg.globalID({ required: true, for: ContactType }) },
    resolve: (_root, { contactId }, ctx) => sendPortalPasswordReset(ctx, contactId.id),
  }),
)

builder.mutationField('revokePortalAccess', (t) =>
  t.field({
    type: ContactType,
    description: 'Withdraws a contact’s portal access: their sessions end and sign-in is refused until they are invited again.',
    authScopes: { staff: true, contact: true },
    errors: { types: ACCESS_ERRORS, dataField: { name: 'contact' } },
    args: { contactId: t.arg.globalID({ required: true, for: ContactType }) },
    resolve: (_root, { contactId }, ctx) => revokePortalAccess(ctx, contactId.id),
  }),
)
