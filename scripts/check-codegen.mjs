// Regenerates the typed GraphQL documents of both SPAs and fails when they differ from what is committed.
import { spawnSync } from 'node:child_process'
import { root } from './lib/build.mjs'

for (const app of ['admin', 'portal']) {
  const run = spawnSync('pnpm', ['--filter', `@covered/${app}`, 'run', 'codegen'], { cwd: root, encoding: 'utf8' })
  if (run.status !== 0) {
    console.error(`codegen failed for ${app}:\n${run.stdout}${run.stderr}`)
    process.exit(1)
  }
}
const diff = spawnSync('git', ['status', '--porcelain', '--', 'apps/admin/src/gql', 'apps/portal/src/gql'], { cwd: root, encoding: 'utf8' })
if (diff.stdout.trim()) {
  console.error(`The generated documents changed; run "pnpm codegen" and commit:\n${diff.stdout}`)
  process.exit(1)
}
console.log('generated documents are up to date')
