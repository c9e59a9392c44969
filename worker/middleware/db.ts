import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { getDb } from '../db/client';
import { SESSION_COOKIE } from '../desk/session';
import {
  BOOKMARK_COOKIE,
  BOOKMARK_HEADER,
  bookmarkCookiePath,
  readBookmark,
  sessionStart,
} from '../planes/bookmark';
import { credentialOf } from '../planes/credential';
import { databaseOfEntry, entryOf } from '../planes/resolve';
import { timed } from '../timing';

/**
 * Puts the request's database handle on the context (`c.var.db`), resolved once from the credential
 * the request carries (planes/credential.ts → the directory in the control database → a data
 * database), and opened as a D1 session: reads start at the client's bookmark, writes at the
 * primary. The session's bookmark goes back in `x-d1-bookmark` (and a cookie for the HTML pages).
 * Every handler after this uses c.var.db and never chooses a database itself.
 */
export const databaseHandle = createMiddleware<AppEnv>(async (c, next) => {
  const ref = credentialOf(
    {
      path: c.req.path,
      header: (n) => c.req.header(n),
      query: (n) => c.req.query(n),
      cookie: (n) => getCookie(c, n),
    },
    SESSION_COOKIE,
  );
  const name = ref
    ? await timed(
        c,
        'dir',
        entryOf(ref).then((e) => databaseOfEntry(c.env, e)),
      )
    : 'DB';
  const cookiePath = bookmarkCookiePath(c.req.path);
  const sent = readBookmark(cookiePath ? getCookie(c, BOOKMARK_COOKIE) : c.req.header(BOOKMARK_HEADER));
  const session = c.env[name].withSession(sessionStart(c.req.method, sent));
  // drizzle's D1 driver takes the session as it takes the database (same prepare and batch).
  c.set('db', getDb(session as unknown as D1Database));
  c.set('database', name);
  await next();
  const bookmark = session.getBookmark();
  if (!bookmark) return;
  c.header(BOOKMARK_HEADER, bookmark);
  if (cookiePath) {
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: cookiePath,
    });
  }
});
