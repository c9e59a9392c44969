import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';

/** Headers every API response carries, whatever its status. */
export const API_RESPONSE_HEADERS = {
  /** A JSON answer is never sniffed into HTML or script. */
  'X-Content-Type-Options': 'nosniff',
  /** Tickets, tokens and reports are private and live: no browser or proxy keeps a copy. */
  'Cache-Control': 'no-store',
} as const;

/**
 * Sets API_RESPONSE_HEADERS on every response of the routes it is mounted on (`/v1/*`): success,
 * error (onError), 404 and preflights, replacing any Cache-Control a handler set. Hand-written
 * rather than hono/secure-headers, whose defaults (Cross-Origin-Resource-Policy: same-origin, frame
 * and referrer policies) are for pages and would have to be switched off one by one to keep one
 * header, and which does not set Cache-Control.
 */
export const apiHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(API_RESPONSE_HEADERS)) c.res.headers.set(name, value);
});
