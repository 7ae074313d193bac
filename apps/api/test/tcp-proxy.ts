import net from 'node:net'

/** A loopback TCP proxy whose traffic a test can freeze, to make a database stop answering. */
export interface TcpProxy {
  port: number
  /** Stop forwarding bytes in both directions (connections stay open, as with a hung server). */
  freeze(): void
  thaw(): void
  /** Cut the database off: every open connection is reset and new ones are refused until `restore()`. */
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let frozen = false
  let cut = false
  const sockets = new Set<net.Socket>()
  const pairs: { client: net.Socket; upstream: net.Socket }[] = []
  const server = net.createServer((client) => {
    if (cut) {
      client.on('error', () => undefined)
      client.resetAndDestroy()
      return
    }
    const upstream = net.connect(target.port, target.host)
    sockets.add(client).add(upstream)
    pairs.push({ client, upstream })
    client.pipe(upstream)
    upstream.pipe(client)
    if (frozen) {
      client.pause()
      upstream.pause()
    }
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  return {
    port: address.port,
    freeze() {
      frozen = true
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.pause()
        upstream.pause()
      }
    },
    thaw() {
      frozen = false
      for (const { client, upstream } of pairs) {
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
        upstream.resume()
      }
    },
    cut() {
      cut = true
      for (const { client, upstream } of pairs.splice(0)) {
        client.on('error', () => undefined)
        upstream.on('error', () => undefined)
        if (!client.destroyed) client.resetAndDestroy()
        upstream.destroy()
      }
    },
    restore() {
      cut = false
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
