import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { TtlCache } from '../ttl-cache';

/** The RL_AUTH_FAIL window in wrangler.toml (`period = 60`): sent as Retry-After. */
export const AUTH_FAIL_PERIOD_SECONDS = 60;

/** Clients this isolate remembers as over the limit (one window each, at most 10,000). */
const blocked = new TtlCache<true>(AUTH_FAIL_PERIOD_SECONDS * 1000, 10_000);

/** The rate-limit key of a client: the credential realm (`admin`, `agent` …) and its IP. */
export function authFailureKey(realm: string, ip: string | undefined): string {
  return `${realm}|${ip ?? 'unknown'}`;
}

/**
 * Counts one failed authentication of `key` against `limiter` (the RL_AUTH_FAIL binding); true when
 * the client is now over the limit, and then this isolate refuses it for a window without checking
 * credentials (so that a right guess is not told apart from a wrong one while it is limited).
 */
export async function recordAuthFailure(limiter: RateLimit, key: string, now: number): Promise<boolean> {
  const { success } = await limiter.limit({ key });
  if (!success) blocked.set(key, true, now);
  return !success;
}

/** True while this isolate holds `key` as over the limit. */
export function isAuthBlocked(key: string, now: number): boolean {
  return blocked.get(key, now) === true;
}

const tooMany = () =>
  new ApiError(
    429,
    'rate_limited',
    'Too many failed authentications; try again later.',
    undefined,
    AUTH_FAIL_PERIOD_SECONDS,
  );

/**
 * Wraps an authentication middleware so that failed attempts (a 401 it throws) are limited per
 * realm and client IP (`CF-Connecting-IP`) through the RL_AUTH_FAIL binding: over the limit the
 * answer is 429 `rate_limited` with Retry-After, and while this isolate remembers the client as
 * limited it answers 429 before the credentials are even looked at. Successful authentications
 * and other errors (403, 503) are not counted. Use as `limitAuthFailures('agent', agentAuth)`.
 * The binding counts per Cloudflare location and the memory is per isolate, so the limit is a
 * brake on guessing and on load, not an exact count.
 */
export function limitAuthFailures(realm: string, auth: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = authFailureKey(realm, c.req.header('CF-Connecting-IP'));
    if (isAuthBlocked(key, Date.now())) throw tooMany();
    let authenticated = false;
    try {
      return await auth(c, () => {
        authenticated = true;
        return next();
      });
    } catch (err) {
      // Only the credential check's own 401 counts, never an error from further down the chain.
      const failed = !authenticated && err instanceof ApiError && err.status === 401;
      if (failed && (await recordAuthFailure(c.env.RL_AUTH_FAIL, key, Date.now()))) throw tooMany();
      throw err;
    }
  };
}
