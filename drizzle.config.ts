import { defineConfig } from 'drizzle-kit';

/** drizzle-kit writes plain SQL migrations that both wrangler and the Workers test pool apply. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/schema.ts',
  out: './worker/db/migrations',
});
