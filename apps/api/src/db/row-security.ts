import pg from 'pg'
import { requestScope } from '../request-scope.js'

/**
 * Row-level security: a second fence behind the application's own filters.
 *
 * - The application's connections run as `covered_app` (SET ROLE on connect), a NOLOGIN role without
 *   BYPASSRLS. On customer-owned tables a policy lets `covered_app` see every row: staff work across customers.
 * - A request by a contact or a customer-bound API token runs each of its statements on a connection fenced
 *   for its customer: `SET ROLE covered_tenant` and `set_config('covered.customer_id', <customer>, false)` for
 *   the session, set before the statement (or the BEGIN of its transaction) whenever the connection was last
 *   fenced for someone else, and lifted the same way before a staff or background statement. The
 *   `covered_tenant` policies let it see and write only that customer's rows; without the setting it sees
 *   none (fail closed). No connection is held for a whole request (the embedded database has one), and a
 *   connection that serves the same customer again needs no extra round trip.
 * - Migrations and the schema walk below run as the connecting owner, who is not subject to these policies.
 *
 * Customer-owned tables are found by walking the schema (`secureSchema`), not listed by hand: `customers`,
 * every table with a `customer_id` column, and every table with a NOT NULL foreign key to one of those
 * (repeatedly: messages of tickets, lines of quotes, attempts of emails...). New tables are covered the next
 * time migrations run.
 */
export const APP_ROLE = 'covered_app'
export const TENANT_ROLE = 'covered_tenant'
export const TENANT_SETTING = 'covered.customer_id'
/** Bump when the policy expressions change, so existing databases get the new ones. */
const POLICY_VERSION = 'v1'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The statement that fences to one customer (null: lifts the fence, back to covered_app) either the open
 * transaction (SET LOCAL, undone at its end) or the connection's session (outside any transaction).
 */
function fenceSql(customerId: string | null, scope: 'transaction' | 'session'): string {
  if (customerId !== null && !UUID.test(customerId)) throw new Error('A tenant fence needs a customer uuid.')
  const local = scope === 'transaction'
  return `SET ${local ? 'LOCAL ' : ''}ROLE ${customerId ? TENANT_ROLE : APP_ROLE}; SELECT set_config('${TENANT_SETTING}', '${customerId?.toLowerCase() ?? ''}', ${local})`
}

/**
 * Runs `work` inside a tenant's open transaction with the fence lifted, for the few reads the policy itself
 * makes across customers (premium routing counts every engineer's open tickets). Staff requests: no change.
 */
export async function acrossCustomers<T>(manager: { query(sql: string): Promise<unknown> }, work: () => Promise<T>): Promise<T> {
  if (!requestScope.getStore()?.tenant) return work()
  await manager.query(`SET LOCAL ROLE ${APP_ROLE}`)
  try {
    return await work()
  } finally {
    await manager.query(`SET LOCAL ROLE ${TENANT_ROLE}`)
  }
}

/**
 * Lifts the tenant fence for the rest of a tenant's open transaction (its audit row included), for the public
 * flows that must behave for a signed-in contact exactly as for an anonymous request: a password reset asked for
 * any address, a password link (whose token says whose account it is), the consulting form. Such work must
 * return nothing an anonymous caller would not get. Also for a transaction's very last statement, the webhook
 * deliveries its events cause (see commit-batches.ts). Staff and anonymous requests: no change. `SET LOCAL` ends
 * with the transaction, so the connection's next transaction is fenced again.
 */
export async function liftFenceForTransaction(manager: { query(sql: string): Promise<unknown> }): Promise<void> {
  if (!requestScope.getStore()?.tenant) return
  await manager.query(`SET LOCAL ROLE ${APP_ROLE}`)
}

/**
 * A `pg` client that becomes `covered_app` when it connects and fences every statement it runs for a tenant
 * request (found in the request scope): the promise form with SQL text (all TypeORM uses) or a `{ name, text, values }`
 * object (our prepared reads). Anything else in a tenant request is refused.
 */
export function fencedClientClass(role: string): typeof pg.Client {
  class FencedClient extends pg.Client {
    private inTransaction = false
    /** The tenant the open transaction is fenced for (by its session or SET LOCAL); null: none. */
    private transactionTenant: string | null = null
    /** The tenant the session is fenced for (SET ROLE and the setting, at session level); null: none; undefined: unknown. */
    private sessionTenant: string | null | undefined = null

    constructor(...args: any[]) {
      super(...(args as [pg.ClientConfig?]))
      // The server may end a connection with a FATAL error (pg_terminate_backend, a restart, a garbled stream)
      // when no query of ours is waiting for an answer: `pg` then emits it as an 'error' event, and an 'error'
      // event nobody listens to kills the process. The pool and TypeORM listen only part of the time (not
      // between connecting and SET ROLE, nor while the pool hands the client over), so this client always
      // listens. Nothing is lost: the client is then no longer queryable, its next query fails as UNAVAILABLE,
      // and the pool drops it on release and makes a new one.
      this.on('error', () => undefined)
    }

    override connect(callback?: any): any {
      const ready = (super.connect() as unknown as Promise<void>).then(async () => {
        try {
          await super.query(`SET ROLE ${role}`)
        } catch (error) {
          // The pool forgets a client whose connect failed without ending it: end it here, or its socket stays.
          void this.end().catch(() => undefined)
          throw error
        }
        return this
      })
      if (!callback) return ready
      ready.then((client) => callback(null, client), (error: Error) => callback(error))
      return undefined
    }

    override query(...args: any[]): any {
      const [config, values, callback] = args as [unknown, unknown, unknown]
      const tenant = requestScope.getStore()?.tenant ?? null
      if (typeof values !== 'function' && typeof callback !== 'function') {
        if (typeof config === 'string') return this.fenced(config, values as unknown[] | undefined, tenant)
        // A sign-in lookup (a SECURITY DEFINER function) outside a transaction, before any tenant is known: it
        // reads the same under any fence, so the connection keeps the one it has (see prepared.ts).
        if (isTextQuery(config) && config.underAnyFence === true && tenant === null && !this.inTransaction) return this.run(config)
        // A named prepared statement ({ name, text, values }): fenced like text.
        if (isTextQuery(config)) return this.fenced(config, undefined, tenant)
      }
      // Fail closed: a tenant's statement in a form this client cannot fence is refused, never run unfenced.
      if (tenant) throw new Error('A statement in a tenant request must be SQL text or { text, values }.')
      return (super.query as (...a: unknown[]) => unknown)(...args)
    }

    private async fenced(statement: string | TextQuery, values: unknown[] | undefined, tenant: string | null): Promise<unknown> {
      const text = typeof statement === 'string' ? statement : statement.text
      const verb = /^\s*(\w+)(\s+\w+)?/.exec(text)
      const first = verb?.[1]?.toUpperCase()
      const second = verb?.[2]?.trim().toUpperCase()
      if (this.inTransaction) {
        if ((first === 'COMMIT' || first === 'END' || first === 'ABORT' || first === 'ROLLBACK') && second !== 'TO') {
          this.inTransaction = false
          this.transactionTenant = null
          return this.run(statement, values)
        }
        // A tenant's statement in a transaction that is not fenced for it (begun outside the request): fence the
        // rest of the transaction (SET LOCAL), after any SET TRANSACTION, which must come first.
        if (tenant && this.transactionTenant !== tenant && !(first === 'SET' && second === 'TRANSACTION')) {
          await this.run(fenceSql(tenant, 'transaction'))
          this.transactionTenant = tenant
        }
        return this.run(statement, values)
      }
      // Outside a transaction the connection's session is fenced for whoever runs the statement; a connection
      // keeps its fence while the same tenant (or staff) uses it again, so most statements need nothing more.
      if (this.sessionTenant !== tenant) await this.fenceSession(tenant)
      if (first === 'BEGIN' || first === 'START') {
        const result = await this.run(statement, values)
        this.inTransaction = true
        this.transactionTenant = tenant
        return result
      }
      return this.run(statement, values)
    }

    /** Fences the session for a tenant, or lifts the fence (null); atomic (one implicit transaction). */
    private async fenceSession(tenant: string | null): Promise<void> {
      this.sessionTenant = undefined // unknown until it has worked
      await this.run(fenceSql(tenant, 'session'))
      this.sessionTenant = tenant
    }

    private run(sql: string | TextQuery, params?: unknown[]): Promise<unknown> {
      return (super.query as (t: string | TextQuery, v?: unknown[]) => Promise<unknown>)(sql, params).catch((error: Error) => {
        // The database stopped answering (query_timeout): this connection is unusable; end it so the pool
        // drops it and makes a new one when the database is back.
        if (error?.message === 'Query read timeout') (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy()
        throw error
      })
    }
  }
  return FencedClient as unknown as typeof pg.Client
}

type Query = (sql: string, params?: unknown[]) => Promise<any[]>

/** The object form of a statement that `pg` sends as an extended query (prepared when it has a name). */
interface TextQuery {
  text: string
  name?: string
  values?: unknown[]
  /** See PreparedOptions.underAnyFence in prepared.ts. */
  underAnyFence?: boolean
}

function isTextQuery(config: unknown): config is TextQuery {
  return typeof config === 'object' && config !== null && typeof (config as TextQuery).text === 'string' && typeof (config as { submit?: unknown }).submit !== 'function'
}

export interface SecuredTable {
  table: string
  /** How a row is tied to a customer: `id`, `customer_id`, or `fk:<column>-><table>`. */
  owner: string
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The customer-owned tables, found by walking the schema. */
export async function customerOwnedTables(query: Query): Promise<{ table: string; using: string; check: string; owner: string }[]> {
  const columns: { table_name: string; column_name: string }[] = await query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name = 'customer_id'`,
  )
  const fks: { child: string; column: string; parent: string; parent_column: string }[] = await query(
    `SELECT cl.relname AS child, a.attname AS column, pcl.relname AS parent, pa.attname AS parent_column
       FROM pg_constraint con
       JOIN pg_class cl ON cl.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
       JOIN pg_class pcl ON pcl.oid = con.confrelid
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[1]
      WHERE con.contype = 'f' AND array_length(con.conkey, 1) = 1 AND a.attnotnull AND cl.relname <> pcl.relname`,
  )
  const tenant = `nullif(current_setting('${TENANT_SETTING}', true), '')::uuid`
  const owned = new Map<string, { using: string; check: string; owner: string }>()
  owned.set('customers', { using: `id = ${tenant}`, check: `id = ${tenant}`, owner: 'id' })
  for (const { table_name } of columns) {
    if (table_name === 'customers') continue
    // Rows of no customer (NULL) may be written by a tenant's change (a notice to the desk) but never read back by it.
    owned.set(table_name, { using: `customer_id = ${tenant}`, check: `customer_id IS NULL OR customer_id = ${tenant}`, owner: 'customer_id' })
  }
  for (let changed = true; changed; ) {
    changed = false
    for (const fk of fks) {
      if (owned.has(fk.child) || !owned.has(fk.parent)) continue
      const exists = `EXISTS (SELECT 1 FROM ${quoteIdent(fk.parent)} p WHERE p.${quoteIdent(fk.parent_column)} = ${quoteIdent(fk.column)})`
      owned.set(fk.child, { using: exists, check: exists, owner: `fk:${fk.column}->${fk.parent}` })
      changed = true
    }
  }
  return [...owned.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([table, policy]) => ({ table, ...policy }))
}

/**
 * Idempotent, run after every migration (as the owner): the roles, their grants, append-only audit rows, and
 * row-level security with both policies on every customer-owned table. Returns the tables it fences.
 */
export async function secureSchema(query: Query): Promise<SecuredTable[]> {
  await ensureRoles(query)
  await query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}, ${TENANT_ROLE}`)
  await query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}, ${TENANT_ROLE}`)
  await query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}, ${TENANT_ROLE}`)
  // Audit rows are written, never changed or removed, by the application (the owner keeps retention work).
  await query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE}, ${TENANT_ROLE}`)

  const tables = await customerOwnedTables(query)
  const existing: { tablename: string; policyname: string }[] = await query(`SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'`)
  const has = new Set(existing.map((p) => `${p.tablename}.${p.policyname}`))
  for (const { table, using, check } of tables) {
    const t = quoteIdent(table)
    if (has.has(`${table}.covered_app_all`) && has.has(`${table}.covered_tenant_${POLICY_VERSION}`)) continue
    await query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`)
    await query(`DROP POLICY IF EXISTS covered_app_all ON ${t}`)
    for (const old of existing.filter((p) => p.tablename === table && p.policyname.startsWith('covered_tenant_'))) {
      await query(`DROP POLICY IF EXISTS ${quoteIdent(old.policyname)} ON ${t}`)
    }
    await query(`CREATE POLICY covered_app_all ON ${t} TO ${APP_ROLE} USING (true) WITH CHECK (true)`)
    await query(`CREATE POLICY covered_tenant_${POLICY_VERSION} ON ${t} TO ${TENANT_ROLE} USING (${using}) WITH CHECK (${check})`)
  }
  return tables.map(({ table, owner }) => ({ table, owner }))
}

/** The two NOLOGIN roles (cluster-wide: tolerate another database, or a concurrent start, making them first). */
export async function ensureRoles(query: Query): Promise<void> {
  for (const role of [APP_ROLE, TENANT_ROLE]) {
    await query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${role} NOLOGIN NOBYPASSRLS NOINHERIT;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`)
    // A non-superuser owner must be a member to SET ROLE to it.
    await query(`DO $$ BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
        EXECUTE format('GRANT ${role} TO %I', current_user);
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`)
  }
}
