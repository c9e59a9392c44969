import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { getDb } from '../db/client';

/**
 * Puts the request's database handle on the context (`c.var.db`). One D1 today; when desks live in
 * databases of their own, this is where the credential picks the database.
 */
export const databaseHandle = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', getDb(c.env.DB));
  await next();
});
