import { defineConfig } from 'vitest/config'

// Not part of `pnpm test`: screenshots of the team and access screens (issue 12) for a person to look at.
//   pnpm exec vitest run -c tests/e2e/tools/team-shots.config.ts      (SHOTS_DIR, default /tmp/shots/team)
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['team.shots.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 240_000,
  },
})
