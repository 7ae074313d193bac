import SchemaBuilder from '@pothos/core'
import DataloaderPlugin from '@pothos/plugin-dataloader'
import ErrorsPlugin from '@pothos/plugin-errors'
import RelayPlugin from '@pothos/plugin-relay'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import { GraphQLError } from 'graphql'
import type { RequestContext } from '../context.js'
import { canSeeCustomer } from '../modules/customers/customers.service.js'

/**
 * The one Pothos builder. Every field is guarded by scope-auth: a field without its own scopes inherits
 * its type's, and root fields declare theirs explicitly.
 */
export const builder = new SchemaBuilder<{
  Context: RequestContext
  Scalars: {
    DateTime: { Input: Date; Output: Date | string }
    Date: { Input: string; Output: string }
    SafeInt: { Input: number; Output: number }
    ID: { Input: string; Output: string }
  }
  AuthScopes: {
    public: boolean
    signedIn: boolean
    staff: boolean
    admin: boolean
    contact: boolean
    /** The viewer may read this customer's data. */
    customer: string
  }
  DefaultFieldNullability: false
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      public: true,
      signedIn: ctx.viewer.kind !== 'anonymous',
      staff: ctx.viewer.kind === 'staff',
      admin: ctx.viewer.kind === 'staff' && ctx.viewer.role === 'ADMIN',
      contact: ctx.viewer.kind === 'contact',
      customer: (customerId) => canSeeCustomer(ctx.viewer, customerId),
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer.kind === 'anonymous'
        ? new GraphQLError('Sign in first: this needs a signed-in user or an API token.', {
            extensions: { code: 'UNAUTHENTICATED' },
          })
        : new GraphQLError('You do not have permission to see or do this.', { extensions: { code: 'FORBIDDEN' } }),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: { authScopes: { signedIn: true } },
    nodesQueryOptions: false,
  },
  errors: {
    defaultTypes: [],
  },
})

builder.queryType({ description: 'Everything that can be read.' })
builder.mutationType({ description: 'Everything that can be changed.' })
