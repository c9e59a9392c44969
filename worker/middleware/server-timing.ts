import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';

/**
 * `Server-Timing: app;dur=<ms>`: the worker's own handler time, read by the benches. Workers clocks
 * advance only across I/O, so this is the time spent in awaits (D1), which is what dominates here.
 * Hand-written rather than hono/timing: one header, no per-metric bookkeeping.
 */
export const serverTiming = createMiddleware<AppEnv>(async (c, next) => {
  const start = performance.now();
  await next();
  c.res.headers.append('Server-Timing', `app;dur=${(performance.now() - start).toFixed(1)}`);
});
