import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['packages/domain', 'packages/ui', 'apps/api', 'apps/admin', 'apps/portal', 'tests/e2e'],
  },
})
