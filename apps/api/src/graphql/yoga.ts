import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention'
import { useGraphQlJit } from '@envelop/graphql-jit'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import { initContextCache } from '@pothos/core'
import { getOperationAST, GraphQLError } from 'graphql'
import { getVariableValues } from 'graphql/execution/values.js'
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga'
import type { DataSource } from 'typeorm'
import type { Config } from '../config.js'
import { AppError } from '../errors.js'
import type { CookieJar, RequestContext } from '../context.js'
import type { Logger } from '../logger.js'
import { classifyDatabaseFault } from '../db/faults.js'
import { resolveViewer } from '../modules/accounts/auth.service.js'
import { registerNotifications } from '../modules/notifications/index.js'
import { useIntrospectionLimit, useRequestBodyLimit } from './limits.js'
import { useRequestScope } from './request-scope-plugin.js'
import { getSchema } from './schema.js'

export interface ServerContext {
  req?: IncomingMessage
}

export interface YogaOptions {
  config: Config
  logger: Logger
  db: DataSource
  /** The clock, replaceable in tests. */
  now?: () => Date
}

export type CoveredYoga = YogaServerInstance<ServerContext, RequestContext>

const pendingCookies = new WeakMap<Request, string[]>()

/** Adds the cookies that resolvers queued to the response. */
const useResponseCookies: Plugin = {
  onResponse({ request, response }) {
    for (const cookie of pendingCookies.get(request) ?? []) response.headers.append('set-cookie', cookie)
  },
}

/**
 * Variables are coerced by graphql-js before the compiled operation runs, so that a wrong value is refused with
 * graphql-js's message naming the type and the allowed values (e.g. 'Value "EUR" does not exist in "Currency"
 * enum'), exactly as without the compiler.
 */
const useVariablesCheckedFirst: Plugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const operation = getOperationAST(args.document, args.operationName)
    if (!operation?.variableDefinitions?.length) return
    const coerced = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 50 })
    if (coerced.errors) setResultAndStopExecution({ errors: coerced.errors })
  },
}

function cookieJar(request: Request, secure: boolean): CookieJar {
  const incoming = parseCookies(request.headers.get('cookie') ?? '')
  const queue = (cookie: string) => {
    const list = pendingCookies.get(request) ?? []
    list.push(cookie)
    pendingCookies.set(request, list)
  }
  const base = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' }
  return {
    get: (name) => incoming[name],
    set: (name, value, { maxAgeSeconds }) => queue(serializeCookie(name, value, { ...base, maxAge: maxAgeSeconds })),
    clear: (name) => queue(serializeCookie(name, '', { ...base, maxAge: 0 })),
  }
}

function clientAddress(request: Request, req: IncomingMessage | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  return req?.socket.remoteAddress ?? 'unknown'
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization')
  if (!header) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) {
    throw new GraphQLError('Send the API token as "Authorization: Bearer <token>".', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    })
  }
  return match[1]
}

export function createCoveredYoga({ config, logger, db, now = () => new Date() }: YogaOptions): CoveredYoga {
  // Domain events become emails in every process that serves the API (and in the test harness).
  registerNotifications(config)
  return createYoga<ServerContext, RequestContext>({
    schema: getSchema(),
    graphqlEndpoint: '/graphql',
    graphiql: config.isProduction ? false : { title: 'Covered GraphQL', defaultQuery: '{ viewer { __typename } }' },
    landingPage: false,
    batching: false,
    // useRequestBodyLimit (below) enforces the body limit; yoga's own would pipe every body through a stream
    // transform and build a second Request for it.
    maxRequestBodySize: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.debug(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: {
      isDev: false,
      maskError(error, message) {
        const original = error instanceof GraphQLError ? error.originalError : error
        if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error
        // An expected failure outside a typed result (e.g. a hidden record behind a nullable field): say what it is.
        if (original instanceof AppError) {
          return new GraphQLError(original.message, { path: error instanceof GraphQLError ? error.path : undefined, extensions: { code: original.code } })
        }
        const fault = classifyDatabaseFault(original ?? error)
        if (fault === 'UNAVAILABLE') {
          logger.warn(`database unavailable: ${(original as Error | undefined)?.message ?? 'unknown'}`)
          return new GraphQLError('The service is temporarily unavailable (the database does not answer). Try again in a few seconds.', {
            path: error instanceof GraphQLError ? error.path : undefined,
            extensions: { code: 'UNAVAILABLE', retryable: true, http: { status: 503, headers: { 'retry-after': '5' } } },
          })
        }
        if (fault === 'TIMEOUT') {
          return new GraphQLError(
            `The database took longer than the statement timeout (${config.db.statementTimeoutMs} ms) and the request was stopped. Try again, or ask for less at once.`,
            { path: error instanceof GraphQLError ? error.path : undefined, extensions: { code: 'TIMEOUT', limit: 'statementTimeout', max: config.db.statementTimeoutMs, retryable: true } },
          )
        }
        if (fault === 'INVALID_INPUT') {
          logger.warn(`input refused by the database: ${(original as Error | undefined)?.message ?? 'unknown'}`)
          return new GraphQLError(
            'A value in the request cannot be stored or compared: check for out-of-range numbers, impossible dates, malformed ids, or control characters such as NUL in text.',
            { path: error instanceof GraphQLError ? error.path : undefined, extensions: { code: 'BAD_USER_INPUT' } },
          )
        }
        const errorId = randomUUID()
        logger.error(`unexpected error ${errorId}`, original ?? error)
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } })
      },
    },
    context: async ({ request, req }): Promise<RequestContext> => {
      const cookies = cookieJar(request, config.isProduction)
      const at = now()
      const viewer = await resolveViewer(db, { bearer: bearerToken(request), sessionToken: cookies.get('covered_session') }, at)
      return {
        ...initContextCache(),
        requestId: randomUUID(),
        viewer,
        ip: clientAddress(request, req, config.trustProxy),
        userAgent: request.headers.get('user-agent'),
        config,
        logger,
        db,
        cookies,
        now,
      }
    },
    plugins: [
      useRequestBodyLimit(),
      useVariablesCheckedFirst,
      // Operations are compiled to JavaScript once per document (graphql-jit) and then run without graphql-js's
      // generic walk over the selection for every field of every row: about a quarter less CPU for a queue page.
      useGraphQlJit(),
      useResponseCookies,
      useCSRFPrevention({ requestHeaders: ['x-requested-with', 'x-graphql-yoga-csrf', 'apollo-require-preflight'] }),
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 20 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 4000 },
        costLimit: { maxCost: 20000 },
        blockFieldSuggestion: { enabled: config.isProduction },
      }),
      useIntrospectionLimit(config.isProduction),
      useRequestScope,
    ],
  })
}
