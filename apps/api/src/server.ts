import fs from 'node:fs'
import http, { type ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import { countGraphqlRequest, installStatementCounter, statementTotals } from './db/statement-counter.js'
import { createCoveredYoga, type CoveredYoga } from './graphql/yoga.js'
import type { Logger } from './logger.js'
import { serveSpa } from './spa.js'
import { UNSUBSCRIBE_PATH } from './modules/notifications/links.js'
import { handleUnsubscribe } from './modules/notifications/unsubscribe.js'

/** The checkout's root, found from this file whether it runs from src/ (tsx) or dist/ (the bundle). */
function findRepoRoot(start: string): string {
  let dir = start
  while (!fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir)
    if (parent === dir) return path.resolve(start, '../../..')
    dir = parent
  }
  return dir
}
const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)))
export const SPA_DIST = {
  admin: path.join(repoRoot, 'apps/admin/dist'),
  portal: path.join(repoRoot, 'apps/portal/dist'),
}

export interface CoveredServer {
  yoga: CoveredYoga
  http: http.Server
  /** Stops taking requests, lets those in flight finish (up to the timeout), then resolves. */
  drain(timeoutMs: number): Promise<void>
}

export function createServer(options: { config: Config; logger: Logger; database: Database; now?: () => Date }): CoveredServer {
  const { config, logger, database } = options
  const yoga = createCoveredYoga({ config, logger, db: database.dataSource, now: options.now })
  const admin = serveSpa(SPA_DIST.admin, '/admin/')
  const portal = serveSpa(SPA_DIST.portal, '/portal/')
  let draining = false
  if (config.statementCounter) installStatementCounter()

  const server = http.createServer(async (req, res) => {
    const url = req.url ?? '/'
    const pathname = url.split('?')[0]!
    if (draining) res.setHeader('connection', 'close')
    if (pathname === '/health/live') return json(res, 200, { status: 'live' })
    if (pathname === '/health/ready') {
      const ready = !draining && (await databaseAnswers(database, 1000))
      return json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', database: ready ? 'ok' : 'not answering' })
    }
    if (config.statementCounter && pathname === '/debug/statements') return json(res, 200, statementTotals())
    if (pathname === '/graphql' || pathname.startsWith('/graphql/')) {
      if (config.statementCounter) countGraphqlRequest()
      return yoga.handle(req, res)
    }
    if (pathname === UNSUBSCRIBE_PATH) {
      return handleUnsubscribe(req, res, database.dataSource, { publicUrl: config.publicUrl, now: options.now ?? (() => new Date()) }).catch((error: unknown) => {
        logger.error('unsubscribe: failed', error)
        if (!res.headersSent) json(res, 500, { error: 'Something went wrong. Try the link again in a minute.' })
      })
    }
    if (pathname === '/admin') return redirect(res, '/admin/')
    if (pathname === '/portal') return redirect(res, '/portal/')
    if (pathname.startsWith('/admin/')) return admin(req, res)
    if (pathname.startsWith('/portal/')) return portal(req, res)
    if (pathname === '/') return redirect(res, '/portal/')
    json(res, 404, { error: 'Not found. Try /portal/, /admin/ or /graphql.' })
  })
  server.requestTimeout = 30_000
  server.headersTimeout = 20_000

  return {
    yoga,
    http: server,
    drain(timeoutMs) {
      draining = true
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          logger.warn('shutdown: closing connections still open after the timeout')
          server.closeAllConnections()
        }, timeoutMs)
        force.unref()
        server.close(() => {
          clearTimeout(force)
          resolve()
        })
        server.closeIdleConnections()
      })
    },
  }
}

async function databaseAnswers(database: Database, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const probe = database.dataSource.query('SELECT 1').then(
    () => true,
    () => false,
  )
  const answered = await Promise.race([probe, timeout])
  clearTimeout(timer)
  return answered
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { location })
  res.end()
}
