import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env';
import { getDb } from '../db/client';
import { ALL_DATABASES } from '../db/databases';
import { isOriginAllowedAnywhere } from '../db/desks';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { BOOKMARK_HEADER } from '../planes/bookmark';
import { WIDGET_KEY_HEADER } from './widget-key';

/** The origins a widget key may be used from: its bound organisation's deployment, else the desk's. */
export function allowedOrigins(c: Context<AppEnv>): string[] {
  return (c.get('keyOrganisation') ?? c.get('desk')).allowedOrigins;
}

/** Whether any desk or organisation in any database allows `origin` (a preflight names no desk). */
async function isOriginAllowedInAnyDatabase(env: Env, origin: string): Promise<boolean> {
  const found = await Promise.all(
    ALL_DATABASES.map((name) => isOriginAllowedAnywhere(getDb(env[name]), origin)),
  );
  return found.includes(true);
}

/**
 * CORS for the widget routes, answering only allowed origins (exact string match, scheme and port
 * included). A preflight carries no `X-Kinobi-Key`, so it cannot name its desk: it is answered for
 * an origin that ANY desk or organisation allows, which reveals nothing beyond "the widget is embedded
 * there". The real request then must come from one of ITS key's origins, or it is refused with
 * 403 (`origin_not_allowed`) and no CORS headers. Requests without an Origin (servers, curl) pass.
 * Runs after `widgetKey`, which lets OPTIONS through.
 */
export const widgetCors: MiddlewareHandler<AppEnv> = cors({
  origin: async (origin, c) => {
    if (!origin) return null;
    if (c.req.method === 'OPTIONS') {
      return (await isOriginAllowedInAnyDatabase(c.env, origin)) ? origin : null;
    }
    return allowedOrigins(c).includes(origin) ? origin : null;
  },
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  // X-Ticket-Token: customer replies (routes/messages.ts) carry the ticket's access token.
  allowHeaders: [
    'Content-Type',
    WIDGET_KEY_HEADER,
    'Idempotency-Key',
    'X-Ticket-Token',
    'X-Ticket-Tokens',
    'X-Kinobi-Identity',
    // Uploads (routes/attachments.ts) name their file here.
    'X-Filename',
    BOOKMARK_HEADER,
  ],
  // The widget reads Retry-After (429/503) and Date (clock skew); neither is CORS-safelisted.
  // x-d1-bookmark: the widget sends it back so its reads see its own writes (planes/bookmark.ts).
  exposeHeaders: ['Retry-After', 'Date', BOOKMARK_HEADER],
  maxAge: 600,
}) as MiddlewareHandler<AppEnv>;

/** Refuses a browser request from an origin its key does not allow (after `widgetCors`). */
export const originGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('Origin');
  if (origin && !allowedOrigins(c).includes(origin)) {
    throw new ApiError(403, 'origin_not_allowed', 'This site is not allowed to use this widget key.');
  }
  return next();
};
