import type { DataSource } from 'typeorm'
import { ValidationError } from '../../errors.js'
import type { Logger } from '../../logger.js'
import { checkEmailHeaders } from './outbox.js'
import { SendFailure, type MailTransport } from './transport.js'

/** After the 1st, 2nd, ... failed attempt, wait this long before the next. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const
/** A message that failed this many times is given up as FAILED. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1
/**
 * A claimed message is not due again for this long: if the process dies while sending, another process sends it
 * after the lease (at least once, never lost).
 */
const LEASE_MS = 5 * 60_000

interface ClaimedRow {
  id: string
  kind: string
  to_address: string
  to_name: string
  subject: string
  text_body: string
  html_body: string
  unsubscribe_url: string | null
  attempts: number
}

export interface DeliveryOutcome {
  sent: number
  retrying: number
  failed: number
}

/**
 * Sends every queued message that is due, a batch at a time. Each batch is claimed in one statement with
 * FOR UPDATE SKIP LOCKED, which also moves the messages' next attempt past a lease, so several API processes share
 * the outbox and none sends a message another is sending. Every attempt is logged in email_delivery_attempts.
 */
export async function deliverQueuedEmails(
  db: DataSource,
  transport: MailTransport,
  options: { from: string; now?: () => Date; limit?: number },
): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date())
  const limit = options.limit ?? 200
  const outcome: DeliveryOutcome = { sent: 0, retrying: 0, failed: 0 }
  let handled = 0
  while (handled < limit) {
    const at = now()
    const batch: ClaimedRow[] = await db.query(
      `WITH claimed AS (
         UPDATE email_messages m SET attempts = m.attempts + 1, next_attempt_at = $2
          WHERE m.id IN (SELECT id FROM email_messages
                          WHERE status = 'QUEUED' AND next_attempt_at <= $1
                          ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING m.id, m.kind, m.to_address, m.to_name, m.subject, m.text_body, m.html_body, m.unsubscribe_url, m.attempts, m.created_at)
       SELECT * FROM claimed ORDER BY created_at, id`,
      [at, new Date(at.getTime() + LEASE_MS), Math.min(10, limit - handled)],
    )
    if (!batch.length) break
    for (const row of batch) {
      handled++
      const result = await attempt(transport, options.from, row)
      const attemptedAt = now()
      await db.transaction(async (manager) => {
        await manager.query(`INSERT INTO email_delivery_attempts (email_id, attempted_at, outcome, detail) VALUES ($1, $2, $3, $4)`, [
          row.id,
          attemptedAt,
          result.ok ? 'SENT' : 'FAILED',
          result.detail.slice(0, 2000),
        ])
        if (result.ok) {
          outcome.sent++
          await manager.query(`UPDATE email_messages SET status = 'SENT', sent_at = $2, last_error = NULL WHERE id = $1`, [row.id, attemptedAt])
        } else if (result.permanent || row.attempts >= MAX_ATTEMPTS) {
          outcome.failed++
          await manager.query(`UPDATE email_messages SET status = 'FAILED', last_error = $2 WHERE id = $1`, [row.id, result.detail.slice(0, 2000)])
        } else {
          outcome.retrying++
          const delay = RETRY_DELAYS_MS[row.attempts - 1] ?? RETRY_DELAYS_MS.at(-1)!
          await manager.query(`UPDATE email_messages SET next_attempt_at = $2, last_error = $3 WHERE id = $1`, [
            row.id,
            new Date(attemptedAt.getTime() + delay),
            result.detail.slice(0, 2000),
          ])
        }
      })
    }
  }
  return outcome
}

async function attempt(transport: MailTransport, from: string, row: ClaimedRow): Promise<{ ok: true; detail: string } | { ok: false; permanent: boolean; detail: string }> {
  try {
    // Checked again at the door: nothing with a broken header ever leaves, whoever wrote the row.
    checkEmailHeaders({ to: { address: row.to_address, name: row.to_name }, subject: row.subject })
    const detail = await transport.send({
      id: row.id,
      kind: row.kind,
      from,
      to: { address: row.to_address, name: row.to_name },
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      unsubscribeUrl: row.unsubscribe_url,
    })
    return { ok: true, detail }
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, permanent: true, detail: `Not sent: ${error.message}` }
    if (error instanceof SendFailure) return { ok: false, permanent: error.permanent, detail: error.message }
    return { ok: false, permanent: false, detail: error instanceof Error ? error.message : String(error) }
  }
}

/** Sends due mail every `intervalMs` until stopped; a failed pass is logged and the loop goes on. */
export function startMailWorker(
  db: DataSource,
  transport: MailTransport,
  logger: Logger,
  options: { from: string; intervalMs: number; now?: () => Date },
): () => Promise<void> {
  let stopped = false
  let running: Promise<unknown> = Promise.resolve()
  const tick = () => {
    if (stopped) return
    running = deliverQueuedEmails(db, transport, { from: options.from, now: options.now })
      .then((outcome) => {
        if (outcome.failed) logger.warn(`mail: ${outcome.failed} message(s) given up as FAILED`)
      })
      .catch((error: unknown) => logger.error('mail: a delivery pass failed', error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs)
      })
  }
  let timer = setTimeout(tick, options.intervalMs)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
    transport.close()
  }
}
