import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';

/**
 * The console's Content-Security-Policy: scripts and styles from this origin only, no inline script or
 * style, no framing; `connect-src 'self'` for the queue's poll. The console's own pages need nothing else.
 */
export const DESK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers on every console response. `Referrer-Policy: same-origin` keeps a sign-in link's token from
 * leaking to other sites while same-origin form posts still carry `Origin` (the CSRF check reads it).
 */
export const deskHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  // An attachment download keeps its own, stricter policy (worker/attachments/serve.ts).
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', DESK_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
});
