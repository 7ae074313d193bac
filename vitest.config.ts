import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['packages/domain', 'packages/ui', 'apps/api', 'apps/admin', 'apps/portal', 'tests/e2e'],
    // Vitest's default on a 2-core machine is one worker; the API and browser tests spend much of their time
    // waiting on PostgreSQL, Chromium and product processes, so a few files at once use the cores better.
    maxWorkers: 3,
  },
})
