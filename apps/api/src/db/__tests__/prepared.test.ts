import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/harness.js'
import { createLogger } from '../../logger.js'
import { createServer } from '../../server.js'
import { preparedQuery } from '../prepared.js'
import { APP_ROLE } from '../row-security.js'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

it('a prepared read keeps answering after a migration changes the table under it', async () => {
  const db = app.database.dataSource
  // Schema changes are the owner's, as migrations are (the application's connections act as covered_app).
  const asOwner = (sql: string) => db.query(`RESET ROLE; ${sql}; SET ROLE ${APP_ROLE}`)
  await asOwner(`CREATE TABLE prepared_probe (id int PRIMARY KEY, name text NOT NULL); GRANT SELECT ON prepared_probe TO ${APP_ROLE}`)
  await asOwner(`INSERT INTO prepared_probe VALUES (1, 'one'), (2, 'two')`)
  const read = () => preparedQuery<{ id: number; name: string; note?: string }>(db, `SELECT * FROM prepared_probe ORDER BY id`, [])
  // Several at once, so that several pooled connections hold the statement.
  for (const rows of await Promise.all(Array.from({ length: 12 }, read))) expect(rows.map((r) => r.name)).toEqual(['one', 'two'])

  await asOwner(`ALTER TABLE prepared_probe ADD COLUMN note text NOT NULL DEFAULT 'added'`)
  for (const rows of await Promise.all(Array.from({ length: 12 }, read))) {
    expect(rows).toEqual([
      { id: 1, name: 'one', note: 'added' },
      { id: 2, name: 'two', note: 'added' },
    ])
  }
  await asOwner(`DROP TABLE prepared_probe`)
})

it('counts SQL statements at the driver only when asked to, on a route that exists only then', async () => {
  const serve = async (statementCounter: boolean) => {
    const server = createServer({ config: { ...app.config, statementCounter }, logger: createLogger('silent'), database: app.database })
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve))
    return { server, base: `http://127.0.0.1:${(server.http.address() as AddressInfo).port}` }
  }
  const off = await serve(false)
  expect((await fetch(`${off.base}/debug/statements`)).status).toBe(404)
  await off.server.drain(1000)

  const on = await serve(true)
  const totals = async () => (await (await fetch(`${on.base}/debug/statements`)).json()) as { statements: number; graphqlRequests: number }
  const before = await totals()
  const response = await fetch(`${on.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'test' },
    body: JSON.stringify({ query: '{ ticketCategories { code } }' }),
  })
  expect(response.status).toBe(200)
  await app.database.dataSource.query('SELECT 1')
  const after = await totals()
  expect(after.graphqlRequests - before.graphqlRequests).toBe(1)
  // The request read nothing from the database (no session, a static list); the direct query is counted too.
  expect(after.statements - before.statements).toBe(1)
  await on.server.drain(1000)
})

it('answers the same rows as the driver does: every type, nulls, a repeated column name and awkward ones', async () => {
  const db = app.database.dataSource
  const sql = `SELECT 1 AS id, 'two' AS "weird ""quoted"" name", NULL::text AS nothing, '2026-11-26T18:45:31.123Z'::timestamptz AS at,
                      '{"a":[1,2]}'::jsonb AS doc, ARRAY['x','y'] AS tags, 7::bigint AS big, 'last' AS id, 'own' AS "__proto__"
                 FROM generate_series(1, $1::int)`
  const prepared = await preparedQuery(db, sql, [3])
  const plain = await db.query(sql, [3])
  expect(prepared).toHaveLength(3)
  expect(prepared).toEqual(plain)
  const [row] = prepared
  expect(row).toMatchObject({ id: 'last', 'weird "quoted" name': 'two', nothing: null, doc: { a: [1, 2] }, tags: ['x', 'y'], big: '7' })
  expect(row.at).toEqual(new Date('2026-11-26T18:45:31.123Z'))
  expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
  expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('own')
})
