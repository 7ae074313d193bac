import type { DataSource } from 'typeorm'
import { secureSchema } from './row-security.js'

const MIGRATION_LOCK = 7_212_001

/**
 * Applies pending migrations, then secures the schema (roles, grants, row-level security on every
 * customer-owned table: see row-security.ts). Runs as the connecting owner. On PostgreSQL an advisory lock keeps several starting processes from racing; the
 * embedded database has one process and one connection, so it needs (and can hold) no lock.
 */
export async function migrate(dataSource: DataSource, options: { lock?: boolean } = {}): Promise<string[]> {
  if (options.lock === false) {
    const applied = await dataSource.runMigrations({ transaction: 'each' })
    await secureSchema((sql, params) => dataSource.query(sql, params))
    return applied.map((migration) => migration.name)
  }
  const runner = dataSource.createQueryRunner()
  await runner.connect()
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    const applied = await dataSource.runMigrations({ transaction: 'each' })
    await secureSchema((sql, params) => runner.query(sql, params))
    return applied.map((migration) => migration.name)
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    await runner.release()
  }
}

/** Drops everything in the public schema (db:reset). */
export async function dropEverything(dataSource: DataSource): Promise<void> {
  await dataSource.query('DROP SCHEMA public CASCADE')
  await dataSource.query('CREATE SCHEMA public')
}
