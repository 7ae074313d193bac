#!/usr/bin/env node
// Follows a desk's ticket queue live: a GraphQL subscription over server-sent events (SSE), with an API token.
// Plain Node.js 20+, no dependencies. Stop with Ctrl+C.
//
//   COVERED_TOKEN=cov_… node scripts/examples/subscribe-queue.mjs [--url http://localhost:4000] [--desk PACIFIC]
//
// Every change to a ticket the token may see (new ticket, reply, status, assignment, SLA warning or breach) arrives
// as one event with the ticket as it is now. Internal notes are never sent to tokens bound to a customer. When the
// stream drops (a restart, a proxy timeout), the script reconnects with backoff; with several API processes behind
// a proxy, any of them serves the stream (they share events through Redis).
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : fallback
}
const url = `${option('url', process.env.COVERED_URL ?? 'http://localhost:4000').replace(/\/$/, '')}/graphql`
const token = process.env.COVERED_TOKEN
const desk = option('desk')
if (!token) {
  console.error('Set COVERED_TOKEN to an API token (an admin creates one under Integrations in the admin app).')
  process.exit(2)
}

const SUBSCRIPTION = `subscription Queue($desk: Desk) {
  queueChanged(desk: $desk) { id number subject status plan desk lastMessageAt firstResponse { state dueAt } }
}`

async function follow(signal) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
      'x-requested-with': 'covered-example',
    },
    body: JSON.stringify({ query: SUBSCRIPTION, variables: { desk: desk ?? null } }),
    signal,
  })
  if (response.status === 401) throw Object.assign(new Error((await response.json()).errors?.[0]?.message ?? 'The token was refused.'), { fatal: true })
  if (!response.ok || !response.headers.get('content-type')?.includes('text/event-stream')) throw new Error(`HTTP ${response.status}`)
  console.log(`listening for changes${desk ? ` on the ${desk} desk` : ''}…`)
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true })
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n')
      buffer = buffer.slice(end + 2)
      const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'next'
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5)).join('\n')
      if (event === 'complete') return
      if (!data.trim()) continue // a keep-alive
      const payload = JSON.parse(data)
      if (payload.errors) console.error(`error: ${payload.errors.map((e) => e.message).join('; ')}`)
      const ticket = payload.data?.queueChanged
      if (ticket) console.log(`${new Date().toISOString()}  ${ticket.number}  ${ticket.status.padEnd(19)} ${ticket.plan.padEnd(12)} ${ticket.subject}`)
    }
  }
}

const controller = new AbortController()
process.on('SIGINT', () => controller.abort())
process.on('SIGTERM', () => controller.abort())
let delay = 1000
while (!controller.signal.aborted) {
  try {
    await follow(controller.signal)
    delay = 1000
  } catch (error) {
    if (controller.signal.aborted) break
    if (error.fatal) {
      console.error(error.message)
      process.exit(1)
    }
    console.error(`stream lost (${error.message}); reconnecting in ${Math.round(delay / 1000)} s`)
  }
  if (controller.signal.aborted) break
  await new Promise((resolve) => setTimeout(resolve, delay))
  delay = Math.min(delay * 2, 30_000)
}
