import { builder } from '../../graphql/builder.js'
import { DeskEnum, StaffRoleEnum } from '../../graphql/enum-types.js'
import { ForbiddenError, InvalidCredentialsError, NotFoundError, TooManyAttemptsError, ValidationError } from '../../errors.js'
import { Contact } from '../customers/contact.entity.js'
import { ContactType, CustomerType, customerIdFrom } from '../customers/customers.schema.js'
import { listStaffUsers, loadStaffUsers } from './accounts.service.js'
import { ApiToken } from './api-token.entity.js'
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js'
import { login, logout } from './auth.service.js'
import { StaffUser } from './staff-user.entity.js'

export const StaffUserType = builder.loadableNode(StaffUser, {
  name: 'StaffUser',
  description: 'A member of the support team.',
  authScopes: { staff: true },
  id: { resolve: (user) => user.id },
  load: (ids: string[], ctx) => loadStaffUsers(ctx, ids),
  sort: (user) => user.id,
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.field({ type: StaffRoleEnum, resolve: (user) => user.role }),
    desk: t.field({ type: DeskEnum, nullable: true, description: 'The desk an engineer belongs to.', resolve: (user) => user.desk }),
  }),
})

const ApiTokenScopeEnum = builder.enumType('ApiTokenScope', {
  description: 'What an API token may do.',
  values: {
    READ: { description: 'Read only.' },
    READ_WRITE: { description: 'Read and change.' },
  },
})

const ApiTokenStatusEnum = builder.enumType('ApiTokenStatus', {
  description: 'Whether an API token works now.',
  values: {
    ACTIVE: { description: 'It works.' },
    EXPIRED: { description: 'Its expiry has passed: it is refused.' },
    REVOKED: { description: 'An admin revoked it: it is refused.' },
  },
})

export const ApiTokenType = builder.objectType(ApiToken, {
  name: 'ApiToken',
  description: 'An integrator’s credential, sent as `Authorization: Bearer <secret>`. The secret itself is never shown again.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('tokenPrefix', { description: 'The first characters of the secret, to tell tokens apart.' }),
    scope: t.field({ type: ApiTokenScopeEnum, description: 'What the token may do.', resolve: (token) => token.scope }),
    customerId: t.exposeID('customerId', { nullable: true, description: 'When set, the token sees only this customer (its plain id; see `customer`).' }),
    // Not `customer`: in the Viewer union it would clash with Contact.customer (non-null there).
    boundCustomer: t.field({
      type: CustomerType,
      nullable: true,
      description: 'The one customer the token is bound to; null when it reaches every customer.',
      resolve: (token) => token.customerId,
    }),
    createdBy: t.field({
      type: StaffUserType,
      nullable: true,
      authScopes: { staff: true },
      description: 'The admin who created the token (staff only).',
      resolve: (token) => token.createdById,
    }),
    status: t.field({
      type: ApiTokenStatusEnum,
      description: 'Whether the token works now: ACTIVE, EXPIRED or REVOKED.',
      resolve: (token, _args, ctx) => (token.revokedAt ? 'REVOKED' : token.expiresAt && token.expiresAt.getTime() <= ctx.now().getTime() ? 'EXPIRED' : 'ACTIVE'),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'When it stops working; null for never.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'When it was last used (recorded at most once a minute); null if never.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When an admin revoked it; null while not revoked.' }),
  }),
})

const ViewerUnion = builder.unionType('Viewer', {
  description: 'Who is signed in: a staff user, a customer contact, or the API token in use.',
  types: [StaffUserType, ContactType, ApiTokenType],
  resolveType: (viewer) => (viewer instanceof StaffUser ? 'StaffUser' : viewer instanceof Contact ? 'Contact' : 'ApiToken'),
})

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerUnion,
    nullable: true,
    description: 'The signed-in user or API token, or null when signed out.',
    authScopes: { public: true },
    resolve: async (_root, _args, ctx) => {
      const viewer = ctx.viewer
      if (viewer.kind === 'staff') return StaffUserType.getDataloader(ctx).load(viewer.id)
      if (viewer.kind === 'contact') return ctx.db.getRepository(Contact).findOneBy({ id: viewer.id })
      if (viewer.kind === 'token') return ctx.db.getRepository(ApiToken).findOneBy({ id: viewer.id })
      return null
    },
  }),
)

builder.queryField('staffUsers', (t) =>
  t.field({
    type: [StaffUserType],
    description: 'The active support team, by name (staff): for assignment and desk rosters.',
    authScopes: { staff: true },
    args: { desk: t.arg({ type: DeskEnum }), role: t.arg({ type: StaffRoleEnum }) },
    resolve: (_root, args, ctx) => listStaffUsers(ctx, args),
  }),
)

builder.mutationField('login', (t) =>
  t.field({
    type: ViewerUnion,
    description: 'Signs in with email and password and sets the session cookie.',
    // Open to everyone, and deliberately without authScopes: scope-auth computes a request's scopes once, at
    // the first check, which must come after login has switched the request to the signed-in account.
    errors: { types: [ValidationError, InvalidCredentialsError, TooManyAttemptsError], dataField: { name: 'viewer' } },
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => login(ctx, args),
  }),
)

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends this browser session and clears the cookie. Always true.',
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => logout(ctx),
  }),
)

builder.queryField('apiTokens', (t) =>
  t.field({
    type: [ApiTokenType],
    description: 'Every API token, newest first (admins only).',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => listApiTokens(ctx),
  }),
)

const CreatedApiToken = builder.objectRef<{ apiToken: ApiToken; secret: string }>('CreatedApiToken').implement({
  description: 'A new token and its secret, shown only this once.',
  fields: (t) => ({
    apiToken: t.field({ type: ApiTokenType, resolve: (created) => created.apiToken }),
    secret: t.exposeString('secret', { description: 'Store it now: only a hash is kept.' }),
  }),
})

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Who or what uses the token.' }),
    scope: t.field({ type: ApiTokenScopeEnum, required: true }),
    customerId: t.globalID({ description: 'Bind the token to one customer (a Customer id); omit for all customers.' }),
    expiresAt: t.field({ type: 'DateTime' }),
  }),
})

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreatedApiToken,
    description: 'Creates an API token for an integrator (admins only).',
    authScopes: { admin: true },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError], dataField: { name: 'created' } },
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createApiToken(ctx, { ...input, customerId: customerIdFrom(input.customerId) }),
  }),
)

builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: ApiTokenType,
    description: 'Revokes a token at once (admins only).',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ForbiddenError], dataField: { name: 'apiToken' } },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => revokeApiToken(ctx, String(id)),
  }),
)
