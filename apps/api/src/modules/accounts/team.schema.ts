import { builder } from '../../graphql/builder.js'
import { DeskEnum, StaffRoleEnum } from '../../graphql/enum-types.js'
import { ConflictError, ForbiddenError, InvalidLinkError, NotFoundError, PolicyError, TooManyAttemptsError, ValidationError } from '../../errors.js'
import { StaffUserType } from './accounts.schema.js'
import { passwordLink, requestPasswordReset, setPasswordWithLink, type PasswordLinkView } from './password-reset.service.js'
import { deactivateStaffUser, inviteStaffUser, listTeam, reactivateStaffUser, resendStaffInvitation, setStaffAway, updateStaffUser, type Deactivated } from './team.service.js'

// The support team (admins manage it), availability, and passwords set through one-time links (issue 12).

builder.objectFields(StaffUserType, (t) => ({
  active: t.exposeBoolean('active', { description: 'False once deactivated: sign-in refused, no assignments.' }),
  away: t.exposeBoolean('away', { description: 'Away: premium routing assigns them nothing until they are back.' }),
  awaySince: t.expose('awaySince', { type: 'DateTime', nullable: true }),
  invitationPending: t.boolean({
    description: 'Invited, and has not set a password yet (admins).',
    authScopes: { admin: true },
    resolve: (user) => user.passwordHash === null,
  }),
  lastSignInAt: t.expose('lastSignInAt', { type: 'DateTime', nullable: true, authScopes: { admin: true }, description: 'Admins.' }),
  deactivatedAt: t.expose('deactivatedAt', { type: 'DateTime', nullable: true, authScopes: { admin: true }, description: 'Admins.' }),
  version: t.exposeInt('version', { description: 'Send it back with updateStaffUser; a stale version is refused as a CONFLICT.' }),
}))

builder.queryField('team', (t) =>
  t.field({
    type: [StaffUserType],
    description: 'Everyone on the support team, active first, then by name, with invitations pending and people deactivated (admins).',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => listTeam(ctx),
  }),
)

const InviteStaffUserInput = builder.inputType('InviteStaffUserInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    email: t.string({ required: true }),
    role: t.field({ type: StaffRoleEnum, required: true }),
    desk: t.field({ type: DeskEnum, description: 'Required for an engineer.' }),
  }),
})

builder.mutationField('inviteStaffUser', (t) =>
  t.field({
    type: StaffUserType,
    description: 'Adds a member of the team and emails them a one-time link (valid 7 days) to set their password (admins).',
    authScopes: { admin: true },
    errors: { types: [ValidationError, ForbiddenError], dataField: { name: 'staffUser' } },
    args: { input: t.arg({ type: InviteStaffUserInput, required: true }) },
    resolve: (_root, { input }, ctx) => inviteStaffUser(ctx, input),
  }),
)

builder.mutationField('resendStaffInvitation', (t) =>
  t.field({
    type: StaffUserType,
    description: 'Emails a new invitation link to someone who has not set a password yet; the old link stops working (admins).',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ForbiddenError, PolicyError], dataField: { name: 'staffUser' } },
    args: { id: t.arg.globalID({ required: true, for: StaffUserType }) },
    resolve: (_root, { id }, ctx) => resendStaffInvitation(ctx, id.id),
  }),
)

const UpdateStaffUserInput = builder.inputType('UpdateStaffUserInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: StaffUserType }),
    expectedVersion: t.int({ required: true }),
    name: t.string(),
    role: t.field({ type: StaffRoleEnum }),
    desk: t.field({ type: DeskEnum, description: 'null takes an admin off any desk; an engineer always has one.' }),
  }),
})

builder.mutationField('updateStaffUser', (t) =>
  t.field({
    type: StaffUserType,
    description: 'Changes a member’s name, role or desk (admins). The last active admin cannot stop being one.',
    authScopes: { admin: true },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError, ConflictError, PolicyError], dataField: { name: 'staffUser' } },
    args: { input: t.arg({ type: UpdateStaffUserInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateStaffUser(ctx, {
        id: input.id.id,
        expectedVersion: input.expectedVersion,
        ...(input.name != null ? { name: input.name } : {}),
        ...(input.role != null ? { role: input.role } : {}),
        ...(input.desk !== undefined ? { desk: input.desk } : {}),
      }),
  }),
)

builder.mutationField('setStaffAway', (t) =>
  t.field({
    type: StaffUserType,
    description: 'Marks someone away (no automatic assignments) or back. Without staffUserId: yourself. Admins may do it for anyone.',
    authScopes: { staff: true },
    errors: { types: [NotFoundError, ForbiddenError, PolicyError], dataField: { name: 'staffUser' } },
    args: { staffUserId: t.arg.globalID({ for: StaffUserType }), away: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) => setStaffAway(ctx, { id: args.staffUserId?.id ?? null, away: args.away }),
  }),
)

const DeactivatedStaffUser = builder.objectRef<Deactivated>('DeactivatedStaffUser').implement({
  description: 'A deactivated member, and how many of their open tickets went back to the desk queue.',
  fields: (t) => ({
    staffUser: t.field({ type: StaffUserType, resolve: (result) => result.staffUser }),
    ticketsReturned: t.exposeInt('ticketsReturned'),
  }),
})

builder.mutationField('deactivateStaffUser', (t) =>
  t.field({
    type: DeactivatedStaffUser,
    description:
      'Deactivates a member (admins): sign-in refused, sessions ended, and their open tickets back in the desk queue, noted on each ticket’s timeline.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ForbiddenError, PolicyError], dataField: { name: 'result' } },
    args: { id: t.arg.globalID({ required: true, for: StaffUserType }) },
    resolve: (_root, { id }, ctx) => deactivateStaffUser(ctx, id.id),
  }),
)

builder.mutationField('reactivateStaffUser', (t) =>
  t.field({
    type: StaffUserType,
    description: 'Lets a deactivated member sign in again (admins).',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ForbiddenError], dataField: { name: 'staffUser' } },
    args: { id: t.arg.globalID({ required: true, for: StaffUserType }) },
    resolve: (_root, { id }, ctx) => reactivateStaffUser(ctx, id.id),
  }),
)

builder.mutationField('requestPasswordReset', (t) =>
  t.field({
    type: 'Boolean',
    description:
      'Emails a link to choose a new password (valid 1 hour, once) when the address belongs to an account that may sign in. The answer is the same whether it does or not; requests are throttled like sign-in.',
    authScopes: { public: true },
    errors: { types: [ValidationError, TooManyAttemptsError], dataField: { name: 'requested' } },
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => requestPasswordReset(ctx, args),
  }),
)

const PasswordLinkPurposeEnum = builder.enumType('PasswordLinkPurpose', {
  description: 'INVITE: a new account’s first password; RESET: a forgotten one.',
  values: ['INVITE', 'RESET'] as const,
})

const AccountKindEnum = builder.enumType('AccountKind', {
  description: 'STAFF sign in to the admin; CONTACT to the portal.',
  values: ['STAFF', 'CONTACT'] as const,
})

const PasswordLinkType = builder.objectRef<PasswordLinkView>('PasswordLink').implement({
  description: 'What a one-time link sets a password for.',
  fields: (t) => ({
    purpose: t.field({ type: PasswordLinkPurposeEnum, resolve: (link) => link.purpose }),
    accountKind: t.field({ type: AccountKindEnum, resolve: (link) => link.accountKind }),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

builder.queryField('passwordLink', (t) =>
  t.field({
    type: PasswordLinkType,
    description: 'Checks a one-time link from an email without using it: whose password it sets, or why it no longer works.',
    authScopes: { public: true },
    errors: { types: [InvalidLinkError], dataField: { name: 'link' } },
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, { token }, ctx) => passwordLink(ctx, token),
  }),
)

builder.mutationField('setPasswordWithLink', (t) =>
  t.field({
    type: PasswordLinkType,
    description:
      'Sets a password with a one-time link (an invitation or a reset). The link is used up, and every other session of the account ends.',
    authScopes: { public: true },
    errors: { types: [ValidationError, InvalidLinkError], dataField: { name: 'link' } },
    args: { token: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => setPasswordWithLink(ctx, args),
  }),
)
