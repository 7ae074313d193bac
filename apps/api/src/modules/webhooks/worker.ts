import type { DataSource } from 'typeorm'
import type { Logger } from '../../logger.js'
import { signedHeaders } from './signature.js'

/** Retries back off exponentially from 30 seconds up to 6 hours between attempts, with full jitter. */
export const RETRY_BACKOFF = { baseMs: 30_000, capMs: 6 * 3_600_000, minMs: 1_000 } as const

/**
 * How long to wait after the n-th failed attempt: a random time between 0 and min(cap, base * 2^(n-1))
 * ("full jitter", so receivers that come back are not hit by every sender at once), at least a second.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_BACKOFF.capMs, RETRY_BACKOFF.baseMs * 2 ** Math.max(0, failures - 1))
  return Math.max(RETRY_BACKOFF.minMs, Math.floor(random() * ceiling))
}

export interface WebhookWorkerOptions {
  /** Each request is cut after this long and counts as a failed attempt. */
  timeoutMs: number
  /** Deliveries claimed (and sent concurrently) per round. */
  batchSize?: number
  now?: () => Date
  random?: () => number
  logger?: Logger
}

interface Claimed {
  id: string
  domain_event_id: string
  body: string
  attempts: number
  give_up_at: Date
  url: string
  signing_secret: string
}

interface Outcome {
  succeeded: boolean
  status: number | null
  error: string | null
  durationMs: number
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `No answer within ${timeoutMs} ms: the request was cut.`
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined
  if (cause?.code === 'ECONNREFUSED') return 'Connection refused (ECONNREFUSED): nothing listens at that address.'
  if (cause?.code === 'ENOTFOUND') return 'The host name was not found (ENOTFOUND).'
  if (cause?.code) return `${cause.code}: ${cause.message ?? 'the request failed'}`
  return error instanceof Error ? error.message : String(error)
}

/** One POST of a delivery's body, signed now; cut at the timeout. Any 2xx answer counts as delivered. */
async function post(delivery: Claimed, at: Date, timeoutMs: number): Promise<Outcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Covered-Webhooks/1',
        ...signedHeaders(delivery.signing_secret, delivery.domain_event_id, delivery.body, at),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel().catch(() => undefined)
    const succeeded = response.status >= 200 && response.status < 300
    const error = succeeded
      ? null
      : response.status >= 300 && response.status < 400
        ? `HTTP ${response.status}: redirects are not followed; register the final URL.`
        : `HTTP ${response.status}`
    return { succeeded, status: response.status, error, durationMs: elapsed() }
  } catch (error) {
    return { succeeded: false, status: null, error: describeFailure(error, timeoutMs), durationMs: elapsed() }
  }
}

/**
 * One round of the delivery worker: claims due deliveries with FOR UPDATE SKIP LOCKED (so several processes
 * share the work), moves them out of reach for the length of a request, POSTs each, and records the attempt.
 * A delivery whose next try would fall past its 24-hour window is marked FAILED. A process killed mid-request
 * leaves its claims to fall due again after the lease: delivery is at least once, never lost.
 */
export async function deliverDueWebhooks(db: DataSource, options: WebhookWorkerOptions): Promise<{ attempted: number; delivered: number; failed: number }> {
  const now = options.now ?? (() => new Date())
  const random = options.random ?? Math.random
  const claimedAt = now()
  // Long enough for the request (cut at its timeout) and the write of its outcome.
  const leaseMs = 2 * options.timeoutMs + 5_000
  const [claimed]: [Claimed[], number] = await db.query(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 AND e.active
        ORDER BY d.next_attempt_at, d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
     UPDATE webhook_deliveries d SET next_attempt_at = $3
       FROM due, webhook_endpoints e
      WHERE d.id = due.id AND e.id = d.endpoint_id
     RETURNING d.id, d.domain_event_id, d.body, d.attempts, d.give_up_at, e.url, e.signing_secret`,
    [claimedAt, options.batchSize ?? 10, new Date(claimedAt.getTime() + leaseMs)],
  )
  const results = await Promise.all(
    claimed.map(async (delivery) => {
      const attemptedAt = now()
      const outcome = await post(delivery, attemptedAt, options.timeoutMs)
      const attempts = delivery.attempts + 1
      const next = new Date(now().getTime() + retryDelayMs(attempts, random))
      const status = outcome.succeeded ? 'DELIVERED' : next.getTime() > new Date(delivery.give_up_at).getTime() ? 'FAILED' : 'PENDING'
      await db.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO webhook_delivery_attempts (delivery_id, attempted_at, response_status, duration_ms, succeeded, error) VALUES ($1, $2, $3, $4, $5, $6)`,
          [delivery.id, attemptedAt, outcome.status, outcome.durationMs, outcome.succeeded, outcome.error],
        )
        await manager.query(
          `UPDATE webhook_deliveries
              SET attempts = $2, status = $3, next_attempt_at = $4, last_response_status = $5, last_error = $6, delivered_at = $7
            WHERE id = $1`,
          [delivery.id, attempts, status, status === 'PENDING' ? next : attemptedAt, outcome.status, outcome.error, outcome.succeeded ? attemptedAt : null],
        )
      })
      if (!outcome.succeeded) options.logger?.warn(`webhook ${delivery.id} to ${delivery.url}: attempt ${attempts} failed (${outcome.error})${status === 'FAILED' ? '; giving up' : ''}`)
      return status
    }),
  )
  return {
    attempted: results.length,
    delivered: results.filter((status) => status === 'DELIVERED').length,
    failed: results.filter((status) => status === 'FAILED').length,
  }
}

/**
 * Runs delivery rounds every `intervalMs` (back to back while there is a backlog) until stopped; stopping
 * waits for the requests in flight, each cut at its timeout.
 */
export function startWebhookWorker(db: DataSource, logger: Logger, options: WebhookWorkerOptions & { intervalMs: number }): () => Promise<void> {
  let stopped = false
  let running: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout
  const batchSize = options.batchSize ?? 10
  const tick = () => {
    if (stopped) return
    running = (async () => {
      for (;;) {
        const round = await deliverDueWebhooks(db, { ...options, batchSize, logger })
        if (stopped || round.attempted < batchSize) return
      }
    })()
      .catch((error: unknown) => logger.error('webhooks: a delivery round failed', error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs)
      })
  }
  timer = setTimeout(tick, options.intervalMs)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}
