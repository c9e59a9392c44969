import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

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
            wrangler: { configPath: `${root}/wrangler.toml` },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(`${root}/worker/db/migrations`),
                ADMIN_SECRET: 'test-admin-secret',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/apply-migrations.ts'],
        },
      },
      {
        plugins: [preact()],
        test: {
          name: 'widget',
          include: ['test/widget/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
