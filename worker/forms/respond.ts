import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Locale, LocaleSchema } from '../../shared/schema';
import type { AppEnv } from '../app-env';
import type { Desk, Organisation } from '../db/schema';
import { htmlDocument } from './Page';
import { formCsp } from './styles';

/**
 * The page's language: `?lang=` when it is one we speak, else the organisation's the key is bound
 * to, else the desk's, else Indonesian (before a key is known, e.g. on an unknown key's page).
 */
export function formLocale(c: Context<AppEnv>): Locale {
  const asked = LocaleSchema.safeParse(c.req.query('lang'));
  if (asked.success) return asked.data;
  const org = c.get('keyOrganisation') as Organisation | null | undefined;
  const desk = c.get('desk') as Desk | undefined;
  return org?.locale ?? desk?.locale ?? 'id';
}

/**
 * Answers with a form page: the strict CSP (no script, one hashed stylesheet, posts to this origin
 * only), no framing (X-Frame-Options for IE11, which ignores frame-ancestors), and a Referer on
 * same-origin posts only, which the CSRF check of old browsers relies on.
 */
export async function sendPage(
  c: Context<AppEnv>,
  page: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  c.header('Content-Security-Policy', await formCsp());
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  return c.html(await htmlDocument(page), status);
}
