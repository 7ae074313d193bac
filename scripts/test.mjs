// `pnpm test`: builds the product (the browser tests drive the built apps), then runs every vitest project
// (domain, ui, api, admin, portal, e2e) and closes with one plain summary line.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApi, buildSpas, root } from './lib/build.mjs'
import { ensureChromium } from './lib/chromium.mjs'

ensureChromium()
await buildSpas({ log: (line) => console.log(line) })
await buildApi()

const report = path.join(os.tmpdir(), `covered-vitest-${process.pid}.json`)
const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs')
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, [vitest, ...args], { cwd: root, stdio: 'inherit' })
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
})

if (fs.existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(fs.readFileSync(report, 'utf8'))
  fs.rmSync(report)
  const skipped = numPendingTests + numTodoTests
  console.log(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`)
  if (numPassedTests === 0 && code === 0) {
    console.error('No test ran.')
    process.exit(1)
  }
}
process.exit(code)
