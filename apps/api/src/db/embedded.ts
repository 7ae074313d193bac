import fs from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  /** A connection string for the plain `pg` driver. */
  url: string
  stop(): Promise<void>
}

/**
 * Runs PGlite (a real Postgres engine compiled to WebAssembly) on the loopback interface, so the
 * application talks to it with the same `pg` driver, migrations and SQL as to a PostgreSQL server.
 * The socket server serialises queries and keeps a transaction on the connection that opened it.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await fs.mkdir(dataDir, { recursive: true })
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } })
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 })
  await server.start()
  const [host, port] = server.getServerConn().split(':')
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}
