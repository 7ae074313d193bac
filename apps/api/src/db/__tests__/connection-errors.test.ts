import net from 'node:net'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { classifyDatabaseFault } from '../faults.js'
import { APP_ROLE, fencedClientClass } from '../row-security.js'

/**
 * A database that ends a connection with a FATAL error at an awkward moment (an administrator's
 * pg_terminate_backend, a restart, a garbled stream) must cost one request a typed UNAVAILABLE, never the process:
 * `pg` emits such an error on the client, and an 'error' event nobody listens to throws.
 *
 * The server here is a tiny fake speaking the PostgreSQL wire protocol, so the error arrives in the very same
 * write as the ReadyForQuery before it, deterministically (on a real server that depends on timing).
 */
type Moment = 'after startup' | 'after SET ROLE' | 'never'

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5)
  header.write(type, 0, 'latin1')
  header.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([header, body])
}
const cstr = (text: string) => Buffer.from(`${text}\0`, 'utf8')
const authenticationOk = () => message('R', Buffer.from([0, 0, 0, 0]))
const readyForQuery = () => message('Z', Buffer.from('I'))
const commandComplete = (tag: string) => message('C', cstr(tag))
const fatal = () =>
  message('E', Buffer.concat([cstr('SFATAL'), cstr('VFATAL'), cstr('C57P01'), cstr('Mterminating connection due to administrator command'), Buffer.from([0])]))

/** Accepts connections; the nth connection's moment of failure is `moments[n]` (later ones: 'never'). */
async function fakeServer(moments: Moment[]) {
  let connections = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined).on('close', () => sockets.delete(socket))
    const moment = moments[connections++] ?? 'never'
    let buffer = Buffer.alloc(0)
    let started = false
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk])
      for (;;) {
        if (!started) {
          if (buffer.length < 4 || buffer.length < buffer.readInt32BE(0)) return
          buffer = buffer.subarray(buffer.readInt32BE(0))
          started = true
          if (moment === 'after startup') return void socket.end(Buffer.concat([authenticationOk(), readyForQuery(), fatal()]))
          socket.write(Buffer.concat([authenticationOk(), readyForQuery()]))
          continue
        }
        if (buffer.length < 5 || buffer.length < 1 + buffer.readInt32BE(1)) return
        const type = String.fromCharCode(buffer[0]!)
        const text = buffer.subarray(5, buffer.readInt32BE(1)).toString('utf8')
        buffer = buffer.subarray(1 + buffer.readInt32BE(1))
        if (type === 'X') return void socket.end()
        if (type !== 'Q') continue
        if (moment === 'after SET ROLE' && text.startsWith('SET ROLE')) {
          return void socket.end(Buffer.concat([commandComplete('SET'), readyForQuery(), fatal()]))
        }
        socket.write(Buffer.concat([commandComplete(text.startsWith('SET') ? 'SET' : 'SELECT 0'), readyForQuery()]))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

/** The application's pool as createDataSource configures it: connections become covered_app on connect. */
async function poolAgainst(moments: Moment[]) {
  const server = await fakeServer(moments)
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: server.port,
    user: 'covered',
    database: 'covered',
    max: 2,
    connectionTimeoutMillis: 1000,
    Client: fencedClientClass(APP_ROLE),
  })
  const poolErrors: Error[] = []
  pool.on('error', (error) => poolErrors.push(error))
  cleanup.push(() => pool.end(), () => server.close())
  return { pool, server, poolErrors }
}

describe('a FATAL error from the database while a connection is being set up', () => {
  for (const moment of ['after startup', 'after SET ROLE'] as const) {
    it(`${moment}: fails that one query as UNAVAILABLE, the process stays up, and the next query gets a new connection`, async () => {
      const { pool, server } = await poolAgainst([moment])
      const failure = await pool.query('SELECT 1').then(
        () => null,
        (error: unknown) => error,
      )
      expect(failure).toBeInstanceOf(Error)
      expect(classifyDatabaseFault(failure)).toBe('UNAVAILABLE')
      // Still here (an unhandled 'error' event would have failed this file), and the pool works on.
      await new Promise((resolve) => setTimeout(resolve, 50))
      await expect(pool.query('SELECT 1')).resolves.toMatchObject({ rows: [] })
      expect(server.connections()).toBe(2)
    })
  }
})
