import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { printSchema } from 'graphql'
import { getSchema } from '../src/graphql/schema.js'

/** Writes schema.graphql, the committed contract; `--check` fails when it differs from the code. */
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema.graphql')
const printed = `${printSchema(getSchema())}\n`
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : ''
  if (committed !== printed) {
    console.error('apps/api/schema.graphql does not match the code. Run "pnpm codegen" and commit the result.')
    process.exit(1)
  }
  console.log('schema.graphql matches the code')
} else {
  fs.writeFileSync(target, printed)
  console.log(`wrote ${path.relative(process.cwd(), target)}`)
}
