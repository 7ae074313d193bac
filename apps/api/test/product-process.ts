import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { root } from '../../../scripts/lib/build.mjs'

/** The production entry point as a real process: start, shutdown, restart, readiness. */
export interface RunningProduct {
  child: ChildProcess
  base: string
  output: () => string
  exited: Promise<number | null>
}

export async function startProduct(env: Record<string, string>): Promise<RunningProduct> {
  const main = path.join(root, 'apps/api/dist/main.js')
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start:\n${output}`)), 60_000)
    const onData = () => {
      const match = /Covered is up on (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', onData)
    void exited.then(() => reject(new Error(`the product exited early:\n${output}`)))
  })
  return { child, base, output: () => output, exited }
}

export async function gql(base: string, query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'test', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  return { status: response.status, body: (await response.json()) as any, cookie: response.headers.get('set-cookie')?.split(';')[0] }
}

