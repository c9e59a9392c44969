import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { getDb } from '../db/client';
import { findTenantByWidgetKey } from '../db/tenants';
import { ApiError } from '../errors';

/** The header that carries a tenant's public widget key (public, like a DSN). */
export const WIDGET_KEY_HEADER = 'X-Kinobi-Key';

/**
 * Resolves `X-Kinobi-Key` to its tenant: 401 when absent, 403 when unknown or revoked. Preflights
 * carry no custom headers, so OPTIONS passes through to the CORS middleware.
 */
export const widgetKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'OPTIONS') return next();
  const key = c.req.header(WIDGET_KEY_HEADER);
  if (!key)
    throw new ApiError(401, 'missing_widget_key', `Send the widget key in the ${WIDGET_KEY_HEADER} header.`);
  // Keys are short tokens; anything longer cannot exist, so it never reaches D1.
  const tenant = key.length <= 128 ? await findTenantByWidgetKey(getDb(c.env.DB), key) : undefined;
  if (!tenant)
    throw new ApiError(403, 'invalid_widget_key', 'This widget key is unknown or has been revoked.');
  c.set('tenant', tenant);
  return next();
};
