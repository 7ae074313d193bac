import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface Product {
  /** e.g. http://localhost:41234 */
  url: string
  port: number
  dataDir: string
  /** Everything the process printed so far (for failure messages). */
  output(): string
  stop(): Promise<void>
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
  })
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal) // the whole process group: node and anything it started
  } catch {
    // already gone
  }
}

/**
 * Starts the built product (`node scripts/start.mjs`, which builds what is stale) on a free port with
 * a fresh embedded database, and resolves once `/health/ready` answers 200.
 */
export async function startProduct(options: { readyTimeoutMs?: number } = {}): Promise<Product> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 200_000
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'covered-e2e-'))
  const template = inject('pgliteTemplate')
  if (template) fs.cpSync(template, dataDir, { recursive: true })
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), COVERED_DATA_DIR: dataDir }
  delete env.DATABASE_URL // always the fresh embedded database
  delete env.NODE_OPTIONS

  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env,
    detached: true, // its own process group, so stop() ends everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()))

  const url = `http://localhost:${port}`
  const stop = async () => {
    killGroup(child, 'SIGTERM')
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000)
    await exited(child)
    clearTimeout(timer)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + readyTimeoutMs
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The product exited before it was ready (code ${child.exitCode}).`)
      }
      if (Date.now() > deadline) throw new Error(`The product was not ready within ${readyTimeoutMs} ms.`)
      try {
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) })
        if (response.status === 200) break
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}\n--- product output ---\n${log}`, { cause: error })
  }

  return { url, port, dataDir, output: () => log, stop }
}
