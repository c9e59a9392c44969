/**
 * D1 read replication (issue 15): each request runs in a D1 session. The API answers with the
 * session's bookmark in `x-d1-bookmark`; a client that sends it back reads from a replica at least
 * as new as its own last write. The console and the /r/<token> page are plain HTML, so there the
 * bookmark travels in a cookie scoped to their path.
 */
export const BOOKMARK_HEADER = 'x-d1-bookmark';

/** The cookie that carries the bookmark for server-rendered pages (path-scoped: /desk, /r). */
export const BOOKMARK_COOKIE = 'kinobi_d1_bookmark';

/** D1 bookmarks are hex groups joined by dashes; anything else is ignored, never passed to D1. */
const BOOKMARK_SHAPE = /^[0-9A-Za-z-]{1,256}$/;

/** A client's bookmark if it has a bookmark's shape. */
export function readBookmark(value: string | undefined): string | undefined {
  return value && BOOKMARK_SHAPE.test(value) ? value : undefined;
}

/**
 * Where a request's session starts: a write at the primary ('first-primary', so it reads what it
 * writes over); a read at the client's bookmark, or at any replica when it has none.
 */
export function sessionStart(method: string, bookmark: string | undefined): string {
  if (method !== 'GET' && method !== 'HEAD') return 'first-primary';
  return bookmark ?? 'first-unconstrained';
}

/** The path a bookmark cookie is scoped to, or undefined for the JSON API (which uses the header). */
export function bookmarkCookiePath(path: string): '/desk' | '/r' | undefined {
  if (path === '/desk' || path.startsWith('/desk/')) return '/desk';
  if (path.startsWith('/r/')) return '/r';
  return undefined;
}
