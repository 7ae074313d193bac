#!/usr/bin/env node
// Lists tickets through the GraphQL API with an API token, page by page. Plain Node.js 20+, no dependencies.
//
//   COVERED_TOKEN=cov_… node scripts/examples/list-tickets.mjs [--url http://localhost:4000] [--status OPEN]
//
// An admin creates the token under Integrations (READ is enough). A token bound to one customer sees only that
// customer's tickets; an unknown, revoked or expired token is refused with HTTP 401.
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : fallback
}
const url = `${option('url', process.env.COVERED_URL ?? 'http://localhost:4000').replace(/\/$/, '')}/graphql`
const token = process.env.COVERED_TOKEN
const status = option('status')
if (!token) {
  console.error('Set COVERED_TOKEN to an API token (an admin creates one under Integrations in the admin app).')
  process.exit(2)
}

const QUERY = `query ListTickets($after: String, $statuses: [TicketStatus!]) {
  tickets(first: 50, after: $after, statuses: $statuses, order: RECENT_ACTIVITY) {
    edges { node { id number subject status plan receivedAt customer { name } firstResponse { state dueAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`

async function graphql(query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      // Covered refuses requests without a non-simple header (CSRF prevention): name your system.
      'x-requested-with': 'covered-example',
    },
    body: JSON.stringify({ query, variables }),
  })
  const body = await response.json().catch(() => ({}))
  if (response.status === 401) throw new Error(body.errors?.[0]?.message ?? 'The token was refused.')
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '))
  return body.data
}

let after = null
let count = 0
do {
  const { tickets } = await graphql(QUERY, { after, statuses: status ? [status] : null })
  for (const { node } of tickets.edges) {
    count++
    const due = node.firstResponse ? ` first response ${node.firstResponse.state.toLowerCase()} (due ${node.firstResponse.dueAt})` : ''
    console.log(`${node.number}  ${node.status.padEnd(19)} ${node.plan.padEnd(12)} ${node.customer.name}: ${node.subject}${due}`)
  }
  after = tickets.pageInfo.hasNextPage ? tickets.pageInfo.endCursor : null
} while (after)
console.log(`${count} ticket(s)`)
