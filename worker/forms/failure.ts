import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env';
import { isD1Error } from '../db/d1-errors';
import { ApiError } from '../errors';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../routes/health';
import { MessagePage } from './MessagePage';
import { formHref } from './Page';
import { formLocale, sendPage } from './respond';
import { formStrings } from './strings';

/**
 * The form's error handler: what the JSON API answers in its error shape, a person gets here as a
 * readable page in their language, with the same status (an unknown or revoked key 403, a resend
 * with other content 409, 413, 415, 429 with Retry-After, a refused cross-site post 403, D1 down 503).
 */
export async function formFailure(err: Error, c: Context<AppEnv>): Promise<Response> {
  const lang = formLocale(c);
  const s = formStrings(lang);
  const key = c.req.query('key') ?? '';
  const page = (status: ContentfulStatusCode, title: string, text: string, withLink = false) =>
    sendPage(
      c,
      MessagePage({
        lang,
        title,
        text,
        link: withLink ? { href: formHref(key, lang), label: s.newForm } : undefined,
      }),
      status,
    );
  if (err instanceof ApiError) {
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    switch (err.code) {
      case 'missing_widget_key':
      case 'invalid_widget_key':
        return page(err.status, s.keyTitle, s.keyText);
      case 'idempotency_conflict':
        return page(409, s.conflictTitle, s.conflictText, true);
      case 'rate_limited':
        return page(429, s.limitTitle, s.limitText);
      case 'body_too_large':
        return page(413, s.tooLargeTitle, s.tooLargeText);
      default:
        return page(err.status, s.forbiddenTitle, s.forbiddenText, true);
    }
  }
  if (err instanceof HTTPException && err.status === 403) {
    return page(403, s.forbiddenTitle, s.forbiddenText, true);
  }
  if (isD1Error(err)) console.error('D1 error', err);
  else console.error('unhandled error in the form', err);
  c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  return page(isD1Error(err) ? 503 : 500, s.unavailableTitle, s.unavailableText);
}
