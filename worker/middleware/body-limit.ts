import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env';
import { ApiError } from '../errors';

/** Largest request body the API accepts: 64 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** 413 `body_too_large` above 64 KB, by Content-Length or by counting a streamed body (hono's bodyLimit). */
export const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    // Refuse the rest of an unread body at once instead of leaving the client's upload hanging.
    const body = c.req.raw.body;
    if (body && !body.locked) body.cancel().catch(() => undefined);
    throw new ApiError(413, 'body_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  },
});

const JSON_MEDIA_TYPE = /^application\/json$/i;

/**
 * 415 `unsupported_media_type` unless the body is declared `application/json`, and 400 `invalid_json`
 * when it does not parse. Parsing here (once, after the size check) keeps hono's validator from
 * answering malformed JSON in its own words.
 */
export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  try {
    JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  return next();
};
