import { defineConfig } from 'vitest/config'

// Not part of `pnpm test`: takes screenshots of every screen for a person to look at.
//   pnpm exec vitest run -c tests/e2e/tools/shots.config.ts      (SHOTS_DIR, default /tmp/shots)
//   SHOTS=knowledge.shots.ts pnpm exec vitest run -c tests/e2e/tools/shots.config.ts   (another shot file)
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: [process.env.SHOTS ?? 'screenshots.shots.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 240_000,
  },
})
