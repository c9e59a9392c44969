import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { type AppEnv, setAgent } from '../app-env';
import { findAgentById } from '../db/admin-queries';
import {
  findLiveDeskSession,
  insertDeskSession,
  revokeDeskSession,
  touchDeskSession,
} from '../db/desk-sessions';
import { notFound } from '../errors';
import { registerEntries } from '../planes/register';
import { randomToken, sha256Hex } from '../tokens';

/** The console's session cookie (scoped to /desk, so the API and the demo page never see it). */
export const SESSION_COOKIE = 'kinobi_desk_session';
/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** last_seen_at is written at most this often per session: a poll every 15 s must not write every time. */
export const TOUCH_EVERY_MS = 60_000;

const cookieOptions = { httpOnly: true, secure: true, sameSite: 'Strict', path: '/desk' } as const;

/** Starts a session for an agent: a random id in the cookie, its SHA-256 hex in D1. */
export async function startDeskSession(c: Context<AppEnv>, agentId: string, now: number): Promise<void> {
  const secret = randomToken('ds');
  const agent = await findAgentById(c.var.db, agentId);
  if (!agent) throw notFound('agent');
  // The directory routes the cookie to this desk's database on every later request (issue 15).
  await registerEntries(c.env, agent.deskId, [{ kind: 'desk_session', secret }], { now });
  await insertDeskSession(c.var.db, {
    id: crypto.randomUUID(),
    idHash: await sha256Hex(secret),
    agentId,
    now,
    idleMs: SESSION_IDLE_MS,
  });
  setCookie(c, SESSION_COOKIE, secret, cookieOptions);
}

/** Revokes the request's session (if any) and clears the cookie. */
export async function endDeskSession(c: Context<AppEnv>, now: number): Promise<void> {
  const secret = getCookie(c, SESSION_COOKIE);
  if (secret && secret.length <= 128) await revokeDeskSession(c.var.db, await sha256Hex(secret), now);
  deleteCookie(c, SESSION_COOKIE, cookieOptions);
}

/** Where to send someone back after signing in: a console path only (never another site). */
export function safeNext(next: string | undefined): string {
  return next && /^\/desk(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/desk';
}

/**
 * Requires a live console session: sets c.var.agent and c.var.desk as the bearer middleware does.
 * Without one, a page request is sent to the sign-in page (and back afterwards); anything else is a 401.
 */
export const deskSession = createMiddleware<AppEnv>(async (c, next) => {
  const secret = getCookie(c, SESSION_COOKIE);
  const now = Date.now();
  const found =
    secret && secret.length <= 128
      ? await findLiveDeskSession(c.var.db, await sha256Hex(secret), now)
      : undefined;
  if (!found) {
    if (secret) deleteCookie(c, SESSION_COOKIE, cookieOptions);
    if (c.req.method === 'GET' && c.req.query('partial') === undefined) {
      const url = new URL(c.req.url);
      const nextPath = encodeURIComponent(safeNext(url.pathname + url.search));
      return c.redirect(`/desk/sign-in?next=${nextPath}${secret ? '&ended=1' : ''}`, 303);
    }
    return c.text('Sign in first.', 401);
  }
  const { session, agent, desk } = found;
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    await touchDeskSession(c.var.db, session.id, now, SESSION_IDLE_MS);
  }
  setAgent(c, agent, desk);
  await next();
});
