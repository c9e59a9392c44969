import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { readWithin } from '../body-read';
import { ApiError } from '../errors';

/** Largest request body the API accepts: 64 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = (max: number) =>
  new ApiError(413, 'body_too_large', `The request body exceeds ${max} bytes.`);

/**
 * 413 `body_too_large` above 64 KB, by Content-Length or by counting a streamed (chunked) body.
 * The rest of an oversized body is never cancelled: a declared one is left unread (the runtime and
 * wrangler's dev middleware drain it), a streamed one is read to its end by `readWithin`. Either
 * way the keep-alive connection stays usable (test/conn/body-limit.test.ts).
 */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) => limitBodyTo(MAX_BODY_BYTES)(c, next);

/** `limitBody` with another limit (a form that carries a file). */
export function limitBodyTo(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('Content-Length');
    if (declared !== null && !raw.headers.has('Transfer-Encoding')) {
      if (Number.parseInt(declared, 10) > maxBytes) throw tooLarge(maxBytes);
      return next();
    }
    const read = await readWithin(raw.body, maxBytes);
    if (!read.ok) throw tooLarge(maxBytes);
    c.req.raw = new Request(raw, { body: read.bytes });
    return next();
  };
}

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
