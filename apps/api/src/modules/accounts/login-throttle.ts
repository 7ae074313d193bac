import type { EntityManager } from 'typeorm'

/**
 * Failed sign-ins are counted per account and per client address in a fixed window. Past the limit the
 * key is locked for a while. Kept in PostgreSQL so that every API process sees the same counts.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 30,
} as const

export const accountKey = (email: string) => `account:${email.toLowerCase()}`
export const addressKey = (ip: string) => `address:${ip}`

/** Seconds until the longest lock among the keys ends, or 0 when none is locked. */
export async function lockedForSeconds(manager: EntityManager, keys: string[], now: Date): Promise<number> {
  const rows: { locked_until: Date }[] = await manager.query(
    `SELECT locked_until FROM login_throttle WHERE key = ANY($1) AND locked_until > $2`,
    [keys, now],
  )
  const until = Math.max(0, ...rows.map((row) => new Date(row.locked_until).getTime()))
  return until === 0 ? 0 : Math.ceil((until - now.getTime()) / 1000)
}

/** Counts one failure against each key; returns the seconds of lock it caused (0 when still under the limit). */
export async function recordFailure(
  manager: EntityManager,
  keys: { key: string; limit: number }[],
  now: Date,
): Promise<number> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs)
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMs)
  let locked = 0
  for (const { key, limit } of keys) {
    const [row]: { failures: number }[] = await manager.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < $3 THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < $3 THEN $2 ELSE t.window_started_at END
       RETURNING failures`,
      [key, now, windowStart],
    )
    if (row && row.failures >= limit) {
      await manager.query(`UPDATE login_throttle SET locked_until = $2 WHERE key = $1`, [key, lockUntil])
      locked = Math.ceil(THROTTLE.lockMs / 1000)
    }
  }
  return locked
}

export async function clearFailures(manager: EntityManager, key: string): Promise<void> {
  await manager.query(`DELETE FROM login_throttle WHERE key = $1`, [key])
}
