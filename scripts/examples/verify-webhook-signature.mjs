#!/usr/bin/env node
// Verifying Covered's webhooks, as a receiver should: plain Node.js, no dependencies.
//
//   node scripts/examples/verify-webhook-signature.mjs                 # a demonstration (no server needed)
//   node scripts/examples/verify-webhook-signature.mjs --listen 8080   # a receiver; set COVERED_WEBHOOK_SECRET
//
// Each delivery is a POST with a JSON body {id, type, occurredAt, data} and three headers:
//   Covered-Event-Id    the event's id: the same on every retry, so deduplicate on it
//   Covered-Timestamp   when this attempt was signed, in Unix seconds
//   Covered-Signature   v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the endpoint's signing secret>
// Refuse a signature that does not match (forged), one older than 5 minutes (stale: a captured request sent
// again later) and one seen before (replayed within those 5 minutes). Answer 2xx quickly; Covered retries
// anything else with backoff for 24 hours.
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import { fileURLToPath } from 'node:url'

export const TOLERANCE_SECONDS = 5 * 60

/** A verifier for one signing secret; it remembers the signatures it accepted for the tolerance window. */
export function createWebhookVerifier({ secret, now = () => Date.now() }) {
  const seen = new Map() // signature -> when it stops being valid anyway (ms)
  return function verify({ headers, body }) {
    const header = (name) => {
      const value = headers[name] ?? headers[name.toLowerCase()]
      return Array.isArray(value) ? value[0] : value
    }
    const timestamp = header('Covered-Timestamp')
    const signature = header('Covered-Signature')
    if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'MISSING' }
    const age = Math.abs(now() / 1000 - Number(timestamp))
    if (age > TOLERANCE_SECONDS) return { ok: false, reason: 'STALE' }
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest()
    const matches = signature
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.startsWith('v1=') && /^[0-9a-f]{64}$/.test(part.slice(3)))
      .some((part) => timingSafeEqual(Buffer.from(part.slice(3), 'hex'), expected))
    if (!matches) return { ok: false, reason: 'FORGED' }
    for (const [key, until] of seen) if (until < now()) seen.delete(key)
    if (seen.has(signature)) return { ok: false, reason: 'REPLAYED' }
    seen.set(signature, now() + TOLERANCE_SECONDS * 1000 * 2)
    return { ok: true, event: JSON.parse(body) }
  }
}

/** What Covered sends: used below to show the checks at work. */
function sign(secret, timestampSeconds, body) {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`
}

function demonstrate() {
  const secret = 'whsec_demo-secret-for-this-example-only'
  const verify = createWebhookVerifier({ secret })
  const body = JSON.stringify({
    id: '6f1c1f4e-6f7a-4c55-9d38-2f2f4d7f0c11',
    type: 'ticket.status_changed',
    occurredAt: new Date().toISOString(),
    data: { number: 'CT-000123', from: 'OPEN', to: 'WAITING_ON_CUSTOMER' },
  })
  const nowSeconds = Math.floor(Date.now() / 1000)
  const genuine = { 'Covered-Event-Id': '6f1c1f4e-6f7a-4c55-9d38-2f2f4d7f0c11', 'Covered-Timestamp': String(nowSeconds), 'Covered-Signature': sign(secret, nowSeconds, body) }
  const cases = [
    ['genuine', { headers: genuine, body }],
    ['forged (body changed after signing)', { headers: genuine, body: body.replace('WAITING_ON_CUSTOMER', 'RESOLVED') }],
    ['forged (signed with another secret)', { headers: { ...genuine, 'Covered-Signature': sign('whsec_guess', nowSeconds, body) }, body }],
    ['stale (signed 6 minutes ago)', { headers: { ...genuine, 'Covered-Timestamp': String(nowSeconds - 360), 'Covered-Signature': sign(secret, nowSeconds - 360, body) }, body }],
    ['replayed (the genuine request again)', { headers: genuine, body }],
  ]
  let unexpected = 0
  for (const [name, request] of cases) {
    const result = verify(request)
    const shouldPass = name === 'genuine'
    if (result.ok !== shouldPass) unexpected++
    console.log(`${name.padEnd(40)} ${result.ok ? 'accepted' : `refused: ${result.reason}`}`)
  }
  process.exitCode = unexpected ? 1 : 0
}

function listen(port) {
  const secret = process.env.COVERED_WEBHOOK_SECRET
  if (!secret) throw new Error('Set COVERED_WEBHOOK_SECRET to the signing secret shown when the endpoint was created.')
  const verify = createWebhookVerifier({ secret })
  const processed = new Set() // event ids already handled: retries and redeliveries repeat them
  http
    .createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        const result = verify({ headers: req.headers, body })
        if (!result.ok) {
          console.log(`refused: ${result.reason}`)
          res.writeHead(401).end()
          return
        }
        if (processed.has(result.event.id)) console.log(`duplicate ${result.event.id}: already handled`)
        else {
          processed.add(result.event.id)
          console.log(`${result.event.type} ${JSON.stringify(result.event.data)}`)
        }
        res.writeHead(204).end()
      })
    })
    .listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/`))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--listen')
  if (at >= 0) listen(Number(process.argv[at + 1] ?? 8080))
  else demonstrate()
}
