import { defineConfig } from 'vitest/config';

/**
 * Connection tests (npm run test:conn, started by scripts/conn-test.mjs against `wrangler dev` on
 * 127.0.0.1:8797): plain node sockets, one file after another.
 */
export default defineConfig({
  root: `${import.meta.dirname}/../..`,
  test: {
    name: 'conn',
    include: ['test/conn/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
