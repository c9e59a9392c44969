import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { deskSessions, deskSignInTokens, tickets } from '../../worker/db/schema';
import { SESSION_IDLE_MS } from '../../worker/desk/session';
import { sha256Hex } from '../../worker/tokens';
import { desk, ORIGIN, sessionCookie, signIn } from './desk-helpers';
import { captureMail } from './email-helpers';
import { makeDesk } from './fixtures';
import { makeTicket } from './ticket-fixtures';

const db = getDb(env.DB);
const sessionRow = async (cookie: string) => {
  const hash = await sha256Hex(cookie.split('=')[1] ?? '');
  return (await db.select().from(deskSessions).where(eq(deskSessions.idHash, hash)))[0];
};

afterEach(() => vi.restoreAllMocks());

describe('console sessions', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict cookie scoped to /desk and stores only the hash of its id', async () => {
    const fx = await makeDesk();
    const res = await desk(`/desk/dev-sign-in?token=${fx.agentToken}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/desk');
    const set = res.headers.getSetCookie().find((c) => c.startsWith('kinobi_desk_session=')) ?? '';
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; Secure/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\/desk(;|$)/);
    const secret = (sessionCookie(res) ?? '').split('=')[1] ?? '';
    expect(secret.length).toBeGreaterThan(40);
    const rows = await db.select().from(deskSessions).where(eq(deskSessions.agentId, fx.agentId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idHash).toBe(await sha256Hex(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows[0]?.idleExpiresAt).toBe((rows[0]?.lastSeenAt ?? 0) + SESSION_IDLE_MS);
  });

  it('shows the queue with a live session and sends a request without one to the sign-in page', async () => {
    const fx = await makeDesk();
    const cookie = await signIn(fx.agentToken);
    const ok = await desk('/desk', { cookie });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Ayu');
    const anon = await desk('/desk/tickets/x?y=1');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('Location')).toBe(
      `/desk/sign-in?next=${encodeURIComponent('/desk/tickets/x?y=1')}`,
    );
    const forged = await desk('/desk', { cookie: 'kinobi_desk_session=ds_not-a-session' });
    expect(forged.headers.get('Location')).toMatch(/^\/desk\/sign-in\?.*ended=1/);
  });

  it('ends a session idle longer than its limit, and moves the limit on when the agent is seen', async () => {
    const fx = await makeDesk();
    const cookie = await signIn(fx.agentToken);
    const row = await sessionRow(cookie);
    // Seen two minutes ago: a request moves the expiry on.
    const twoMinutesAgo = Date.now() - 120_000;
    await db
      .update(deskSessions)
      .set({ lastSeenAt: twoMinutesAgo, idleExpiresAt: twoMinutesAgo + SESSION_IDLE_MS })
      .where(eq(deskSessions.id, row?.id ?? ''));
    expect((await desk('/desk', { cookie })).status).toBe(200);
    const touched = await sessionRow(cookie);
    expect(touched?.idleExpiresAt).toBeGreaterThan(twoMinutesAgo + SESSION_IDLE_MS + 60_000);
    // Idle past the limit: signed out.
    await db
      .update(deskSessions)
      .set({ lastSeenAt: Date.now() - SESSION_IDLE_MS - 1000, idleExpiresAt: Date.now() - 1000 })
      .where(eq(deskSessions.id, row?.id ?? ''));
    const res = await desk('/desk', { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toContain('/desk/sign-in');
    expect((await desk('/desk?partial=rows', { cookie })).status).toBe(401);
  });

  it('revokes the session on sign-out: the same cookie no longer works', async () => {
    const fx = await makeDesk();
    const cookie = await signIn(fx.agentToken);
    const res = await desk('/desk/sign-out', { form: {}, cookie });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().join()).toMatch(/kinobi_desk_session=;.*Max-Age=0/);
    expect((await sessionRow(cookie))?.revokedAt).toBeTypeOf('number');
    expect((await desk('/desk', { cookie })).headers.get('Location')).toContain('/desk/sign-in');
  });

  it('refuses a cross-origin form POST (CSRF) and changes nothing; the same form from the console passes', async () => {
    const fx = await makeDesk();
    const t = await makeTicket({ deskId: fx.deskId, organisationId: fx.organisationId });
    const cookie = await signIn(fx.agentToken);
    const path = `/desk/tickets/${t.id}/status`;
    const evil = await desk(path, { form: { status: 'closed' }, cookie, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const noOrigin = await desk(path, { form: { status: 'closed' }, cookie, origin: null });
    expect(noOrigin.status).toBe(403);
    const json = await desk(path, {
      method: 'POST',
      cookie,
      headers: { 'Content-Type': 'application/json' },
      body: '{"status":"closed"}',
    });
    expect(json.status).toBe(415);
    expect((await db.select().from(tickets).where(eq(tickets.id, t.id)))[0]?.status).toBe('new');
    const ok = await desk(path, { form: { status: 'closed' }, cookie });
    expect(ok.status).toBe(303);
    expect((await db.select().from(tickets).where(eq(tickets.id, t.id)))[0]?.status).toBe('closed');
  });

  it('answers the development sign-in with 404 in production', async () => {
    const fx = await makeDesk();
    const res = await desk(`/desk/dev-sign-in?token=${fx.agentToken}`, {
      env: { ENVIRONMENT: 'production' },
    });
    expect(res.status).toBe(404);
    expect(sessionCookie(res)).toBeUndefined();
    expect(await db.select().from(deskSessions).where(eq(deskSessions.agentId, fx.agentId))).toHaveLength(0);
    expect((await desk('/desk/dev-sign-in?token=unknown')).status).toBe(404);
  });
});

describe('sign-in by emailed one-time link', () => {
  /** The token in the link of the one mail sent. */
  const linkToken = (text: string) => {
    const link = text.match(/https?:\/\/\S+\/desk\/sign-in\/callback\?token=(\S+)/);
    expect(link?.[0].startsWith(`${ORIGIN}/desk/sign-in/callback?token=`)).toBe(true);
    return decodeURIComponent(link?.[1] ?? '');
  };

  it('answers the same whether or not the email belongs to an agent, and mails a link only to an agent', async () => {
    const fx = await makeDesk();
    const mail = captureMail();
    const known = await desk('/desk/sign-in', { form: { email: `AYU@${fx.slug}.kinobi.example` } });
    const unknown = await desk('/desk/sign-in', { form: { email: 'nobody@example.com' } });
    await mail.settled();
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]?.to).toBe(`ayu@${fx.slug}.kinobi.example`);
    const token = linkToken(mail.sent[0]?.parsed.text ?? '');
    const stored = await db.select().from(deskSignInTokens).where(eq(deskSignInTokens.agentId, fx.agentId));
    expect(stored.map((r) => r.tokenHash)).toEqual([await sha256Hex(token)]);
    expect((stored[0]?.expiresAt ?? 0) - (stored[0]?.createdAt ?? 0)).toBe(15 * 60_000);
  });

  it('signs in once per link: opening it asks to confirm, the first POST makes a session, a second is refused', async () => {
    const fx = await makeDesk();
    const mail = captureMail();
    await desk('/desk/sign-in', { form: { email: `ayu@${fx.slug}.kinobi.example` } });
    await mail.settled();
    const token = linkToken(mail.sent[0]?.parsed.text ?? '');
    // A mail scanner opening the link neither signs in nor uses it up.
    const opened = await desk(`/desk/sign-in/callback?token=${encodeURIComponent(token)}`);
    expect(opened.status).toBe(200);
    expect(sessionCookie(opened)).toBeUndefined();
    const first = await desk('/desk/sign-in/callback', { form: { token } });
    expect(first.status).toBe(303);
    const cookie = sessionCookie(first);
    expect(cookie).toBeDefined();
    expect((await desk('/desk', { cookie })).status).toBe(200);
    const second = await desk('/desk/sign-in/callback', { form: { token } });
    expect(second.status).toBe(400);
    expect(sessionCookie(second)).toBeUndefined();
  });

  it('limits link requests per client IP with a 429 that is the same for every email', async () => {
    const fx = await makeDesk();
    captureMail();
    const ip = { 'CF-Connecting-IP': '203.0.113.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const email = i % 2 ? `ayu@${fx.slug}.kinobi.example` : `nobody${i}@example.com`;
      statuses.push((await desk('/desk/sign-in', { form: { email }, headers: ip })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
    const again = await desk('/desk/sign-in', {
      form: { email: `ayu@${fx.slug}.kinobi.example` },
      headers: ip,
    });
    expect(again.status).toBe(429);
    expect(again.headers.get('Retry-After')).toBe('60');
    // Another client is not affected.
    expect((await desk('/desk/sign-in', { form: { email: 'x@example.com' } })).status).toBe(200);
  });

  it('refuses an expired link', async () => {
    const fx = await makeDesk();
    const mail = captureMail();
    await desk('/desk/sign-in', { form: { email: `ayu@${fx.slug}.kinobi.example` } });
    await mail.settled();
    const token = linkToken(mail.sent[0]?.parsed.text ?? '');
    await db
      .update(deskSignInTokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(deskSignInTokens.tokenHash, await sha256Hex(token)));
    const res = await desk('/desk/sign-in/callback', { form: { token } });
    expect(res.status).toBe(400);
    expect(sessionCookie(res)).toBeUndefined();
  });
});
