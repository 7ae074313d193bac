import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { serveSpa } from '../spa.js'

let dir: string
let server: http.Server
let base: string
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'covered-spa-'))
  const handler = serveSpa(dir, '/admin/')
  server = http.createServer((req, res) => handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  fs.rmSync(dir, { recursive: true, force: true })
})

function build(version: string) {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'index.html'), `<script src="/admin/assets/app-${version}.js"></script>`)
  fs.writeFileSync(path.join(dir, 'assets', `app-${version}.js`), `console.log('${version}')`)
  // A rebuild within the same millisecond would keep the stamp; real builds never do.
  const stamp = new Date(Date.now() + Number(version.slice(1)) * 1000)
  fs.utimesSync(path.join(dir, 'index.html'), stamp, stamp)
}

it('says the app is not built yet, then serves it once built, with client-side routes answered by index.html', async () => {
  const before = await fetch(`${base}/tickets`)
  expect(before.status).toBe(503)
  expect(await before.text()).toMatch(/not built yet/)
  build('v1')
  const route = await fetch(`${base}/tickets/42`)
  expect(route.status).toBe(200)
  expect(await route.text()).toContain('app-v1.js')
  expect((await fetch(`${base}/assets/app-v1.js`)).headers.get('cache-control')).toMatch(/immutable/)
})

it('keeps serving across a rebuild under it: while it is rebuilt the answer is 503, then old assets are a 404, new ones and the new index are served', async () => {
  build('v1')
  expect((await fetch(`${base}/assets/app-v1.js`)).status).toBe(200)
  fs.rmSync(dir, { recursive: true, force: true })
  expect((await fetch(`${base}/assets/app-v1.js`)).status).toBe(503)
  expect((await fetch(`${base}/`)).status).toBe(503)
  build('v2')
  expect((await fetch(`${base}/assets/app-v1.js`)).status).toBe(404)
  const js = await fetch(`${base}/assets/app-v2.js`)
  expect(await js.text()).toBe(`console.log('v2')`)
  expect(await (await fetch(`${base}/`)).text()).toContain('app-v2.js')
  expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400)
  expect((await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`)).status).not.toBe(500)
})
