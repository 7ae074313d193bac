import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import sirv from 'sirv'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Serves a built SPA under its base path, answering unknown paths with index.html (client-side routes).
 * The app may be built after the server starts, or rebuilt under it: sirv lists the files once, so a new
 * build (a new index.html) gets a new sirv, and a file that vanished is answered here, never by a read
 * stream failing outside any handler.
 */
export function serveSpa(dir: string, base: string): Handler {
  let built: { stamp: number; serve: Handler } | null = null
  return (req, res) => {
    const index = statOrNull(path.join(dir, 'index.html'))
    if (!index) {
      return plain(res, 503, 'This app is not built yet (or is being rebuilt). Run "pnpm build" or "pnpm start", which builds it, then reload.\n')
    }
    if (built?.stamp !== index.mtimeMs) {
      built = { stamp: index.mtimeMs, serve: sirv(dir, { single: true, etag: true, gzip: false, setHeaders: cacheHeaders }) }
    }
    req.url = req.url!.slice(base.length - 1) || '/'
    let pathname: string
    try {
      pathname = path.normalize(decodeURIComponent(req.url.split('?')[0]!))
    } catch {
      return plain(res, 400, 'Malformed address.\n')
    }
    const file = path.join(dir, pathname)
    if (!file.startsWith(dir)) return plain(res, 404, 'Not found.\n')
    if (!statOrNull(file) && pathname.startsWith('/assets/')) return plain(res, 404, 'Not found.\n')
    built.serve(req, res)
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file)
  } catch {
    return null
  }
}

function plain(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
  res.end(message)
}

function cacheHeaders(res: ServerResponse, pathname: string) {
  res.setHeader('x-content-type-options', 'nosniff')
  if (pathname.startsWith('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable')
  else res.setHeader('cache-control', 'no-cache')
}
