import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { widgetKeyCache } from '../credential-cache';
import { findByWidgetKey } from '../db/desks';
import { ApiError } from '../errors';
import { timed } from '../timing';

/** The header that carries a desk's public widget key (public, like a DSN). */
export const WIDGET_KEY_HEADER = 'X-Kinobi-Key';

/**
 * Resolves `X-Kinobi-Key` to its desk (and the organisation it is bound to, if any): 401 when absent, 403 when unknown or revoked. Preflights
 * carry no custom headers, so OPTIONS passes through to the CORS middleware. A resolved key is
 * cached per isolate (credential-cache.ts), never past its own revoked_at.
 */
export const widgetKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'OPTIONS') return next();
  await resolveWidgetKey(c, c.req.header(WIDGET_KEY_HEADER));
  return next();
};

/**
 * The same for a key in the query string (`?key=`): the no-JavaScript form is reached by a plain
 * link, which carries no headers.
 */
export const widgetKeyFromQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  await resolveWidgetKey(c, c.req.query('key'));
  return next();
};

/** Sets `desk` and `keyOrganisation` for a widget key, or throws 401 (none) / 403 (unknown, revoked). */
async function resolveWidgetKey(c: Context<AppEnv>, key: string | undefined): Promise<void> {
  if (!key)
    throw new ApiError(401, 'missing_widget_key', `Send the widget key in the ${WIDGET_KEY_HEADER} header.`);
  // Keys are short tokens; anything longer cannot exist, so it never reaches D1.
  if (key.length > 128) throw invalidKey();
  const now = Date.now();
  let found = widgetKeyCache.get(key, now);
  if (!found) {
    found = await timed(c, 'key', findByWidgetKey(c.var.db, key, now));
    if (!found) throw invalidKey();
    widgetKeyCache.set(key, found, now, found.revokedAt ?? undefined);
  }
  c.set('desk', found.desk);
  c.set('keyOrganisation', found.organisation);
}

const invalidKey = () =>
  new ApiError(403, 'invalid_widget_key', 'This widget key is unknown or has been revoked.');
