import { defaultFieldResolver, type GraphQLSchema } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { RequestContext } from '../context.js'
import { writeMutationAudit } from '../modules/audit/audit.js'
import { requestScope, tenantOf, type RequestScope } from '../request-scope.js'

function scopeOf(ctx: RequestContext): RequestScope {
  return { requestId: ctx.requestId, tenant: tenantOf(ctx.viewer) }
}

function isAsyncIterable(value: unknown): value is AsyncIterableIterator<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value
}

/** Keeps each event of a subscription in the subscriber's scope (their tenant fence). */
function inScope<T>(iterator: AsyncIterableIterator<T>, scope: RequestScope): AsyncIterableIterator<T> {
  return {
    next: (...args) => requestScope.run(scope, () => iterator.next(...args)),
    return: iterator.return ? (value) => requestScope.run(scope, () => iterator.return!(value)) : undefined,
    throw: iterator.throw ? (error) => requestScope.run(scope, () => iterator.throw!(error)) : undefined,
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

/** Runs each operation's execution (and each subscription event) inside the request's scope. */
export const useRequestScope: Plugin = {
  onExecute({ args, executeFn, setExecuteFn }) {
    const scope = scopeOf(args.contextValue as unknown as RequestContext)
    setExecuteFn((execArgs) => requestScope.run(scope, () => executeFn(execArgs)))
  },
  onSubscribe({ args, subscribeFn, setSubscribeFn }) {
    const scope = scopeOf(args.contextValue as unknown as RequestContext)
    setSubscribeFn(async (subArgs) => {
      const result = await requestScope.run(scope, () => subscribeFn(subArgs))
      return isAsyncIterable(result) ? inScope(result, scope) : result
    })
  },
}

/** A typed error result (the errors plugin hands back a proxy of the thrown error, not an Error instance). */
function isErrorResult(result: unknown): boolean {
  if (result instanceof Error) return true
  if (typeof result !== 'object' || result === null) return false
  const { name, message } = result as { name?: unknown; message?: unknown }
  return typeof name === 'string' && name.endsWith('Error') && typeof message === 'string'
}

/**
 * Runs `work` as the mutation `field` of ctx's request: its transactions write exactly one audit row (see
 * withTransaction); a successful mutation that opened no transaction gets its row in a transaction of its own
 * afterwards; a failed one (thrown, or a typed error result) writes none of its own. Every mutation root field runs
 * through here, and so does the demo seed, which changes data through the services exactly as these mutations do.
 */
export function runAsMutation<T>(ctx: RequestContext, field: string, work: () => Promise<T> | T): Promise<T> {
  const outer = requestScope.getStore()
  const base = outer && outer.requestId === ctx.requestId ? outer : scopeOf(ctx)
  const scope: RequestScope = { ...base, mutation: { field, open: new Map(), written: 0 } }
  return requestScope.run(scope, async () => {
    const result = await work()
    if (!isErrorResult(result) && scope.mutation!.written === 0) {
      await ctx.db.transaction((manager) => writeMutationAudit(manager, ctx, scope, [], result))
    }
    return result
  })
}

/** Every mutation root field runs in a mutation scope (see runAsMutation). */
export function auditEveryMutation(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType()
  if (!mutationType) return schema
  for (const field of Object.values(mutationType.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver
    field.resolve = (root, args, ctx: RequestContext, info) => runAsMutation(ctx, info.fieldName, () => resolve(root, args, ctx, info))
  }
  return schema
}
