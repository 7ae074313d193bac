// `pnpm check`: type checks (tsc, vue-tsc), the linter, that the committed schema.graphql, the generated client
// documents and the API reference match the code, and the GraphQL contract (every part described, no breaking
// change against the main branch's schema).
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { root } from './lib/build.mjs'

const bin = (pkg, file) => path.join(root, pkg, file)
const steps = [
  ['types: domain', [bin('node_modules/typescript', 'bin/tsc'), '-p', 'packages/domain/tsconfig.json']],
  ['types: api', [bin('node_modules/typescript', 'bin/tsc'), '-p', 'apps/api/tsconfig.json']],
  ['types: ui', [bin('packages/ui/node_modules/vue-tsc', 'bin/vue-tsc.js'), '--noEmit', '-p', 'packages/ui/tsconfig.json']],
  ['types: admin', [bin('apps/admin/node_modules/vue-tsc', 'bin/vue-tsc.js'), '--noEmit', '-p', 'apps/admin/tsconfig.json']],
  ['types: portal', [bin('apps/portal/node_modules/vue-tsc', 'bin/vue-tsc.js'), '--noEmit', '-p', 'apps/portal/tsconfig.json']],
  ['types: e2e', [bin('node_modules/typescript', 'bin/tsc'), '-p', 'tests/e2e/tsconfig.json']],
  ['lint', [bin('node_modules/eslint', 'bin/eslint.js'), '--max-warnings', '0', '.']],
  ['schema.graphql matches the code', [bin('apps/api/node_modules/tsx', 'dist/cli.mjs'), '--tsconfig', 'apps/api/tsconfig.json', 'apps/api/scripts/print-schema.ts', '--check']],
  ['generated documents match the schema', ['scripts/check-codegen.mjs']],
  ['GraphQL contract: all described, no breaking change against main', [bin('apps/api/node_modules/tsx', 'dist/cli.mjs'), '--tsconfig', 'apps/api/tsconfig.json', 'apps/api/scripts/check-contract.ts']],
  ['docs/api-reference.md matches the schema', [bin('apps/api/node_modules/tsx', 'dist/cli.mjs'), '--tsconfig', 'apps/api/tsconfig.json', 'apps/api/scripts/api-reference.ts', '--check']],
]

/** Runs one check; resolves with its exit code, output and time. */
function run([script, ...args]) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ code, output, seconds: ((Date.now() - started) / 1000).toFixed(1) }))
  })
}

// As many checks at once as there are cores; each is reported in the order of `steps` as it finishes.
const results = steps.map(() => {
  let resolve
  const promise = new Promise((done) => (resolve = done))
  return { promise, resolve }
})
let next = 0
const worker = async () => {
  while (next < steps.length) {
    const index = next++
    results[index].resolve(await run(steps[index][1]))
  }
}
const workers = Array.from({ length: Math.max(1, Math.min(os.availableParallelism(), steps.length)) }, worker)

let failed = 0
for (const [index, [name]] of steps.entries()) {
  const { code, output, seconds } = await results[index].promise
  if (code === 0) {
    console.log(`ok    ${name} (${seconds} s)`)
  } else {
    failed++
    console.log(`FAIL  ${name} (${seconds} s)\n${output}`)
  }
}
await Promise.all(workers)
console.log(failed ? `\n${failed} check(s) failed` : '\nall checks passed')
process.exit(failed ? 1 : 0)
