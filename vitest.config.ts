import { defineConfig } from 'vitest/config';

// One Vitest run for the whole repository: every package's `*.test.ts` runs against the real
// Postgres and Redis (see packages/runtime/src/services.ts for how they are found).
export default defineConfig({
  test: {
    include: ['{apps,packages}/*/{src,test}/**/*.test.{ts,tsx}', 'infra/scripts/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
