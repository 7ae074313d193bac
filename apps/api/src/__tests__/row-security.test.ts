import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../test/factories.js'
import { createTestApp, type TestApp } from '../../test/harness.js'
import { createDataSource } from '../db/data-source.js'
import { APP_ROLE, customerOwnedTables, TENANT_ROLE } from '../db/row-security.js'
import { createCoveredYoga } from '../graphql/yoga.js'
import { createLogger } from '../logger.js'
import { requestScope } from '../request-scope.js'

// The application's own ticket filter, switched off: every ticket matches. Row-level security must still hold.
vi.mock('../modules/tickets/access.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../modules/tickets/access.js')>()),
  ticketVisibilitySql: () => 'TRUE',
}))

/** Row-level security, the second fence: a contact's statements see only their customer's rows. */
let app: TestApp
let owner: pg.Client
const fixtures: Record<'A' | 'B', { customerId: string; contactCookie: string; ticketIds: string[] }> = {} as never

const OPEN = `mutation($input: OpenTicketInput!) { openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id } } ... on Error { message } } }`
const REPLY = `mutation($id: ID!, $body: String!) { replyToTicket(ticketId: $id, body: $body) { __typename } }`
const ESCALATE = `mutation($id: ID!) { escalateTicket(ticketId: $id, estimatedHours: "3") { __typename ... on Error { message } } }`

const rawId = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!

/** Runs `work` as the application does for a request of a contact of `customerId`. */
function asTenant<T>(customerId: string | null, work: () => Promise<T>): Promise<T> {
  return requestScope.run({ requestId: randomUUID(), tenant: customerId }, work)
}

beforeAll(async () => {
  app = await createTestApp()
  owner = new pg.Client({ connectionString: app.url })
  await owner.connect()
  const db = app.database.dataSource
  const staffCookie = await app.signIn((await makeStaff(db, { role: 'ADMIN' })).email)
  for (const name of ['A', 'B'] as const) {
    const { customer, keyContact } = await makeCoveredCustomer(db, { premium: true, name: `Tenant ${name}` })
    const contactCookie = await app.signIn(keyContact.email)
    const ticketIds: string[] = []
    for (const subject of [`${name} first question`, `${name} second question`]) {
      const opened = await app.gql(OPEN, { input: { subject, body: `Details from ${name}`, category: 'DATA_DISCREPANCY' } }, { cookie: contactCookie })
      expect(opened.data.openTicket.__typename).toBe('MutationOpenTicketSuccess')
      ticketIds.push(opened.data.openTicket.ticket.id)
    }
    await app.gql(REPLY, { id: ticketIds[0], body: `A reply from ${name}` }, { cookie: contactCookie })
    const escalated = await app.gql(ESCALATE, { id: ticketIds[1] }, { cookie: staffCookie })
    expect(escalated.data.escalateTicket.__typename).toBe('MutationEscalateTicketSuccess')
    fixtures[name] = { customerId: customer.id, contactCookie, ticketIds }
  }
})
afterAll(async () => {
  await owner?.end()
  await app?.close()
})

describe('roles', () => {
  it('the application acts as covered_app, which cannot bypass row-level security', async () => {
    const [me] = await app.database.dataSource.query(`SELECT current_user AS role, r.rolbypassrls, r.rolsuper FROM pg_roles r WHERE r.rolname = current_user`)
    expect(me).toEqual({ role: APP_ROLE, rolbypassrls: false, rolsuper: false })
    const [tenant] = await asTenant(fixtures.A.customerId, () => app.database.dataSource.query(`SELECT current_user AS role, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user`))
    expect(tenant).toEqual({ role: TENANT_ROLE, rolbypassrls: false })
  })

  it('every customer-owned table, found by walking the schema, has row-level security on', async () => {
    const owned = await customerOwnedTables(async (sql, params) => (await owner.query(sql, params)).rows)
    const names = owned.map((t) => t.table)
    for (const expected of ['customers', 'contacts', 'licenses', 'contracts', 'contract_terms', 'contract_key_contacts', 'tickets', 'ticket_messages', 'ticket_events', 'quotes', 'quote_lines', 'time_entries', 'audit_log', 'api_tokens', 'consulting_requests']) {
      expect(names).toContain(expected)
    }
    const { rows } = await owner.query(`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity`)
    expect(rows.map((r: { relname: string }) => r.relname).sort()).toEqual([...names].sort())
    console.log(`row-level security on ${names.length} tables: ${owned.map((t) => `${t.table} (${t.owner})`).join(', ')}`)
  })
})

describe('a contact’s statements, with the application’s own filter switched off', () => {
  it('see no row of another customer in any customer-owned table', async () => {
    const owned = await customerOwnedTables(async (sql, params) => (await owner.query(sql, params)).rows)
    for (const { table } of owned) {
      const all = (await owner.query(`SELECT ctid::text AS row FROM "${table}"`)).rows.map((r: { row: string }) => r.row)
      const seenBy = async (customerId: string | null) =>
        (await asTenant(customerId, () => app.database.dataSource.query(`SELECT ctid::text AS row FROM "${table}"`))).map((r: { row: string }) => r.row) as string[]
      const a = await seenBy(fixtures.A.customerId)
      const b = await seenBy(fixtures.B.customerId)
      expect(a.filter((row) => b.includes(row)), `rows of ${table} seen by both A and B`).toEqual([])
      expect(a.every((row) => all.includes(row))).toBe(true)
      // Staff (no tenant) see every row.
      expect((await seenBy(null)).length).toBe(all.length)
    }
    // The tables the fixtures fill have rows on both sides, so the check above compared something.
    for (const table of ['customers', 'contacts', 'tickets', 'ticket_messages', 'ticket_events', 'quotes', 'quote_lines', 'contract_terms', 'audit_log']) {
      const count = (customerId: string) => asTenant(customerId, () => app.database.dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`))
      expect((await count(fixtures.A.customerId))[0].n, `${table} rows of A`).toBeGreaterThan(0)
      expect((await count(fixtures.B.customerId))[0].n, `${table} rows of B`).toBeGreaterThan(0)
    }
  })

  it('a select naming the other customer outright returns nothing', async () => {
    const rows = await asTenant(fixtures.A.customerId, () =>
      app.database.dataSource.query(
        `SELECT t.id FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE t.customer_id = $1
         UNION ALL SELECT id FROM contacts WHERE customer_id = $1 UNION ALL SELECT id FROM customers WHERE id = $1`,
        [fixtures.B.customerId],
      ),
    )
    expect(rows).toEqual([])
  })

  it('cannot change or add another customer’s rows', async () => {
    const db = app.database.dataSource
    await asTenant(fixtures.A.customerId, async () => {
      const updated = await db.query(`UPDATE tickets SET subject = 'taken over' WHERE customer_id = $1`, [fixtures.B.customerId])
      expect(updated[1]).toBe(0)
      await expect(db.query(`INSERT INTO contacts (customer_id, email, name) VALUES ($1, 'intruder@example.test', 'Intruder')`, [fixtures.B.customerId])).rejects.toThrow(/row-level security/)
      await expect(
        db.transaction(async (manager) => {
          await manager.query(`INSERT INTO ticket_messages (ticket_id, author_kind, visibility, body, created_at) VALUES ($1, 'CONTACT', 'PUBLIC', 'planted', now())`, [rawId(fixtures.B.ticketIds[0]!)])
        }),
      ).rejects.toThrow(/row-level security/)
    })
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM tickets WHERE subject = 'taken over'`)
    expect(rows[0].n).toBe(0)
  })

  it('fails closed: the tenant role without a customer set sees nothing', async () => {
    const rows = await app.database.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE ${TENANT_ROLE}`)
      return manager.query(`SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM customers)::int AS customers`)
    })
    expect(rows).toEqual([{ tickets: 0, customers: 0 }])
  })

  it('through GraphQL: contact A lists only A’s tickets, and B’s ticket is answered as nonexistent', async () => {
    const list = await app.gql(`{ tickets(first: 50) { edges { node { id subject } } } }`, {}, { cookie: fixtures.A.contactCookie })
    expect(list.errors).toBeUndefined()
    const ids = list.data.tickets.edges.map((e: { node: { id: string } }) => e.node.id).sort()
    expect(ids).toEqual([...fixtures.A.ticketIds].sort())
    const theirs = await app.gql(`query($id: ID!) { ticket(id: $id) { id subject } }`, { id: fixtures.B.ticketIds[0] }, { cookie: fixtures.A.contactCookie })
    const missing = await app.gql(`query($id: ID!) { ticket(id: $id) { id subject } }`, { id: globalId('Ticket', randomUUID()) }, { cookie: fixtures.A.contactCookie })
    expect(theirs.data).toEqual(missing.data)
    expect(JSON.stringify(theirs.errors ?? null)).toBe(JSON.stringify(missing.errors ?? null))
  })
})

describe('one connection passed between requests', () => {
  it('is fenced for whoever uses it next: contact A, contact B, staff, a transaction, and after a failed statement', async () => {
    // One pooled connection, as the embedded database has: every request below runs on the same session.
    const single = createDataSource({ url: app.url, poolSize: 1, statementTimeoutMs: 10_000, role: APP_ROLE })
    await single.initialize()
    try {
      const customersSeen = async () => ((await single.query(`SELECT id FROM customers ORDER BY id`)) as { id: string }[]).map((r) => r.id)
      const A = fixtures.A.customerId
      const B = fixtures.B.customerId
      expect(await asTenant(A, customersSeen)).toEqual([A])
      expect(await asTenant(A, customersSeen)).toEqual([A]) // the fence kept: no statement needed to set it again
      expect(await asTenant(B, customersSeen)).toEqual([B])
      const all = await customersSeen() // staff (no tenant): the fence is lifted
      expect(all).toEqual(expect.arrayContaining([A, B]))
      expect(await asTenant(null, customersSeen)).toEqual(all)

      // A transaction of a tenant, and one of staff right after it on the same connection.
      const inTransaction = (tenant: string | null) =>
        asTenant(tenant, () => single.transaction(async (manager) => ((await manager.query(`SELECT id FROM customers ORDER BY id`)) as { id: string }[]).map((r) => r.id)))
      expect(await inTransaction(B)).toEqual([B])
      expect(await inTransaction(null)).toEqual(all)

      // A failed statement leaves the fence as it was; the next tenant still sees only their own rows.
      await expect(asTenant(A, () => single.query(`SELECT no_such_column FROM customers`))).rejects.toThrow()
      expect(await asTenant(A, customersSeen)).toEqual([A])
      await expect(single.query(`SELECT 1/0`)).rejects.toThrow()
      expect(await asTenant(B, customersSeen)).toEqual([B])
      const [role] = await single.query(`SELECT current_user AS role, current_setting('covered.customer_id', true) AS tenant`)
      expect(role).toEqual({ role: APP_ROLE, tenant: '' })
    } finally {
      await single.destroy()
    }
  })

  it('is fenced again after a contact’s change that queued deliveries to the vendor’s webhook endpoints at its end', async () => {
    const single = createDataSource({ url: app.url, poolSize: 1, statementTimeoutMs: 10_000, role: APP_ROLE })
    await single.initialize()
    try {
      const yoga = createCoveredYoga({ config: app.config, logger: createLogger('silent'), db: single, now: app.clock.now })
      // An endpoint for every customer: the vendor's, which a contact's fenced statements cannot see.
      const { rows } = await owner.query(
        `INSERT INTO webhook_endpoints (url, description, event_types, customer_id, active, signing_secret, secret_prefix, created_by_id, created_at, updated_at)
         SELECT 'https://crm.example/hook', '', ARRAY['ticket.created'], NULL, true, 'whsec_test', 'whsec_test', id, now(), now() FROM staff_users LIMIT 1
         RETURNING id`,
      )
      const response = await yoga.fetch('http://covered.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'covered-test', cookie: fixtures.A.contactCookie },
        body: JSON.stringify({ query: OPEN, variables: { input: { subject: 'A asks again', body: 'Details from A', category: 'BUG' } } }),
      })
      const opened = ((await response.json()) as any).data.openTicket
      expect(opened.__typename).toBe('MutationOpenTicketSuccess')
      const { rows: deliveries } = await owner.query(
        `SELECT d.id FROM webhook_deliveries d JOIN domain_events e ON e.id = d.domain_event_id WHERE d.endpoint_id = $1 AND e.ticket_id = $2`,
        [rows[0].id, rawId(opened.ticket.id)],
      )
      expect(deliveries).toHaveLength(1)

      // The same connection, for contact A's next statement: A's rows only, as the tenant role.
      const A = fixtures.A.customerId
      expect(await asTenant(A, async () => ((await single.query(`SELECT id FROM customers ORDER BY id`)) as { id: string }[]).map((r) => r.id))).toEqual([A])
      const [me] = await asTenant(A, () => single.query(`SELECT current_user AS role, current_setting('covered.customer_id', true) AS tenant`))
      expect(me).toEqual({ role: TENANT_ROLE, tenant: A })
    } finally {
      await single.destroy()
    }
  })
})

describe('who is asking, read under any fence', () => {
  it('a sign-in lookup keeps the connection’s fence: a contact’s next request needs no fence statement, and another contact is fenced for their own customer', async () => {
    const single = createDataSource({ url: app.url, poolSize: 1, statementTimeoutMs: 10_000, role: APP_ROLE })
    await single.initialize()
    const yoga = createCoveredYoga({ config: app.config, logger: createLogger('silent'), db: single, now: app.clock.now })
    const ticketsOf = async (cookie: string) => {
      const response = await yoga.fetch('http://covered.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'covered-test', cookie },
        body: JSON.stringify({ query: `{ tickets(first: 10) { edges { node { id } } } }` }),
      })
      return new Set(((await response.json()) as any).data.tickets.edges.map((edge: { node: { id: string } }) => rawId(edge.node.id)))
    }
    const ownTickets = async (customerId: string) =>
      new Set((await owner.query(`SELECT id FROM tickets WHERE customer_id = $1 AND status NOT IN ('RESOLVED', 'CLOSED')`, [customerId])).rows.map((r) => r.id))
    const [ticketsOfA, ticketsOfB] = [await ownTickets(fixtures.A.customerId), await ownTickets(fixtures.B.customerId)]
    expect(ticketsOfA.size).toBeGreaterThan(0)
    const query = vi.spyOn(pg.Client.prototype, 'query')
    const sent = () => query.mock.calls.map(([statement]) => (typeof statement === 'string' ? statement : (statement as { text: string }).text))
    try {
      expect(await ticketsOf(fixtures.A.contactCookie)).toEqual(ticketsOfA)
      query.mockClear()
      expect(await ticketsOf(fixtures.A.contactCookie)).toEqual(ticketsOfA)
      expect(sent()).toEqual([expect.stringContaining('covered_session_viewer'), expect.stringContaining('FROM tickets')])

      // B's session is found on a connection fenced for A; B's own statements are then fenced for B.
      query.mockClear()
      expect(await ticketsOf(fixtures.B.contactCookie)).toEqual(ticketsOfB)
      expect(sent()).toEqual([
        expect.stringContaining('covered_session_viewer'),
        expect.stringMatching(/^SET ROLE covered_tenant;.*set_config/),
        expect.stringContaining('FROM tickets'),
      ])
    } finally {
      query.mockRestore()
      await single.destroy()
    }
  })

  it('the lookups are functions the application may only call, not read around', async () => {
    const { rows } = await owner.query(
      `SELECT p.proname, p.prosecdef, has_function_privilege('public', p.oid, 'EXECUTE') AS anyone,
              has_function_privilege($1, p.oid, 'EXECUTE') AS app, has_function_privilege($2, p.oid, 'EXECUTE') AS tenant
         FROM pg_proc p WHERE p.proname IN ('covered_session_viewer', 'covered_token_viewer') ORDER BY p.proname`,
      [APP_ROLE, TENANT_ROLE],
    )
    expect(rows).toEqual([
      { proname: 'covered_session_viewer', prosecdef: true, anyone: false, app: true, tenant: true },
      { proname: 'covered_token_viewer', prosecdef: true, anyone: false, app: true, tenant: true },
    ])
  })
})

describe('cost of the fence', () => {
  it('a contact request costs about what a staff one does: a connection keeps its fence while the same customer uses it (printed, not asserted)', async () => {
    const query = `{ tickets(first: 20) { edges { node { id subject status } } } }`
    const staffCookie = await app.signIn((await makeStaff(app.database.dataSource)).email)
    const time = async (cookie: string) => {
      const started = performance.now()
      for (let i = 0; i < 30; i++) expect((await app.gql(query, {}, { cookie })).errors).toBeUndefined()
      return (performance.now() - started) / 30
    }
    const staffMs = await time(staffCookie)
    const contactMs = await time(fixtures.A.contactCookie)
    console.log(`fence cost (${app.database.kind}): staff ${staffMs.toFixed(1)} ms/request, contact (fenced) ${contactMs.toFixed(1)} ms/request`)
  })
})
