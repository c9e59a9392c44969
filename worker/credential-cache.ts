import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env';
import type { findAgentByTokenHash } from './db/agents';
import type { WidgetKeyGrant } from './db/desks';
import { TtlCache } from './ttl-cache';

/**
 * How long an isolate trusts a widget key or agent token it looked up, with its desk row. Saves a
 * D1 round trip on every widget and agent request. The cost: a revocation, key rotation or desk
 * change made by ANOTHER isolate takes effect here within this time (the admin API clears this
 * isolate's caches at once; a key's own revoked_at is always honoured to the millisecond).
 */
export const CREDENTIAL_TTL_MS = 30_000;

/** Bound per cache, so a flood of distinct valid credentials cannot grow an isolate's memory. */
export const CREDENTIAL_CACHE_ENTRIES = 1_000;

/** Widget key → its desk, bound organisation and revocation time (only keys that resolved are cached). */
export const widgetKeyCache = new TtlCache<WidgetKeyGrant>(CREDENTIAL_TTL_MS, CREDENTIAL_CACHE_ENTRIES);

/** SHA-256 hex of an agent token → the token's agent and desk (only active tokens are cached). */
export const agentTokenCache = new TtlCache<NonNullable<Awaited<ReturnType<typeof findAgentByTokenHash>>>>(
  CREDENTIAL_TTL_MS,
  CREDENTIAL_CACHE_ENTRIES,
);

/** Empties both credential caches of this isolate. */
export function forgetCachedCredentials(): void {
  widgetKeyCache.clear();
  agentTokenCache.clear();
}

/** After every admin write (keys, tokens, desk and organisation settings), this isolate forgets what it cached. */
export const forgetCredentialsAfterWrites = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== 'GET') forgetCachedCredentials();
});
