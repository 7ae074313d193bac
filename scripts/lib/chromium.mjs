// The browser tests drive Debian's Chromium. When it is missing and apt-get is at hand (as root), install it;
// otherwise say exactly what to install.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function ensureChromium(log = console.log) {
  if (fs.existsSync(CHROMIUM)) return
  const canApt = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0
  if (!canApt) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.`)
  }
  log('Installing Chromium from Debian for the browser tests (once)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env })
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install Chromium by hand.`)
  }
}
