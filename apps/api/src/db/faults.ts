/**
 * Database failures that are not the request's fault: the server is down, cut off or overloaded, or a
 * statement ran past `statement_timeout`. They are answered with a typed, retryable error instead of the
 * masked "Unexpected error.", so a client (and a load balancer) can tell "try again" from "a bug".
 */
export type DatabaseFault = 'UNAVAILABLE' | 'TIMEOUT' | 'INVALID_INPUT'

/** Node socket errors and PostgreSQL SQLSTATE classes meaning "the database cannot be reached right now". */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
const UNREACHABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /Connection is not established/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /sorry, too many clients already/i,
  /terminating connection due to administrator command/i,
  /Query read timeout/i,
]

function* causes(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    yield current as Record<string, unknown>
    const next = (current as { driverError?: unknown; cause?: unknown; originalError?: unknown }).driverError ?? (current as { cause?: unknown }).cause ?? (current as { originalError?: unknown }).originalError
    if (next === current) break
    current = next
  }
}

export function classifyDatabaseFault(error: unknown): DatabaseFault | null {
  for (const cause of causes(error)) {
    const code = typeof cause.code === 'string' ? cause.code : ''
    const message = typeof cause.message === 'string' ? cause.message : ''
    // 57014 query_canceled: statement_timeout (or a cancel); 55P03 lock_not_available: lock_timeout.
    if (code === '57014' || code === '55P03') return 'TIMEOUT'
    // 22: data exceptions (a NUL byte in text, a number out of range, a malformed date or uuid reaching SQL).
    if (/^22[0-9A-Z]{3}$/.test(code)) return 'INVALID_INPUT'
    // 08: connection exceptions; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return 'UNAVAILABLE'
    if (UNREACHABLE_CODES.has(code)) return 'UNAVAILABLE'
    if (UNREACHABLE_MESSAGES.some((pattern) => pattern.test(message))) return 'UNAVAILABLE'
  }
  return null
}
