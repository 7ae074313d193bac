import { defineProject } from 'vitest/config'

// Browser tests against the built product: one product process per test file, files one at a time.
export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    globalSetup: ['harness/global-setup.ts'],
    testTimeout: 60_000,
    // Starting the product may build both SPAs and the API bundle first.
    hookTimeout: 240_000,
  },
})
