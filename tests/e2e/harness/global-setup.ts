import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TestProject } from 'vitest/node'
import { repoRoot } from './product.js'

/**
 * A freshly initialised embedded database, made once per run: initialising PGlite takes ~15 s, copying its
 * files takes a fraction of a second, so every product started by a test file gets a copy of this one.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'covered-e2e-template-'))
  const entry = path.join(repoRoot, 'apps/api/node_modules/@electric-sql/pglite/dist/index.js')
  // PGlite is a dependency of the API, not of the browser tests: load it from there.
  const { PGlite } = (await import(pathToFileURL(entry).href)) as { PGlite: { create(dir: string): Promise<{ close(): Promise<void> }> } }
  const db = await PGlite.create(dir)
  await db.close()
  project.provide('pgliteTemplate', dir)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
  }
}
