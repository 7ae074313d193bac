import { isThenable } from '@pothos/core'
import { RequestCache } from '@pothos/plugin-scope-auth'
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql'

type ObjectCheck = (value: unknown, context: unknown, info: GraphQLResolveInfo) => unknown
type ScopeMap = Record<string, unknown>
type TypeRule = ScopeMap | ((parent: unknown, context: unknown) => unknown)
/** The builder's scope-auth options this module reads (the schema's builder, or a test's). */
interface ScopeAuthBuilder {
  options: { scopeAuth?: { defaultStrategy?: string; cacheKey?: unknown; treatErrorsAsUnauthorized?: boolean } }
}

/** Marks a field that checks the objects it returns (read by the schema test that proves none is missed). */
export const CHECKS_OBJECTS = 'coveredChecksObjects'

/**
 * A type's own rule (its `authScopes`: a ticket is visible to whoever may see its customer; a staff user to staff)
 * is checked once for each object, at the field where the object enters the response, and not again on each of
 * its fields.
 *
 * scope-auth's `runScopesOnType` already runs a type's scopes once per object, but from `isTypeOf`, which the
 * compiled executor (graphql-jit) calls without the request context. So the schema is built with
 * `runScopesOnType`, and this takes each guarded type's check out of `isTypeOf` (giving the type back its own
 * `isTypeOf`, if it had one) and runs it on the result of every field whose type is, or may be, that type: root
 * fields, relations, list items, connection edges, mutation payloads and subscription events alike. Every field
 * of the schema is visited, so an object cannot reach a response unchecked; a field's own scopes (staff-only
 * fields) still run on that field. A failed check is scope-auth's own error (FORBIDDEN), on the entering field.
 *
 * With no wrapper on the object's own fields, the executor reads plain properties inline instead of calling a
 * resolver for each: a page of 50 tickets resolves some 2,000 fields fewer. A rule that is one map of scopes
 * (`{ customer: id }`, on types without grants or interface rules) is read here first through scope-auth's
 * request cache, and only an object it does not plainly let through goes to scope-auth's full check, which
 * keeps per-object caches for grants and paths (about 80 KB a queue page) that such types never use.
 */
export function checkObjectsWhereTheyEnter(schema: GraphQLSchema, builder: ScopeAuthBuilder): GraphQLSchema {
  const checks = new Map<string, ObjectCheck>()
  /** Types whose rule alone decides (no interface rules, no grants): an object that passes it needs nothing more. */
  const plainRules = new Map<string, TypeRule>()
  const scopeAuth = builder.options.scopeAuth ?? {}
  const rulesReadHere = (scopeAuth.defaultStrategy ?? 'any') === 'any' && !scopeAuth.cacheKey && !scopeAuth.treatErrorsAsUnauthorized
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue
    const options = type.extensions.pothosOptions as
      | { authScopes?: TypeRule; grantScopes?: unknown; isTypeOf?: GraphQLObjectType['isTypeOf'] }
      | undefined
    if (!options?.authScopes) continue
    if (!type.isTypeOf) throw new Error(`${type.name} has authScopes but no per-object check: build the schema with scopeAuth.runScopesOnType.`)
    checks.set(type.name, type.isTypeOf as ObjectCheck)
    type.isTypeOf = options.isTypeOf
    const interfaceRules = type.getInterfaces().some((iface) => (iface.extensions.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes)
    if (rulesReadHere && !options.grantScopes && !interfaceRules) plainRules.set(type.name, options.authScopes)
  }

  /**
   * True when the type's rule lets the object through, read with scope-auth's own request cache (the viewer's
   * scopes and each scope loader's answers, computed once a request): the rule's map passes when any of its scopes
   * does, as scope-auth's default "any" strategy has it. Anything else (a failing rule, a promise, $any/$all/
   * $granted, an error) answers false, and scope-auth's full check then decides and words the refusal. This
   * skips the per-object caches scope-auth keeps for grants and paths, which these types do not use.
   */
  const passesRule = (rule: TypeRule, value: unknown, context: unknown): boolean => {
    try {
      const map = typeof rule === 'function' ? rule(value, context) : rule
      if (!map || typeof map !== 'object' || isThenable(map)) return false
      const cache = RequestCache.fromContext(context as object, builder as never)
      const scopes = cache.getScopes() as Record<string, unknown>
      if (isThenable(scopes)) return false
      for (const name in map as ScopeMap) {
        if (name.startsWith('$')) return false
        const scope = scopes[name]
        if (typeof scope === 'function') {
          if (cache.evaluateScopeLoader(scopes as never, name as never, (map as ScopeMap)[name] as never) === null) return true
        } else if (scope) return true
      }
      return false
    } catch {
      return false
    }
  }

  const verify = (value: unknown, type: GraphQLOutputType, context: unknown, info: GraphQLResolveInfo): unknown => {
    if (value == null || value instanceof Error) return value
    if (isThenable(value)) return Promise.resolve(value).then((resolved) => verify(resolved, type, context, info))
    const inner = getNullableType(type)
    if (isListType(inner)) {
      const list = Array.isArray(value) ? value : Array.from(value as Iterable<unknown>)
      // The items' results are kept only once one of them is a promise (rare): most lists allocate nothing here.
      let items: unknown[] | null = null
      for (let i = 0; i < list.length; i++) {
        const checked = verify(list[i], inner.ofType, context, info)
        if (items) items.push(checked)
        else if (isThenable(checked)) items = [...list.slice(0, i), checked]
      }
      return items ? Promise.all(items) : list
    }
    if (isObjectType(inner)) return passes(inner.name, value, context, info)
    if (isAbstractType(inner)) {
      const name = inner.resolveType?.(value, context, info, inner)
      if (isThenable(name)) return Promise.resolve(name).then((resolved) => passesNamed(resolved, value, context, info))
      return passesNamed(name, value, context, info)
    }
    return value
  }

  const passesNamed = (name: unknown, value: unknown, context: unknown, info: GraphQLResolveInfo) => {
    // An object whose type cannot be told is refused rather than let through unchecked.
    if (typeof name !== 'string') throw new Error(`${info.parentType.name}.${info.fieldName}: cannot tell the type of a returned object`)
    return passes(name, value, context, info)
  }

  const passes = (typeName: string, value: unknown, context: unknown, info: GraphQLResolveInfo) => {
    const check = checks.get(typeName)
    if (!check) return value
    const rule = plainRules.get(typeName)
    if (rule !== undefined && passesRule(rule, value, context)) return value
    const outcome = check(value, context, info) // throws (or rejects with) the FORBIDDEN error when the scopes fail
    return isThenable(outcome) ? Promise.resolve(outcome).then(() => value) : value
  }

  const guarded = (type: GraphQLOutputType) => {
    const named = getNamedType(type)
    if (isObjectType(named)) return checks.has(named.name)
    if (isAbstractType(named)) return schema.getPossibleTypes(named).some((possible) => checks.has(possible.name))
    return false
  }

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      if (!guarded(field.type)) continue
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver
      field.resolve = (parent, args, context, info) => {
        const value = resolve(parent, args, context, info)
        return verify(value, field.type, context, info)
      }
      field.extensions = { ...field.extensions, [CHECKS_OBJECTS]: true }
    }
  }
  return schema
}
