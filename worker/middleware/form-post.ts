import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import type { AppEnv } from '../app-env';
import { ApiError } from '../errors';

const sameOrigin = csrf();

/** Whether `referer` is a URL on the origin of `url`. */
function refererIsSameOrigin(referer: string | undefined, url: string): boolean {
  if (!referer) return false;
  try {
    return new URL(referer).origin === new URL(url).origin;
  } catch {
    return false;
  }
}

/**
 * hono/csrf for a server-rendered form: a form body is accepted only from this origin (`Origin`, or
 * `Sec-Fetch-Site: same-origin`); a cross-site post is refused with 403. The browsers this form
 * exists for are older than those headers on a same-origin form post (IE11, Firefox before 70 send
 * neither), and hono/csrf refuses a request that carries neither; for exactly that case the
 * `Referer` stands in (OWASP's fallback). A request that carries an Origin is never judged by it.
 */
export const formCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  const legacy = !c.req.header('Origin') && !c.req.header('Sec-Fetch-Site');
  if (legacy && refererIsSameOrigin(c.req.header('Referer'), c.req.url)) return next();
  return sameOrigin(c, next);
};

const FORM_MEDIA_TYPE = /^application\/x-www-form-urlencoded$/i;

/**
 * 415 `unsupported_media_type` unless the body is a plain HTML form post. JSON would pass hono/csrf
 * unchecked (it inspects form-like bodies only), so nothing else is taken here.
 */
export const requireForm: MiddlewareHandler<AppEnv> = async (c, next) => {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
  if (!FORM_MEDIA_TYPE.test(mediaType)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  }
  return next();
};
