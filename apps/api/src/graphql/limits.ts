import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { RequestContext } from '../context.js'

/** The largest request body accepted on /graphql (1 MiB): the longest text field is 20,000 characters. */
export const MAX_REQUEST_BODY_BYTES = 1_048_576

function tooLarge(fetchAPI: { Response: typeof Response }): Response {
  return new fetchAPI.Response(
    JSON.stringify({
      errors: [
        {
          message: `The request body is larger than the request body size limit of ${MAX_REQUEST_BODY_BYTES} bytes (1 MiB).`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'requestBodySize', max: MAX_REQUEST_BODY_BYTES },
        },
      ],
    }),
    { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } },
  )
}

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes of the body; past that it stops reading and throws. */
async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The request body size limit. A declared Content-Length over the limit is refused before anything is read;
 * a body without one (chunked) is read only up to the limit.
 */
export function useRequestBodyLimit(limit = MAX_REQUEST_BODY_BYTES): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      const declared = Number(request.headers.get('content-length') ?? NaN)
      if (Number.isFinite(declared) && declared > limit) endResponse(tooLarge(fetchAPI))
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.method !== 'POST' || !requestParser || request.headers.get('content-length')) return
      setRequestParser(async (incoming) => {
        let text: string
        try {
          text = await readLimited(incoming, limit)
        } catch (error) {
          if (error instanceof BodyTooLarge) return tooLarge(fetchAPI)
          throw error
        }
        return requestParser(new fetchAPI.Request(incoming.url, { method: 'POST', headers: incoming.headers, body: text }))
      })
    },
  }
}

/** Documents come from yoga's parse cache, the same object for the same text: each is walked once. */
const introspectionAsked = new WeakMap<DocumentNode, boolean>()

function asksForIntrospection(document: DocumentNode): boolean {
  let asked = introspectionAsked.get(document)
  if (asked === undefined) {
    asked = walkForIntrospection(document)
    introspectionAsked.set(document, asked)
  }
  return asked
}

function walkForIntrospection(document: DocumentNode): boolean {
  let found = false
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true
        return false
      }
      return undefined
    },
  })
  return found
}

/**
 * In production the schema is described (introspection: `__schema`, `__type`) only to staff and API tokens;
 * anonymous users and customers' contacts get a clear refusal. `__typename` stays available to everyone.
 */
export function useIntrospectionLimit(enabled: boolean): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!enabled) return
      const ctx = args.contextValue as Partial<RequestContext>
      const kind = ctx.viewer?.kind
      if (kind === 'staff' || kind === 'token') return
      if (!asksForIntrospection(args.document)) return
      setResultAndStopExecution({
        errors: [
          new GraphQLError('Introspection is limited to staff and API tokens in production (introspection limit); sign in as staff or send an API token.', {
            extensions: { code: 'FORBIDDEN', limit: 'introspection' },
          }),
        ],
      })
    },
  }
}
