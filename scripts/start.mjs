// `pnpm start`: builds what is not built yet, then runs the API in a process of its own (with the production
// runtime flags, see lib/runtime.mjs); it migrates the database, seeds demo data into an empty one and serves
// /graphql, /admin/ and /portal/. SIGINT and SIGTERM are passed on, and this process ends with the API.
import { spawn } from 'node:child_process'
import { buildApi, buildSpas } from './lib/build.mjs'
import { apiNodeFlags } from './lib/runtime.mjs'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Covered needs Node.js 20.19 or newer; this is ${process.version}.`)
  process.exit(1)
}

try {
  await buildSpas()
  const main = await buildApi()
  const api = spawn(process.execPath, [...apiNodeFlags(), main], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal))
  api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
