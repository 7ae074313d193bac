import type { DataSource } from 'typeorm'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'
import { createDataSource } from './data-source.js'
import { startEmbeddedPostgres } from './embedded.js'
import { migrate } from './migrate.js'
import { APP_ROLE } from './row-security.js'

export interface Database {
  dataSource: DataSource
  /** 'postgres' with DATABASE_URL, otherwise 'embedded' (PGlite under the data directory). */
  kind: 'postgres' | 'embedded'
  describe: string
  /** The migrations this start applied. */
  applied: string[]
  close(): Promise<void>
}

export interface OpenOptions {
  /** Before migrating, with the owner's data source (db:reset drops everything here). */
  beforeMigrate?: (owner: DataSource) => Promise<void>
}

/**
 * Opens PostgreSQL from DATABASE_URL, or the embedded PGlite database kept in the data directory; migrates it as
 * the connecting owner (one short-lived connection), then opens the application's pool, whose connections act
 * as the `covered_app` role under row-level security.
 */
export async function openDatabase(config: Config, logger: Logger, options: OpenOptions = {}): Promise<Database> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir)
  const url = config.databaseUrl ?? embedded!.url
  let applied: string[]
  try {
    // Two connections on PostgreSQL (the advisory lock holds one); one on the embedded database.
    const owner = createDataSource({ url, poolSize: embedded ? 1 : 2, statementTimeoutMs: 600_000, connectTimeoutMs: config.db.connectTimeoutMs })
    await initializeWithRetry(owner, embedded ? 1 : 15, logger)
    try {
      await options.beforeMigrate?.(owner)
      applied = await migrate(owner, { lock: !embedded })
    } finally {
      await owner.destroy()
    }
  } catch (error) {
    await embedded?.stop()
    throw error
  }
  const dataSource = createDataSource({
    url,
    // One connection to the embedded database: its socket server interleaves the extended-protocol messages of
    // concurrent connections (electric-sql/pglite#1046), and PGlite runs one query at a time anyway.
    poolSize: embedded ? 1 : config.db.poolSize,
    statementTimeoutMs: config.db.statementTimeoutMs,
    connectTimeoutMs: config.db.connectTimeoutMs,
    role: APP_ROLE,
  })
  try {
    await initializeWithRetry(dataSource, embedded ? 1 : 15, logger)
  } catch (error) {
    await embedded?.stop()
    throw error
  }
  const describe = embedded ? `embedded PGlite in ${config.dataDir}` : `PostgreSQL at ${redact(url)}`
  logger.debug(`database: ${describe}`)
  return {
    dataSource,
    kind: embedded ? 'embedded' : 'postgres',
    describe,
    applied,
    async close() {
      await dataSource.destroy()
      await embedded?.stop()
    },
  }
}

/** A database server that is still starting (as in docker compose) gets a few seconds before we give up. */
async function initializeWithRetry(dataSource: DataSource, attempts: number, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.initialize()
      return
    } catch (error) {
      if (attempt >= attempts) throw error
      logger.warn(`database not reachable yet (${(error as Error).message}); retrying (${attempt}/${attempts - 1})`)
      await new Promise((resolve) => setTimeout(resolve, 1000 * Math.min(attempt, 3)))
    }
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'the configured database'
  }
}
