import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { experimental_readRawConfig } from 'wrangler';

const root = import.meta.dirname;

/**
 * wrangler.toml as JSON in .wrangler/vitest/, paths made absolute. Wrangler reads `.dev.vars` (or
 * `.env`) beside the config it is given and the pool offers no switch for it, so with the root
 * config the tests would take the developer's git-ignored `.dev.vars` (written by `npm run dev`).
 * From a folder that has none, every run sees wrangler.toml's [vars] plus the bindings below.
 */
function wranglerConfigWithoutDevVars(): string {
  const { rawConfig } = experimental_readRawConfig({ config: `${root}/wrangler.toml` });
  const abs = (path: string | undefined) => path && resolve(root, path);
  const config = {
    ...rawConfig,
    main: abs(rawConfig.main),
    assets: rawConfig.assets && { ...rawConfig.assets, directory: abs(rawConfig.assets.directory) },
    d1_databases: rawConfig.d1_databases?.map((d: { migrations_dir?: string }) => ({
      ...d,
      migrations_dir: abs(d.migrations_dir),
    })),
  };
  const dir = `${root}/.wrangler/vitest`;
  mkdirSync(dir, { recursive: true });
  // Written whole and renamed: parallel vitest runs never read half a file.
  const file = `${dir}/wrangler.json`;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(config, null, 2));
  renameSync(tmp, file);
  return file;
}

/** Two projects: the Workers pool takes no custom environment, so DOM tests live apart. */
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: wranglerConfigWithoutDevVars() },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(`${root}/worker/db/migrations`),
                ADMIN_SECRET: 'test-admin-secret',
                // TEST_NOW=<ISO instant> runs the worker suite as if it were then (test/worker/test-now.ts).
                // Bound only when set: otherwise the pool's bindings stay exactly the test ones (test-env.test.ts).
                ...(process.env.TEST_NOW ? { TEST_NOW: process.env.TEST_NOW } : {}),
              },
              // A second, empty D1: the migration test fills it at an old schema and migrates it forward.
              d1Databases: ['MIGRATION_DB'],
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: [
            'test/worker/test-now.ts',
            'test/worker/apply-migrations.ts',
            'test/worker/queue-outbox.ts',
          ],
        },
      },
      {
        plugins: [preact()],
        test: {
          name: 'widget',
          include: ['test/widget/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          // The browser's zone (Intl's, which the environment report carries and the result's due time
          // is worded in) is a user's in Jakarta on any machine, not the CI host's.
          env: { TZ: 'Asia/Jakarta' },
        },
      },
    ],
  },
});
