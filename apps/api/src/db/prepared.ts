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
    result = await client.query({ name, text: sql, values: params, rowMode: 'array', underAnyFence: options.underAnyFence === true } as pg.QueryConfig)
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
  return rowsOf(name, result) as T[]
}

/**
 * Rows as objects built by a function made once per statement: `{ "id": values[0], "name": values[1], ... }`.
 * The driver's own objects are copied from a template and filled by key, which V8 handles as megamorphic
 * stores (4 to 5 per cent of the server's time under the portal list, bench/README.md); a literal gives every
 * row of a statement one shape. The keys are the result's column names, quoted by JSON.stringify; a repeated name keeps its last
 * value, as the driver's rows do.
 */
type RowBuilder = { names: string[]; build: (values: unknown[]) => object }
const rowBuilders = new Map<string, RowBuilder>()

function rowsOf(name: string, result: pg.QueryResult): object[] {
  const fields = result.fields
  let builder = rowBuilders.get(name)
  if (!builder || builder.names.length !== fields.length || fields.some((field, i) => field.name !== builder!.names[i])) {
    const names = fields.map((field) => field.name)
    // A computed key for "__proto__", which as a literal key would set the prototype instead of a column.
    const key = (name: string) => (name === '__proto__' ? `["__proto__"]` : JSON.stringify(name))
    const body = `return { ${names.map((name, i) => `${key(name)}: values[${i}]`).join(', ')} }`
    builder = { names, build: new Function('values', body) as RowBuilder['build'] }
    rowBuilders.set(name, builder)
  }
  const rows = result.rows as unknown[][]
  const objects = new Array<object>(rows.length)
  for (let i = 0; i < rows.length; i++) objects[i] = builder.build(rows[i]!)
  return objects
}
