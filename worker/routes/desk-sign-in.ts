import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { findAgentByTokenHash } from '../db/agents';
import { getDb } from '../db/client';
import { consumeSignInToken } from '../db/desk-sessions';
import { CallbackForm, LangForm, readForm, SignInForm } from '../desk/forms';
import { deskLang, rememberLang } from '../desk/lang';
import { renderPage } from '../desk/render';
import { endDeskSession, safeNext, startDeskSession } from '../desk/session';
import { mailSignInLinks } from '../desk/sign-in-link';
import { deskStrings } from '../desk/strings';
import { ConfirmPage, SignInPage } from '../desk/views/sign-in';
import { ApiError, notFound } from '../errors';
import {
  AUTH_FAIL_PERIOD_SECONDS,
  authFailureKey,
  isAuthBlocked,
  recordAuthFailure,
} from '../middleware/auth-failure-limit';
import { databaseOfEntry, entryOf } from '../planes/resolve';
import { sha256Hex } from '../tokens';

/** Signing in and out of the console: emailed one-time links, the development shortcut, the language switch. */
export const deskSignIn = new Hono<AppEnv>();

deskSignIn.get('/sign-in', (c) => {
  const s = deskStrings(deskLang(c));
  const message = c.req.query('ended') ? s.sessionEnded : c.req.query('out') ? s.signedOut : undefined;
  return renderPage(c, SignInPage({ s, next: safeNext(c.req.query('next')), sent: false, message }));
});

type SignInRealm = 'desk-sign-in' | 'desk-link';
const tooMany = (c: Context<AppEnv>) =>
  new ApiError(429, 'rate_limited', deskStrings(deskLang(c)).tooMany, undefined, AUTH_FAIL_PERIOD_SECONDS);
const clientKey = (c: Context<AppEnv>, realm: SignInRealm) =>
  authFailureKey(realm, c.req.header('CF-Connecting-IP'));

/** 429 while this client (CF-Connecting-IP) is held as over the sign-in limit. */
function refuseIfBlocked(c: Context<AppEnv>, realm: SignInRealm): void {
  if (isAuthBlocked(clientKey(c, realm), Date.now())) throw tooMany(c);
}

/**
 * Counts an attempt in RL_AUTH_FAIL: every link request (each may send a mail) and every refused link.
 * Over the limit the answer is 429, the same whatever the email.
 */
async function countAttempt(c: Context<AppEnv>, realm: SignInRealm): Promise<void> {
  if (await recordAuthFailure(c.env.RL_AUTH_FAIL, clientKey(c, realm), Date.now())) throw tooMany(c);
}

deskSignIn.post('/sign-in', async (c) => {
  refuseIfBlocked(c, 'desk-sign-in');
  await countAttempt(c, 'desk-sign-in');
  const lang = deskLang(c);
  const form = await readForm(c, SignInForm);
  const mailing = mailSignInLinks(c.env, {
    email: form.email,
    origin: new URL(c.req.url).origin,
    lang,
    now: Date.now(),
  }).catch((err) => console.error('sign-in link', err));
  // After the answer: its timing and content are the same whether or not the email belongs to an agent.
  c.executionCtx.waitUntil(mailing);
  return renderPage(c, SignInPage({ s: deskStrings(lang), next: '/desk', sent: true }));
});

deskSignIn.get('/sign-in/callback', (c) => {
  const s = deskStrings(deskLang(c));
  const token = c.req.query('token') ?? '';
  return renderPage(c, ConfirmPage({ s, token: token.slice(0, 200) }));
});

deskSignIn.post('/sign-in/callback', async (c) => {
  const s = deskStrings(deskLang(c));
  const { token } = await readForm(c, CallbackForm);
  const now = Date.now();
  // The one credential that arrives in a form body, so it picks its database here (see middleware/db.ts).
  if (token.length <= 512) {
    const name = await databaseOfEntry(c.env, await entryOf({ kind: 'sign_in_token', secret: token }), now);
    c.set('db', getDb(c.env[name].withSession('first-primary') as unknown as D1Database));
    c.set('database', name);
  }
  const agentId = await consumeSignInToken(c.var.db, await sha256Hex(token), now);
  if (!agentId)
    return renderPage(c, SignInPage({ s, next: '/desk', sent: false, message: s.linkInvalid }), 400);
  await startDeskSession(c, agentId, now);
  return c.redirect('/desk', 303);
});

// Development only: sign in with an agent's API token (npm run dev prints the links). Never in production.
deskSignIn.get('/dev-sign-in', async (c) => {
  if (c.env.ENVIRONMENT === 'production') throw notFound('route');
  const token = c.req.query('token') ?? '';
  const found =
    token && token.length <= 512 ? await findAgentByTokenHash(c.var.db, await sha256Hex(token)) : undefined;
  if (!found || found.revokedAt !== null) throw notFound('agent token');
  await startDeskSession(c, found.agent.id, Date.now());
  return c.redirect(safeNext(c.req.query('next')), 303);
});

deskSignIn.post('/sign-out', async (c) => {
  await endDeskSession(c, Date.now());
  return c.redirect('/desk/sign-in?out=1', 303);
});

deskSignIn.post('/lang', async (c) => {
  const { lang, next } = await readForm(c, LangForm);
  rememberLang(c, lang);
  return c.redirect(safeNext(next), 303);
});
