import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Locale, LocaleSchema } from '../../shared/schema';
import type { AppEnv } from '../app-env';
import { isD1Error } from '../db/d1-errors';
import { ApiError } from '../errors';
import { MessagePage } from '../forms/MessagePage';
import { sendPage } from '../forms/respond';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../routes/health';
import { linkStrings } from './strings';

/** The page's language: `?lang=` when we speak it, else the ticket's, else Indonesian. */
export function linkLocale(c: Context<AppEnv>, ticketLocale?: string | null): Locale {
  const asked = LocaleSchema.safeParse(c.req.query('lang'));
  if (asked.success) return asked.data;
  return ticketLocale === 'en' ? 'en' : 'id';
}

/**
 * Answers with a conversation page: the form pages' strict CSP (no script, the one hashed
 * stylesheet, posts to this origin only) and framing rules, and never cached (the URL is a capability).
 */
export function sendLinkPage(c: Context<AppEnv>, page: Child, status: ContentfulStatusCode = 200) {
  c.header('Cache-Control', 'no-store');
  return sendPage(c, page, status);
}

/** The readable 404 of an unknown, expired or revoked link (and of a closed ticket's). */
export function sendLinkNotFound(c: Context<AppEnv>) {
  const s = linkStrings(linkLocale(c));
  return sendLinkPage(
    c,
    MessagePage({ lang: linkLocale(c), title: s.notFoundTitle, text: s.notFoundText }),
    404,
  );
}

/** The link pages' error handler: every failure is a readable page in the reader's language, never JSON. */
export async function linkFailure(err: Error, c: Context<AppEnv>): Promise<Response> {
  const lang = linkLocale(c);
  const s = linkStrings(lang);
  const page = (status: ContentfulStatusCode, title: string, text: string) =>
    sendLinkPage(c, MessagePage({ lang, title, text }), status);
  if (err instanceof ApiError) {
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    switch (err.code) {
      case 'not_found':
        return sendLinkNotFound(c);
      case 'idempotency_conflict':
        return page(409, s.conflictTitle, s.conflictText);
      case 'rate_limited':
        return page(429, s.limitTitle, s.limitText);
      case 'body_too_large':
        return page(413, s.tooLargeTitle, s.tooLargeText);
      default:
        return page(err.status, s.forbiddenTitle, s.forbiddenText);
    }
  }
  if (err instanceof HTTPException && err.status === 403) return page(403, s.forbiddenTitle, s.forbiddenText);
  console.error(isD1Error(err) ? 'D1 error' : 'unhandled error on the conversation page', err);
  c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  return page(isD1Error(err) ? 503 : 500, s.unavailableTitle, s.unavailableText);
}
