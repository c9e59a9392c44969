import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { timed } from '../timing';
import { WIDGET_KEY_HEADER } from './widget-key';

/** The rate-limit window configured in wrangler.toml (`period = 60`), sent as Retry-After. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

const pending = new WeakMap<Request, Promise<{ success: boolean }>>();

/**
 * Starts the rate-limit check for this widget key and client IP (`CF-Connecting-IP`) without waiting:
 * the limiter's round trip overlaps the key lookup. `enforceRateLimit` later in the chain (after
 * CORS, so a browser can read the 429) awaits it. Keys are counted before they are known to be valid;
 * an unknown key only spends its own budget.
 */
export function rateLimit(
  binding: 'RL_INTAKE' | 'RL_READ',
  /** Where the widget key is read from: the header, or (the no-JavaScript form) the query string. */
  widgetKeyOf: (c: Context<AppEnv>) => string | undefined = (c) => c.req.header(WIDGET_KEY_HEADER),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ip = c.req.header('CF-Connecting-IP') ?? 'unknown';
    const key = `${widgetKeyOf(c) ?? ''}|${ip}`;
    const limiter: RateLimit = (c.env as Env)[binding];
    const result = limiter.limit({ key });
    // A request that fails earlier (401/403) must neither leave a rejection unobserved nor end
    // while the limiter's call is still in flight.
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    try {
      c.executionCtx.waitUntil(settled);
    } catch {
      // no execution context (app.request in a plain test): nothing to keep alive
    }
    pending.set(c.req.raw, result);
    return next();
  };
}

/** 429 `rate_limited` with Retry-After when the check started by `rateLimit` failed. */
export const enforceRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const result = pending.get(c.req.raw);
  if (result && !(await timed(c, 'rl', result)).success) {
    throw new ApiError(
      429,
      'rate_limited',
      'Too many requests; try again later.',
      undefined,
      RATE_LIMIT_PERIOD_SECONDS,
    );
  }
  return next();
};
