import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { DataSource } from 'typeorm'

/**
 * Reads on the hot paths (the session, ticket pages and queues, conversations, customer lists) run as named
 * prepared statements: PostgreSQL parses and plans each text once per connection instead of on every request
 * (planning a page of tickets with its customers, requesters and latest messages costs more than running it).
 * The name is derived from the text, so the same text is the same statement; the texts are built from a fixed
 * set of fragments, so there are few of them (past MAX_NAMES new texts simply run unprepared).
 *
 * Only for reads outside a transaction: it takes its own pooled connection. Statements go through the data
 * source's logger like any other (statement counts in tests see them).
 */
const MAX_NAMES = 500
const names = new Map<string, string>()

function nameOf(sql: string): string | null {
  let name = names.get(sql)
  if (!name) {
    if (names.size >= MAX_NAMES) return null
    name = `covered_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`
    names.set(sql, name)
  }
  return name
}

/** A prepared statement whose result type changed under it (a migration altered a table it reads). */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: string })?.code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message))
}

export interface PreparedOptions {
  /**
   * The statement may run on a connection fenced for any tenant (see row-security.ts), so a connection's fence is
   * neither lifted nor changed for it. Only for statements that read nothing but SECURITY DEFINER functions made
   * for it (the sign-in lookups): any other statement would see only the fenced tenant's rows.
   */
  underAnyFence?: boolean
}

export async function preparedQuery<T = any>(db: DataSource, sql: string, params: unknown[], options: PreparedOptions = {}): Promise<T[]> {
  const pool = (db.driver as unknown as { master?: pg.Pool }).master
  const name = pool ? nameOf(sql) : null
  if (!pool || !name) return db.query(sql, params)
  db.logger.logQuery(sql, params)
  const client = await pool.connect()
  let result: pg.QueryResult
  try {
    result = await client.query({ name, text: sql, values: params, underAnyFence: options.underAnyFence === true } as pg.QueryConfig)
  } catch (error) {
    if (isStalePlan(error)) {
      // This connection's statement was planned for the old table: drop the connection (and its statements),
      // and answer with a fresh one.
      client.release(true)
      return db.query(sql, params)
    }
    client.release()
    throw error
  }
  client.release()
  return result.rows as T[]
}
