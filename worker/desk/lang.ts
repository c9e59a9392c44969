import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { DeskLang } from './strings';

/** The cookie remembering the console language chosen with the switch. */
export const LANG_COOKIE = 'kinobi_desk_lang';

/** The console language: the switch's choice, else the browser's first preference between the two, else Indonesian. */
export function deskLang(c: Context): DeskLang {
  const chosen = getCookie(c, LANG_COOKIE);
  if (chosen === 'en' || chosen === 'id') return chosen;
  const accept = c.req.header('Accept-Language') ?? '';
  const first = accept.match(/\b(en|id)\b/i)?.[1]?.toLowerCase();
  return first === 'en' ? 'en' : 'id';
}

/** Remembers the language chosen with the switch (a year, console paths only). */
export function rememberLang(c: Context, lang: DeskLang): void {
  setCookie(c, LANG_COOKIE, lang, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/desk',
    maxAge: 365 * 86_400,
  });
}
