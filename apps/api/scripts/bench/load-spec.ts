// What the load process is asked to do (a JSON file handed to load.ts), and how it checks each response.
// Shared by the orchestrator (bench.ts) and the load process (load.ts); plain data, so it crosses processes.

export interface LoadSpec {
  name: string
  /** e.g. http://127.0.0.1:4123 */
  origin: string
  connections: number
  warmupSeconds: number
  durationSeconds: number
  /** Cycled through by each connection in turn. */
  requests: RequestSpec[]
}

export interface RequestSpec {
  path: string
  headers: Record<string, string>
  /** A JSON body: a GraphQL request ({ query, variables }) or the floor's parameters. */
  body: Record<string, unknown>
  /** Before each request: variables[name] takes the next of values (round robin over every connection). */
  rotate?: { name: string; values: string[] }
  /** Before each request: variables.input[name] is set to a fresh value (an idempotency key). */
  unique?: string
  expect: Expectation
}

/** What a good response holds, beside HTTP 200 and no `errors`: checked on every response of the run. */
export type Expectation =
  | { kind: 'list'; path: string[]; min: number; max?: number }
  | { kind: 'ticket'; path: string[]; minMessages: number; minTimeline: number }
  | { kind: 'typename'; path: string[]; typename: string }

export interface LoadResult {
  name: string
  requests: number
  seconds: number
  rps: number
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number }
  /** Socket errors and timeouts, non-2xx answers, and 2xx answers whose body failed the check. */
  errors: { transport: number; timeouts: number; non2xx: number; body: number; total: number; samples: string[] }
}

function at(value: unknown, path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** Why a response body is not what the scenario asked for, or null when it is. */
export function checkBody(expect: Expectation, text: string): string | null {
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    return `not JSON: ${text.slice(0, 120)}`
  }
  if (Array.isArray(body?.errors) && body.errors.length) return `GraphQL errors: ${JSON.stringify(body.errors).slice(0, 300)}`
  const value = at(body, expect.path)
  switch (expect.kind) {
    case 'list': {
      if (!Array.isArray(value)) return `no list at ${expect.path.join('.')}: ${text.slice(0, 200)}`
      if (value.length < expect.min || (expect.max !== undefined && value.length > expect.max)) {
        return `${value.length} items at ${expect.path.join('.')}, expected ${expect.min}${expect.max !== undefined ? ` to ${expect.max}` : ' or more'}`
      }
      return null
    }
    case 'ticket': {
      const ticket = value as { messages?: unknown[]; timeline?: unknown[] } | null | undefined
      if (!ticket) return `no ticket at ${expect.path.join('.')}: ${text.slice(0, 200)}`
      if ((ticket.messages?.length ?? 0) < expect.minMessages) return `${ticket.messages?.length ?? 0} messages, expected ${expect.minMessages} or more`
      if ((ticket.timeline?.length ?? 0) < expect.minTimeline) return `${ticket.timeline?.length ?? 0} timeline events, expected ${expect.minTimeline} or more`
      return null
    }
    case 'typename': {
      const typename = at(value, ['__typename'])
      return typename === expect.typename ? null : `${expect.path.join('.')} is ${String(typename)}: ${text.slice(0, 300)}`
    }
  }
}
