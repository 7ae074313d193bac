// The floor: the fastest plain way to serve the desk queue (a) and a contact's portal ticket list (c) from the
// same database, to compare Covered against. node:http, `pg`, one hand-written named (prepared) statement per
// request, JSON out; no GraphQL, no sessions, no business-time arithmetic.
//   DATABASE_URL=... PORT=... node --import tsx floor.ts
//   POST /queue   { "desk": "PACIFIC", "first": 50 }
//   POST /portal  { "contactId": "...", "customerId": "...", "statuses": ["OPEN", ...], "first": 20 }
import http from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) })

// The same rows and columns the desk queue shows: the ticket with its customer, requester, assignee, SLA
// targets and the latest message's first 140 characters, premium first, then the earliest due. The page is
// chosen first (the queue index serves its order), then its 50 rows are looked up by primary key.
const QUEUE = `
  SELECT t.id, t.number, t.subject, t.status, t.plan, t.lane, t.desk, t.category, t.scope, t.received_at, t.last_message_at,
         t.paused_at IS NOT NULL AS paused, t.version,
         t.first_response_kind, t.first_response_state, t.first_response_due_at, t.first_response_warning_at, t.first_responded_at,
         t.resolution_state, t.resolution_due_at, t.resolution_warning_at, t.resolved_at,
         cu.id AS customer_id, cu.name AS customer_name, r.id AS requester_id, r.name AS requester_name,
         s.id AS assignee_id, s.name AS assignee_name,
         lm.author_kind AS last_author_kind, lm.author_name AS last_author_name, lm.excerpt AS last_excerpt, lm.created_at AS last_at
    FROM (SELECT * FROM tickets t WHERE t.desk = $1 AND t.status NOT IN ('RESOLVED', 'CLOSED')
           ORDER BY t.queue_priority, t.queue_due_at, t.number LIMIT $2) t
    JOIN LATERAL (SELECT id, name FROM customers cu WHERE cu.id = t.customer_id LIMIT 1) cu ON true
    JOIN LATERAL (SELECT id, name FROM contacts r WHERE r.id = t.requester_id LIMIT 1) r ON true
    LEFT JOIN LATERAL (SELECT id, name FROM staff_users s WHERE s.id = t.assignee_id LIMIT 1) s ON true
    LEFT JOIN LATERAL (
      SELECT m.author_kind, left(m.body, 140) AS excerpt, m.created_at, coalesce(ms.name, mc.name) AS author_name
        FROM ticket_messages m
        LEFT JOIN staff_users ms ON m.author_kind = 'STAFF' AND ms.id = m.author_id
        LEFT JOIN contacts mc ON m.author_kind = 'CONTACT' AND mc.id = m.author_id
       WHERE m.ticket_id = t.id
       ORDER BY m.created_at DESC, m.seq DESC LIMIT 1) lm ON true
   ORDER BY t.queue_priority, t.queue_due_at, t.number`

// A contact's tickets: all of the organisation's for a key contact, else their own; latest activity first.
const PORTAL = `
  SELECT t.id, t.number, t.subject, t.category, t.status, t.plan, t.received_at, t.last_message_at, t.paused_at IS NOT NULL AS paused,
         t.first_response_kind, t.first_response_state, t.first_response_due_at, t.first_responded_at,
         t.resolution_state, t.resolution_due_at, t.resolved_at,
         r.id AS requester_id, r.name AS requester_name
    FROM (SELECT * FROM tickets t
           WHERE t.customer_id = $2 AND t.status = ANY($3::text[])
             AND (t.requester_id = $1 OR EXISTS (SELECT 1 FROM contract_key_contacts k JOIN contracts c ON c.id = k.contract_id
                                                  WHERE k.contact_id = $1 AND c.customer_id = $2))
           ORDER BY t.last_message_at DESC, t.number DESC LIMIT $4) t
    JOIN LATERAL (SELECT id, name FROM contacts r WHERE r.id = t.requester_id LIMIT 1) r ON true
   ORDER BY t.last_message_at DESC, t.number DESC`

async function readJson(req: http.IncomingMessage): Promise<any> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.url === '/health') return send(res, 200, { ok: true })
    const input = await readJson(req)
    if (req.url === '/queue') {
      const { rows } = await pool.query({ name: 'floor-queue', text: QUEUE, values: [input.desk, input.first] })
      return send(res, 200, { data: { tickets: rows } })
    }
    if (req.url === '/portal') {
      const { rows } = await pool.query({ name: 'floor-portal', text: PORTAL, values: [input.contactId, input.customerId, input.statuses, input.first] })
      return send(res, 200, { data: { tickets: rows } })
    }
    send(res, 404, { errors: [{ message: 'not found' }] })
  } catch (error) {
    send(res, 500, { errors: [{ message: (error as Error).message }] })
  }
})

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address()
  console.log(`floor listening on ${typeof address === 'object' && address ? address.port : '?'}`)
})
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))))
