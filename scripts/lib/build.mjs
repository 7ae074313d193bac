// Builds what is missing or older than its sources: the two SPAs (vite) and the API bundle (esbuild).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const SHARED_SOURCES = ['packages/ui/src', 'packages/domain/src']
const SPAS = {
  admin: ['apps/admin/src', 'apps/admin/index.html', 'apps/admin/vite.config.ts', ...SHARED_SOURCES],
  portal: ['apps/portal/src', 'apps/portal/index.html', 'apps/portal/vite.config.ts', ...SHARED_SOURCES],
}

function newestMtime(target) {
  const full = path.join(root, target)
  if (!fs.existsSync(full)) return 0
  const stat = fs.statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(full)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    newest = Math.max(newest, newestMtime(path.join(target, entry)))
  }
  return newest
}

export function spaIsStale(app) {
  const built = path.join(root, `apps/${app}/dist/index.html`)
  if (!fs.existsSync(built)) return true
  return Math.max(...SPAS[app].map(newestMtime)) > fs.statSync(built).mtimeMs
}

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed:\n${output}`))))
  })
}

export async function buildSpas({ force = false, log = console.log } = {}) {
  for (const app of Object.keys(SPAS)) {
    if (!force && !spaIsStale(app)) continue
    const started = Date.now()
    log(`Building the ${app} app…`)
    await run(process.execPath, [path.join(root, `apps/${app}/node_modules/vite/bin/vite.js`), 'build', '--logLevel', 'warn'], path.join(root, `apps/${app}`))
    log(`  built ${app} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}

/** Bundles the API with esbuild (it is quick, so always): our workspace code inside, npm packages left outside. */
export async function buildApi() {
  const apiDir = path.join(root, 'apps/api')
  const { build } = await import(path.join(apiDir, 'node_modules/esbuild/lib/main.js'))
  const pkg = JSON.parse(fs.readFileSync(path.join(apiDir, 'package.json'), 'utf8'))
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !name.startsWith('@covered/'))
  await build({
    entryPoints: { main: path.join(apiDir, 'src/main.ts'), cli: path.join(apiDir, 'src/db/cli.ts') },
    outdir: path.join(apiDir, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external,
    tsconfig: path.join(apiDir, 'tsconfig.json'),
    logLevel: 'warning',
  })
  return path.join(apiDir, 'dist/main.js')
}
