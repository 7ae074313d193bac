import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: http.IncomingHttpHeaders
  body: string
  receivedAt: number
}

/**
 * A webhook receiver on loopback for tests: records every request and answers each with what `answer`
 * says for that request's number (0-based): an HTTP status, or 'hang' (never answers).
 */
export async function startReceiver(answer: (index: number, request: Received) => number | 'hang' = () => 204) {
  const received: Received[] = []
  const hanging = new Set<http.ServerResponse>()
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const request = { headers: req.headers, body, receivedAt: Date.now() }
      const index = received.push(request) - 1
      const reply = answer(index, request)
      if (reply === 'hang') hanging.add(res)
      else res.writeHead(reply, { 'content-type': 'text/plain' }).end(reply < 300 ? 'ok' : 'not now')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
