import { randomUUID } from 'node:crypto'
import { getNamedType, type GraphQLField, type GraphQLNamedType } from 'graphql'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../test/factories.js'
import { createTestApp, type TestApp } from '../../test/harness.js'
import { operationFor, plainValue, rootFields, type Root } from '../../test/schema-walk.js'
import { customerOwnedTables } from '../db/row-security.js'
import { getSchema } from '../graphql/schema.js'

/**
 * The isolation matrix: every query, mutation and subscription field of the schema, called by every kind of
 * viewer. Customers A and B each own data; whatever A (or a token bound to A) asks, with B's ids or without,
 * nothing of B comes back: not by id (answered exactly as an id that does not exist), not in lists, nested
 * fields, search, events or errors. B's data is recognised by its ids and by a marker in every text of B.
 */
const MARK = 'Bravomark'
let app: TestApp
let owner: pg.Client
type ViewerName = 'anonymous' | 'contactA' | 'contactB' | 'engineer' | 'admin' | 'readToken' | 'tokenA'
const viewers = {} as Record<ViewerName, { cookie?: string; bearer?: string }>
/** B's row ids (uuid), by GraphQL type name where known. */
const bIds = new Map<string, Set<string>>()
const allBIds = new Set<string>()
let bSnapshot = ''

const OPEN = `mutation($input: OpenTicketInput!) { openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id } } } }`
const REPLY = `mutation($id: ID!, $body: String!, $internal: Boolean) { replyToTicket(ticketId: $id, body: $body, internal: $internal) { __typename } }`
const ESCALATE = `mutation($id: ID!) { escalateTicket(ticketId: $id, estimatedHours: "2") { __typename } }`

const TABLE_TYPES: Record<string, string> = {
  customers: 'Customer',
  contacts: 'Contact',
  licenses: 'License',
  contracts: 'Contract',
  tickets: 'Ticket',
  quotes: 'Quote',
  api_tokens: 'ApiToken',
}

async function snapshotOfB(customerId: string): Promise<string> {
  const owned = await customerOwnedTables(async (sql, params) => (await owner.query(sql, params)).rows)
  const parts: string[] = []
  for (const { table } of owned) {
    if (table === 'audit_log' || table === 'domain_events' || table === 'email_messages' || table === 'email_delivery_attempts') continue
    const { rows } = await owner.query(`SELECT to_jsonb(x) AS row FROM "${table}" x ORDER BY 1::text`)
    const mine = rows.map((r: { row: Record<string, unknown> }) => JSON.stringify(r.row)).filter((text: string) => text.includes(customerId) || [...allBIds].some((id) => text.includes(id)))
    parts.push(`${table}:${mine.sort().join('\n')}`)
  }
  return parts.join('\n')
}

beforeAll(async () => {
  app = await createTestApp()
  owner = new pg.Client({ connectionString: app.url })
  await owner.connect()
  const db = app.database.dataSource
  const engineer = await makeStaff(db, { role: 'ENGINEER', name: 'Eve Engineer' })
  const admin = await makeStaff(db, { role: 'ADMIN', desk: null, name: 'Ada Admin' })
  viewers.anonymous = {}
  viewers.engineer = { cookie: await app.signIn(engineer.email) }
  viewers.admin = { cookie: await app.signIn(admin.email) }
  const customers: Record<'A' | 'B', string> = { A: '', B: '' }
  for (const side of ['A', 'B'] as const) {
    const tag = side === 'A' ? 'Alphamark' : MARK
    const { customer, keyContact, otherContact } = await makeCoveredCustomer(db, { premium: true, name: `${tag} Holdings` })
    await owner.query(`UPDATE contacts SET name = $2 || ' ' || name, email = lower($2) || '.' || email WHERE customer_id = $1`, [customer.id, tag])
    customers[side] = customer.id
    const contactCookie = await app.signIn(`${tag.toLowerCase()}.${keyContact.email}`)
    viewers[side === 'A' ? 'contactA' : 'contactB'] = { cookie: contactCookie }
    const opened = await app.gql(OPEN, { input: { subject: `${tag} cannot export`, body: `${tag} details of the problem`, category: 'DATA_DISCREPANCY' } }, { cookie: contactCookie })
    const ticketId = opened.data.openTicket.ticket.id
    await app.gql(REPLY, { id: ticketId, body: `${tag} follow-up` }, { cookie: contactCookie })
    await app.gql(REPLY, { id: ticketId, body: `${tag} internal note`, internal: true }, viewers.engineer)
    const other = await app.signIn(`${tag.toLowerCase()}.${otherContact.email}`)
    const second = await app.gql(OPEN, { input: { subject: `${tag} second question`, body: `${tag} more`, category: 'FEATURE_HELP' } }, { cookie: other })
    await app.gql(ESCALATE, { id: second.data.openTicket.ticket.id }, viewers.engineer)
  }
  const token = async (input: Record<string, unknown>) =>
    (await app.gql(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { ... on MutationCreateApiTokenSuccess { created { secret } } } }`, { input }, viewers.admin)).data.createApiToken.created.secret
  viewers.readToken = { bearer: await token({ name: 'Reader', scope: 'READ' }) }
  viewers.tokenA = { bearer: await token({ name: 'Alphamark sync', scope: 'READ_WRITE', customerId: globalId('Customer', customers.A) }) }
  await owner.query(`UPDATE api_tokens SET name = $1 || ' token' WHERE customer_id = $2`, [MARK, customers.B])
  // Every row of B: its id, and the GraphQL type it is shown as.
  const owned = await customerOwnedTables(async (sql, params) => (await owner.query(sql, params)).rows)
  for (const { table } of owned) {
    const key = table === 'customers' ? 'id' : 'customer_id'
    const hasKey = (await owner.query(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`, [table, key])).rowCount
    const hasId = (await owner.query(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id' AND data_type = 'uuid'`, [table])).rowCount
    if (!hasKey || !hasId) continue
    const { rows } = await owner.query(`SELECT id::text FROM "${table}" WHERE ${key} = $1`, [customers.B])
    const type = TABLE_TYPES[table] ?? table
    for (const { id } of rows) {
      if (!bIds.has(type)) bIds.set(type, new Set())
      bIds.get(type)!.add(id)
      allBIds.add(id)
    }
  }
  for (const table of ['ticket_messages', 'quote_lines', 'contract_terms']) {
    const { rows } = await owner.query(`SELECT x.id::text FROM "${table}" x`)
    const { rows: bRows } = await owner.query(
      table === 'ticket_messages'
        ? `SELECT m.id::text FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.customer_id = $1`
        : table === 'quote_lines'
          ? `SELECT l.id::text FROM quote_lines l JOIN quotes q ON q.id = l.quote_id WHERE q.customer_id = $1`
          : `SELECT t.id::text FROM contract_terms t JOIN contracts c ON c.id = t.contract_id WHERE c.customer_id = $1`,
      [customers.B],
    )
    expect(rows.length).toBeGreaterThan(bRows.length)
    for (const { id } of bRows) allBIds.add(id)
  }
  expect(bIds.get('Ticket')?.size).toBe(2)
  expect(bIds.get('Quote')?.size).toBeGreaterThan(0)
  bSnapshot = await snapshotOfB(customers.B)
})
afterAll(async () => {
  await owner?.end()
  await app?.close()
})

/** Every uuid in a response, including those inside global ids. */
function idsIn(text: string): string[] {
  const found = new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [])
  for (const candidate of text.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? []) {
    const decoded = Buffer.from(candidate, 'base64').toString('utf8')
    for (const id of decoded.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []) found.add(id)
  }
  return [...found].map((id) => id.toLowerCase())
}

function leaksOfB(text: string, markerWasSent = false): string[] {
  const leaks = idsIn(text).filter((id) => allBIds.has(id))
  // When the request itself carried the marker (a search for B), an echo of it is no leak; B's texts are.
  const texts = markerWasSent ? B_TEXTS : [MARK]
  for (const known of texts) if (text.toLowerCase().includes(known.toLowerCase())) leaks.push(`B's text "${known}"`)
  return leaks
}
const B_TEXTS = [`${MARK} Holdings`, `${MARK} cannot export`, `${MARK} details`, `${MARK} follow-up`, `${MARK} internal note`, `${MARK} second question`, `${MARK} more`, `${MARK} token`, `${MARK.toLowerCase()}.contact`]

/** The GraphQL type an ID argument names: `ticketId` a Ticket, `id` on `quote(id)` or `updateContact` a Quote/Contact. */
function typesForId(field: GraphQLField<unknown, unknown>, path: string): string[] {
  const name = path.split('.').pop()!.replace(/\[\]$/, '')
  const match = /^(?:add|remove)?(\w+?)Ids?$/.exec(name)
  if (match && name !== 'id') {
    const type = match[1]!.charAt(0).toUpperCase() + match[1]!.slice(1)
    return [type === 'Requester' ? 'Contact' : type === 'Assignee' ? 'StaffUser' : type]
  }
  const returned = getNamedType(field.type).name
  if (!returned.endsWith('Result') && returned !== 'Node') return [returned]
  // A mutation's result, or node(id): the type its name mentions (updateContact: Contact), else every type of B.
  const types = [...bIds.keys()].filter((t) => /^[A-Z]/.test(t))
  const fromName = types.find((type) => field.name.toLowerCase().includes(type.toLowerCase()))
  const named = /^[a-z]+([A-Z]\w*)$/.exec(field.name)?.[1]
  return fromName ? [fromName] : named && !types.includes(named) && returned !== 'Node' ? [named] : types
}

/** A picker that puts `idFor(type)` in every ID argument. */
function picker(field: GraphQLField<unknown, unknown>, idFor: (type: string) => string, text?: string) {
  return (type: GraphQLNamedType, path: string) =>
    type.name === 'ID' ? idFor(typesForId(field, path)[0]!) : text !== undefined && type.name === 'String' ? text : plainValue(type, path)
}

async function call(root: Root, query: string, variables: Record<string, unknown>, viewer: { cookie?: string; bearer?: string }) {
  if (root !== 'subscription') {
    const response = await app.gql(query, variables, viewer)
    return JSON.stringify({ data: response.data ?? null, errors: response.errors ?? null })
  }
  const controller = new AbortController()
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream', 'x-requested-with': 'test' }
  if (viewer.cookie) headers.cookie = viewer.cookie
  if (viewer.bearer) headers.authorization = `Bearer ${viewer.bearer}`
  const response = await app.yoga.fetch('http://covered.test/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: controller.signal })
  const reader = response.body!.getReader()
  let text = ''
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, 300))
  const read = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += new TextDecoder().decode(value)
      }
    } catch {
      // aborted
    }
  })()
  await Promise.race([read, deadline])
  controller.abort()
  await reader.cancel().catch(() => undefined)
  await Promise.race([read, new Promise((resolve) => setTimeout(resolve, 100))])
  return text.replace(/:\n\n/g, '')
}

const normalise = (text: string, id: string) => text.split(id).join('<id>').replace(/"errorId":"[^"]+"/g, '"errorId":"<x>"')

describe('the isolation matrix', () => {
  const schema = getSchema()
  const roots: Root[] = ['query', 'mutation', 'subscription']

  it('every field as every viewer: nothing of B reaches A, and no error is masked', { timeout: 180_000 }, async () => {
    const report: Record<string, number> = {}
    const failures: string[] = []
    // The detector is not blind: staff do receive B's data, and A receives its own.
    let staffSawB = 0
    let aSawOwn = 0
    for (const root of roots) {
      for (const field of rootFields(schema, root)) {
        if (root === 'mutation' && ['login', 'logout'].includes(field.name)) continue
        // The types of the ids this field takes (in arguments or input fields), as far as names tell.
        const idTypes = new Set<string>()
        for (const full of [false, true]) operationFor(root, field, (type, path) => (type.name === 'ID' ? typesForId(field, path).forEach((t) => idTypes.add(t)) : plainValue(type, path)), { depth: 0, full })
        for (const [name, viewer] of Object.entries(viewers) as [ViewerName, { cookie?: string; bearer?: string }][]) {
          const confinedToA = name === 'contactA' || name === 'tokenA'
          if (root === 'mutation' && !confinedToA) continue
          // With B's ids (for A), with ids that do not exist, and (for queries) with A's or no ids at all.
          const variants: { label: string; id: (type: string) => string; text?: string }[] = [{ label: 'nonexistent', id: (type) => globalId(type, randomUUID()) }]
          // Searching for B by the words of its texts (every text argument set to B's marker).
          if (confinedToA && root === 'query' && field.args.some((arg) => getNamedType(arg.type).name === 'String')) {
            variants.push({ label: 'search for B', id: (type) => globalId(type, randomUUID()), text: MARK })
          }
          // Staff ask with B's ids too: they must get B's data (the detector below is not blind).
          if (confinedToA || (name === 'admin' && root === 'query')) {
            for (const type of idTypes) {
              for (const id of [...(bIds.get(type) ?? [])].slice(0, 2)) variants.push({ label: `B's ${type}`, id: (t) => globalId(t, t === type ? id : randomUUID()) })
            }
          }
          const answers: Record<string, string> = {}
          for (const variant of variants) {
            const sent: string[] = []
            const pick = picker(
              field,
              (type) => {
                const value = variant.id(type)
                sent.push(value)
                return value
              },
              variant.text,
            )
            for (const full of root === 'query' ? [false, true] : [false]) {
              const { query, variables } = operationFor(root, field, pick, { depth: 3, full })
              const text = await call(root, query, variables, viewer)
              report[name] = (report[name] ?? 0) + 1
              if (name === 'admin' && leaksOfB(text).length) staffSawB++
              if (confinedToA && text.includes('Alphamark')) aSawOwn++
              if (/INTERNAL_SERVER_ERROR|Unexpected error/.test(text)) failures.push(`${root} ${field.name} as ${name}: masked error ${text.slice(0, 200)}`)
              if (confinedToA) {
                // Ids the request itself sent may be echoed back (a validation message naming them): not a leak.
                const leaks = leaksOfB(
                  sent.reduce((rest, id) => rest.split(id).join(''), text),
                  variant.text !== undefined,
                )
                if (leaks.length) failures.push(`${root} ${field.name} as ${name} (${variant.label}${full ? ', all arguments' : ''}): ${leaks.join(', ')} in ${text.slice(0, 300)}`)
              }
              if (!full && variant.text === undefined) answers[variant.label] = sent.reduce((rest, id) => normalise(rest, id), text)
            }
          }
          // B's id is answered exactly as an id that does not exist.
          if (confinedToA && root !== 'subscription') {
            const nonexistent = answers.nonexistent!
            for (const [label, answer] of Object.entries(answers)) {
              const strip = (text: string) => text.replace(/[A-Za-z0-9+/]{20,}={0,2}/g, '<gid>').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>')
              if (strip(answer) !== strip(nonexistent)) failures.push(`${root} ${field.name} as ${name}: ${label} answered differently from a nonexistent id:\n  ${answer.slice(0, 300)}\n  ${nonexistent.slice(0, 300)}`)
            }
          }
        }
      }
    }
    console.log(`isolation matrix: requests per viewer ${JSON.stringify(report)}; answers to the admin with B's data ${staffSawB}, answers to A with A's own ${aSawOwn}`)
    expect(failures).toEqual([])
    expect(staffSawB).toBeGreaterThan(10)
    expect(aSawOwn).toBeGreaterThan(0)
    // A's attempts changed nothing of B.
    expect(await snapshotOfB((await owner.query(`SELECT id::text FROM customers WHERE name LIKE $1`, [`${MARK}%`])).rows[0].id)).toBe(bSnapshot)
  })

  it('events: A subscribed to its own ticket hears nothing of B’s changes', async () => {
    const aTicket = (await app.gql(`{ tickets(first: 5) { edges { node { id } } } }`, {}, viewers.contactA)).data.tickets.edges[0].node.id
    const bTicket = globalId('Ticket', [...bIds.get('Ticket')!][0]!)
    const listening = call('subscription', `subscription($id: ID!) { ticketChanged(id: $id) { id subject } }`, { id: aTicket }, viewers.contactA)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await app.gql(REPLY, { id: bTicket, body: `${MARK} reply while A listens` }, viewers.engineer)
    expect(leaksOfB(await listening)).toEqual([])
  })
})
