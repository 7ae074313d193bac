// `pnpm start`: builds what is not built yet, then runs the API in this process; it migrates the database,
// seeds demo data into an empty one and serves /graphql, /admin/ and /portal/.
import { pathToFileURL } from 'node:url'
import { buildApi, buildSpas } from './lib/build.mjs'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Covered needs Node.js 20.19 or newer; this is ${process.version}.`)
  process.exit(1)
}

try {
  await buildSpas()
  const main = await buildApi()
  await import(pathToFileURL(main).href)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
