// `pnpm db:migrate`, `pnpm db:seed`, `pnpm db:reset`: run from the checkout's root so that they use the same
// ./.data embedded database (or DATABASE_URL) as `pnpm start`.
import { pathToFileURL } from 'node:url'
import path from 'node:path'
import { buildApi, root } from './lib/build.mjs'

await buildApi()
process.chdir(root)
await import(pathToFileURL(path.join(root, 'apps/api/dist/cli.js')).href)
