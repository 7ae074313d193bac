// Indexes built after a bulk load instead of maintained row by row: a sorted build of millions of keys is far
// cheaper than inserting them one at a time, and writes less WAL. Everything is read from the catalogue and put
// back exactly as the migrations defined it:
// - secondary indexes of the given tables (pg_get_indexdef);
// - their primary keys and unique constraints, unless a foreign key of a table that gets rows depends on one
//   (adding that foreign key again would check every row): the unique index is built like the others, then
//   attached as the constraint (ADD CONSTRAINT ... USING INDEX, no second build); foreign keys on such a key
//   from tables that stay empty (e.g. citations of messages) are dropped first and added again last.
import type { Queryable } from './seed-dataset.js'

export interface DeferredIndexes {
  /** Drops the foreign keys on the deferred keys, the keys, then the indexes. */
  drop(): Promise<void>
  /** CREATE INDEX statements for all of them, the largest table first; independent, so they may run at once. */
  builds(): Promise<string[]>
  /** After every build: the unique indexes become their constraints again, then the foreign keys come back. */
  restoreConstraints(): Promise<void>
}

interface Index {
  table: string
  name: string
  definition: string
}
interface Key extends Index {
  kind: 'PRIMARY KEY' | 'UNIQUE'
}

const rowsOf = (result: any): any[] => (Array.isArray(result) ? result : result.rows)

/**
 * @param tables the tables about to be loaded
 * @param seeded every table that will have rows: keys these tables' foreign keys point at are kept
 */
export async function deferIndexes(client: Queryable, tables: string[], seeded: string[]): Promise<DeferredIndexes> {
  const q = async (sql: string, params?: unknown[]) => rowsOf(await client.query(sql, params))
  const keys: Key[] = await q(
    `SELECT k.conrelid::regclass::text AS table, k.conname AS name, pg_get_indexdef(k.conindid) AS definition,
            CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END AS kind
       FROM pg_constraint k
      WHERE k.contype IN ('p', 'u') AND NOT k.condeferrable AND k.conrelid::regclass::text = ANY($1::text[])
        AND (SELECT relname FROM pg_class WHERE oid = k.conindid) = k.conname
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                         WHERE f.contype = 'f' AND f.confrelid = k.conrelid AND f.conindid = k.conindid
                           AND f.conrelid::regclass::text = ANY($2::text[]))
      ORDER BY 1, 2`,
    [tables, seeded],
  )
  const foreignKeys: Index[] = await q(
    `SELECT f.conrelid::regclass::text AS table, f.conname AS name, pg_get_constraintdef(f.oid) AS definition
       FROM pg_constraint f JOIN pg_constraint k ON k.conrelid = f.confrelid AND k.conindid = f.conindid
      WHERE f.contype = 'f' AND k.contype IN ('p', 'u') AND k.conrelid::regclass::text = ANY($1::text[])
        AND k.conname = ANY($2::text[])
      ORDER BY 1, 2`,
    [tables, keys.map((key) => key.name)],
  )
  const indexes: Index[] = await q(
    `SELECT x.indrelid::regclass::text AS table, x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
      WHERE x.indrelid::regclass::text = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = x.indrelid AND k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2`,
    [tables],
  )

  return {
    async drop() {
      for (const fk of foreignKeys) await q(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`)
      for (const key of keys) await q(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`)
      for (const index of indexes) await q(`DROP INDEX ${index.name}`)
    },
    async builds() {
      const sizes = new Map<string, number>(
        (await q(`SELECT t AS table, pg_relation_size(t::regclass)::float8 AS bytes FROM unnest($1::text[]) t`, [tables])).map((row) => [row.table, row.bytes]),
      )
      return [...keys, ...indexes]
        .sort((a, b) => sizes.get(b.table)! - sizes.get(a.table)!)
        .map((index) => index.definition)
    },
    async restoreConstraints() {
      for (const key of keys) await q(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.kind} USING INDEX ${key.name}`)
      for (const fk of foreignKeys) await q(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition}`)
    },
  }
}
