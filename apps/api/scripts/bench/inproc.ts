// In-process timing of one hot operation, for comparing changes quickly: the operation goes through yoga
// without HTTP, one request at a time, on a database seeded by `pnpm bench --keep`; prints CPU ms per request.
// The queue* variants take the desk queue's selection apart (ids only, scalars, SLA targets, related objects).
//   node --import tsx scripts/bench/inproc.ts <database url> [queue|page|portal|search|trivial|typename|queueIds|queueScalars|queueSla|queueRel] [n]
//   (with node --expose-gc it also prints the live heap after a full collection)
import path from 'node:path'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/database.js'
import { installStatementCounter, statementTotals } from '../../src/db/statement-counter.js'
import { createLogger } from '../../src/logger.js'
import { createCoveredYoga } from '../../src/graphql/yoga.js'
import { spaOperations } from './operations.js'
import { LONG_CONVERSATION_SQL } from './seed-dataset.js'

const [url, which = 'queue', count = '400'] = process.argv.slice(2)
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
installStatementCounter()
const config = loadConfig({ ...process.env, NODE_ENV: 'production', DATABASE_URL: url, SEED_DEMO_DATA: 'false', SCHEDULER_INTERVAL_MS: '0' })
const logger = createLogger('silent')
const database = await openDatabase(config, logger)
const yoga = createCoveredYoga({ config, logger, db: database.dataSource })
const ops = await spaOperations(ROOT)
const post = async (body: unknown, cookie = '') => {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'covered', cookie },
    body: JSON.stringify(body),
  })
  return { response, text: await response.text() }
}
const login = async (query: string, email: string) => {
  const { response } = await post({ query, variables: { email, password: 'bench-password-1' } })
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!
}
const staff = await login(ops.adminLogin, 'engineer1@bench.example')
const contact = await login(ops.portalLogin, 'contact1-1@bench.example')
// A ticket with a 50-message conversation, as the benchmark's (b) reads.
const [long] = await database.dataSource.query(`SELECT t.id FROM tickets t WHERE ${LONG_CONVERSATION_SQL} AND t.status <> 'CLOSED' ORDER BY t.number LIMIT 1`)
const longTicket = encodeGlobalID('Ticket', long.id)
const QUEUE_VARIABLES = { first: 50, desk: 'PACIFIC', statuses: ['NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED'] }
/** The desk queue with only `selection` for each ticket: takes its cost apart. */
const queuePart = (selection: string) => ({
  query: `query Q($first: Int!, $desk: Desk, $statuses: [TicketStatus!]) { tickets(first: $first, desk: $desk, statuses: $statuses, order: QUEUE) { edges { ${selection} } } }`,
  variables: QUEUE_VARIABLES,
})
const TARGET = 'kind state dueAt warningAt metAt businessMinutesLeft'
const bodies = {
  queue: [{ operationName: 'TicketQueue', query: ops.ticketQueue, variables: { ...QUEUE_VARIABLES, order: 'QUEUE' } }, staff],
  page: [{ operationName: 'TicketPage', query: ops.ticketPage, variables: { id: longTicket } }, staff],
  portal: [{ operationName: 'PortalTickets', query: ops.portalTickets, variables: { first: 25, statuses: ['NEW', 'OPEN', 'ESCALATED', 'RESOLVED', 'CLOSED'] } }, contact],
  queueIds: [queuePart('node { id }'), staff],
  queueScalars: [queuePart('cursor node { id number subject status statusLabel waitingOnCustomer plan lane desk category categoryLabel receivedAt lastMessageAt paused version }'), staff],
  queueSla: [queuePart(`node { id firstResponse { ${TARGET} } resolution { ${TARGET} } }`), staff],
  queueRel: [queuePart('node { id assignee { id name } customer { id name } requester { id name } lastMessage { id excerpt internal authorKind authorName } }'), staff],
  trivial: [{ query: '{ viewer { __typename } }' }, staff],
  typename: [{ query: '{ __typename }' }, staff],
  search: [{ operationName: 'Customers', query: ops.customers, variables: { first: 25, search: 'Acme' } }, staff],
} as const
const [body, cookie] = bodies[which as keyof typeof bodies]
const first = await post(body, cookie)
if (first.text.includes('"errors"')) throw new Error(first.text.slice(0, 500))
console.log(`${which}: ${first.text.length} bytes`)
const n = Number(count)
for (let i = 0; i < n / 2; i++) await post(body, cookie)
const statementsBefore = statementTotals().statements
const cpu = process.cpuUsage()
const started = performance.now()
for (let i = 0; i < n; i++) await post(body, cookie)
const used = process.cpuUsage(cpu)
console.log(`${which}: ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU/request, ${((performance.now() - started) / n).toFixed(2)} ms wall/request, ${((statementTotals().statements - statementsBefore) / n).toFixed(2)} statements/request`)
const gc = (globalThis as { gc?: () => void }).gc
if (gc) {
  gc()
  const m = process.memoryUsage()
  console.log(`after a full GC: heap used ${(m.heapUsed / 1e6).toFixed(0)} MB, heap total ${(m.heapTotal / 1e6).toFixed(0)} MB, rss ${(m.rss / 1e6).toFixed(0)} MB, external ${(m.external / 1e6).toFixed(0)} MB`)
}
await database.close?.()
process.exit(0)
