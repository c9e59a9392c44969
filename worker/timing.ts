import type { Context } from 'hono';

/**
 * Awaits `work` and appends `Server-Timing: <name>;dur=<ms>` to the response (beside the `app` total
 * of middleware/server-timing.ts), so the benches can split a request's time into its D1 round trips.
 */
export async function timed<T>(c: Context, name: string, work: Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work;
  } finally {
    c.header('Server-Timing', `${name};dur=${(performance.now() - start).toFixed(1)}`, { append: true });
  }
}
