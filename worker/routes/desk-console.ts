import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env';
import { deskHeaders } from '../desk/headers';
import { deskLang } from '../desk/lang';
import { renderPage } from '../desk/render';
import { deskStrings } from '../desk/strings';
import { ErrorPage } from '../desk/views/sign-in';
import { ApiError } from '../errors';
import { databaseHandle } from '../middleware/db';
import { serverTiming } from '../middleware/server-timing';
import { deskReports } from './desk-reports';
import { deskSignIn } from './desk-sign-in';
import { deskTickets } from './desk-tickets';

/**
 * The agent console at /desk: HTML rendered on the server (hono/jsx), plain forms, and a small script
 * for shortcuts and the queue's poll. Every state change is a form POST checked by hono/csrf (Origin or
 * Sec-Fetch-Site must be this origin); bodies other than forms are refused, since hono/csrf checks only those.
 */
export const deskConsole = new Hono<AppEnv>();

deskConsole.use('*', serverTiming);
deskConsole.use('*', deskHeaders);
deskConsole.use('*', databaseHandle);
deskConsole.use('*', async (c, next) => {
  if (c.req.method === 'POST') {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      throw new ApiError(415, 'unsupported_media_type', 'The console takes form posts only.');
    }
  }
  await next();
});
deskConsole.use('*', csrf());

deskConsole.route('/', deskSignIn);
deskConsole.route('/', deskTickets);
deskConsole.route('/', deskReports);

// Errors as pages in the console's frame (the API keeps its JSON error shape).
deskConsole.onError(async (err, c) => {
  const s = deskStrings(deskLang(c));
  const u = new URL(c.req.url);
  const page = (message: string, status: ContentfulStatusCode) =>
    renderPage(c, ErrorPage({ s, message, here: u.pathname }), status);
  if (err instanceof HTTPException && err.status === 403) return page(s.forbidden, 403);
  if (err instanceof ApiError) {
    if (err.status === 404) return page(s.notFound, 404);
    const details = Array.isArray(err.details)
      ? (err.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`).join('; ')
      : '';
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    return page(details ? `${err.message} ${details}` : err.message, err.status);
  }
  console.error('desk console error', err);
  return page(s.errorTitle, 500);
});
