import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';

/** The origin the console is reached on in these tests (hono/csrf compares Origin with it). */
export const ORIGIN = 'http://desk.test';

/** A request to the console through the Worker entry, waiting for its waitUntil work (mail). */
export async function desk(
  path: string,
  opts: {
    method?: 'GET' | 'POST';
    form?: Record<string, string>;
    cookie?: string;
    /** The Origin header of a POST: this origin unless told otherwise (null: none). */
    origin?: string | null;
    headers?: Record<string, string>;
    body?: string;
    env?: Partial<Env>;
  } = {},
): Promise<Response> {
  const method = opts.method ?? (opts.form ? 'POST' : 'GET');
  // A client IP of its own per request unless told (the sign-in limit counts per IP).
  const headers: Record<string, string> = {
    'CF-Connecting-IP': `2001:db8::${crypto.randomUUID().slice(0, 4)}`,
    ...opts.headers,
  };
  if (opts.cookie) headers.Cookie = opts.cookie;
  if (method === 'POST' && opts.origin !== null) headers.Origin = opts.origin ?? ORIGIN;
  if (opts.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers,
      body: opts.form ? new URLSearchParams(opts.form).toString() : opts.body,
      redirect: 'manual',
    }),
    { ...env, ...opts.env } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

/** The `name=value` of the session cookie a response sets, or undefined. */
export function sessionCookie(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('kinobi_desk_session='));
  const pair = set?.split(';')[0];
  return pair && pair !== 'kinobi_desk_session=' ? pair : undefined;
}

/** Signs an agent in through the development link; returns the cookie to send. */
export async function signIn(agentToken: string): Promise<string> {
  const res = await desk(`/desk/dev-sign-in?token=${encodeURIComponent(agentToken)}`);
  const cookie = sessionCookie(res);
  if (res.status !== 303 || !cookie) throw new Error(`dev sign-in failed: ${res.status}`);
  return cookie;
}

/** Visible text of a fragment at desktop width: tags and the phone-only card labels dropped. */
const textOf = (html: string) =>
  html
    .replace(/<span class="card-label">.*?<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The console's ticket page in `lang`, as text: each SLA header fact (`dd[data-fact]`) and each
 * clock row's cells (`tr[data-clock]`, by clock kind), tags stripped.
 */
export async function ticketPageText(id: string, lang: 'en' | 'id', cookie: string) {
  const res = await desk(`/desk/tickets/${id}`, { cookie, headers: { 'Accept-Language': lang } });
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(200);
  const facts: Record<string, string> = Object.fromEntries(
    [...html.matchAll(/<dd data-fact="([^"]+)">(.*?)<\/dd>/gs)].map((m) => [m[1], textOf(m[2] ?? '')]),
  );
  const rows: Record<string, string[]> = Object.fromEntries(
    [...html.matchAll(/<tr data-clock="([^"]+)"[^>]*>(.*?)<\/tr>/gs)].map((m) => [
      m[1],
      [...(m[2] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => textOf(c[1] ?? '')),
    ]),
  );
  return { html, facts, rows };
}
