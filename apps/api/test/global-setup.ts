import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createDataSource } from '../src/db/data-source.js'
import { migrate } from '../src/db/migrate.js'

/**
 * Once per run: make a migrated template database; each test file then copies it into a database of its
 * own (CREATE DATABASE ... TEMPLATE), which is fast and keeps files independent.
 * Without a reachable PostgreSQL the API tests fall back to PGlite and say so loudly; on CI that is a failure.
 */
export const TEMPLATE_DB = `covered_test_template_${process.pid}`

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch (error) {
    const message = `PostgreSQL does not answer at ${serverUrl} (${(error as Error).message}).`
    if (process.env.CI === 'true') throw new Error(`${message} CI needs a real PostgreSQL: start it, or set TEST_DATABASE_URL.`, { cause: error })
    console.warn(`\n${'!'.repeat(78)}\n!! ${message}\n!! API tests run on embedded PGlite instead. Start PostgreSQL to test against it.\n${'!'.repeat(78)}\n`)
    project.provide('testDatabase', { kind: 'pglite' })
    return
  }
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`)
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DB)
  const dataSource = createDataSource({ url: templateUrl, poolSize: 2, statementTimeoutMs: 30_000 })
  await dataSource.initialize()
  await migrate(dataSource)
  await dataSource.destroy()
  project.provide('testDatabase', { kind: 'postgres', serverUrl, template: TEMPLATE_DB })

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`).catch(() => undefined)
    await admin.end()
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'pglite' } | { kind: 'postgres'; serverUrl: string; template: string }
  }
}
