import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import type { Env } from './env';
import { ApiError, errorBody } from './errors';

/** The Kinobi Support API. Routes are mounted from worker/routes/*. */
export const app = new Hono<AppEnv>();

app.get('/v1/health', async (c) => {
  const row = await c.env.DB.prepare('select 1 as ok').first<{ ok: number }>();
  return c.json({ ok: row?.ok === 1 });
});

app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));

// One error shape, mapped once.
app.onError((err, c) => {
  if (err instanceof ApiError) {
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  console.error('unhandled error', err);
  return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
});

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
