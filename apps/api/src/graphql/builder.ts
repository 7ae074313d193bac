import SchemaBuilder from '@pothos/core'
import DataloaderPlugin from '@pothos/plugin-dataloader'
import ErrorsPlugin from '@pothos/plugin-errors'
import RelayPlugin from '@pothos/plugin-relay'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import { GraphQLError } from 'graphql'
import type { RequestContext } from '../context.js'
import { canSeeCustomer } from '../modules/customers/customers.service.js'

/**
 * The one Pothos builder. Every field is guarded by scope-auth: root fields declare their scopes explicitly, a
 * field may add its own, and a type's scopes are checked once for each of its objects, where the object enters
 * the response (runScopesOnType; see object-checks.ts).
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
    /** An integrator's API token (bound to one customer or not). */
    apiToken: boolean
    /** The viewer may read this customer's data. */
    customer: string
  }
  DefaultFieldNullability: false
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    runScopesOnType: true,
    authScopes: (ctx) => ({
      public: true,
      signedIn: ctx.viewer.kind !== 'anonymous',
      staff: ctx.viewer.kind === 'staff',
      admin: ctx.viewer.kind === 'staff' && ctx.viewer.role === 'ADMIN',
      contact: ctx.viewer.kind === 'contact',
      apiToken: ctx.viewer.kind === 'token',
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
    nodeQueryOptions: {
      authScopes: { signedIn: true },
      description: 'Any record by its global id (Relay); null when it does not exist or is not yours to see.',
      args: { id: { description: 'A global id, as every `id` of a Node gives it.' } },
    },
    nodesQueryOptions: false,
    // The plumbing of Relay connections, described once for every list.
    nodeTypeOptions: { description: 'A record that can be fetched again by its global id with `node(id:)`.' },
    idFieldOptions: { description: 'The record’s global id (opaque; stable; accepted wherever an id of this type is asked for).' },
    pageInfoTypeOptions: { description: 'Where a page sits in its list: whether more pages follow, and the cursors to fetch them.' },
    hasNextPageFieldOptions: { description: 'True when another page follows: ask again with `after: endCursor`.' },
    hasPreviousPageFieldOptions: { description: 'True when a page comes before this one: ask again with `before: startCursor` and `last`.' },
    startCursorFieldOptions: { description: 'The cursor of the first item of this page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'The cursor of the last item of this page; null when the page is empty.' },
    edgesFieldOptions: { description: 'The items of this page, in the list’s order.' },
    pageInfoFieldOptions: { description: 'Whether more pages follow, and the cursors to fetch them.' },
    cursorFieldOptions: { description: 'This item’s place in the list: pass it as `after` (or `before`) for the next page.' },
    nodeFieldOptions: { description: 'The item.' },
    firstArgOptions: { description: 'How many items to return from the start (or after `after`): 0 to 100, default 25.' },
    afterArgOptions: { description: 'Return the items after this cursor (an `endCursor` of the same list).' },
    lastArgOptions: { description: 'How many items to return from the end (or before `before`): 0 to 100.' },
    beforeArgOptions: { description: 'Return the items before this cursor (a `startCursor` of the same list).' },
  },
  errors: {
    defaultTypes: [],
  },
})

builder.queryType({ description: 'Everything that can be read.' })
builder.mutationType({ description: 'Everything that can be changed.' })
