import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { WIDGET_KEY_HEADER } from './widget-key';

/** The rate-limit window configured in wrangler.toml (`period = 60`), sent as Retry-After. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Limits requests per widget key and client IP with a Workers rate-limiting binding; 429
 * `rate_limited` with Retry-After. Runs after `widgetKey`, so only known keys spend the budget.
 */
export function rateLimit(binding: 'RL_INTAKE' | 'RL_READ'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ip = c.req.header('CF-Connecting-IP') ?? 'unknown';
    const key = `${c.req.header(WIDGET_KEY_HEADER) ?? ''}|${ip}`;
    const limiter: RateLimit = (c.env as Env)[binding];
    const { success } = await limiter.limit({ key });
    if (!success) {
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
}
