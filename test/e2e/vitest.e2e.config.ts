import { defineConfig } from 'vitest/config';

/**
 * Browser tests (npm run test:e2e, started by scripts/e2e.mjs against `wrangler dev`): node
 * environment driving Debian's Chromium through playwright-core. Files run one after another: the
 * machine has two cores and the performance test must not share them with another browser.
 */
export default defineConfig({
  root: `${import.meta.dirname}/../..`,
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 45_000,
    hookTimeout: 30_000,
  },
});
