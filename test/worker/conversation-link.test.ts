import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { issueConversationLink } from '../../worker/tickets/conversation-link';
import { captureMail } from './email-helpers';
import { makeDesk, sha256Hex } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';
import { drainQueues } from './queue-helpers';
import { bearer, makeTicket } from './ticket-fixtures';

afterEach(() => vi.restoreAllMocks());

const ORIGIN = 'http://api.test';
const DAY = 86_400_000;
const randomIp = () => `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const sha256Base64 = async (text: string) =>
  btoa(
    String.fromCharCode(
      ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
    ),
  );

const page = (token: string, query = '') =>
  exports.default.fetch(`${ORIGIN}/r/${encodeURIComponent(token)}${query}`, {
    headers: { 'CF-Connecting-IP': randomIp() },
  });

/** A same-origin form post of the reply form (Origin as a browser sends it). */
const postReply = (token: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${ORIGIN}/r/${encodeURIComponent(token)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'CF-Connecting-IP': randomIp(),
      Origin: ORIGIN,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });

const agentReply = (token: string, id: string, body: string, isPublic = true) =>
  exports.default.fetch(`${ORIGIN}/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ body, public: isPublic }),
  });

const replyKeyIn = (html: string) => /name="replyKey" value="([^"]+)"/.exec(html)?.[1];

const customerMessages = async (ticketId: string) =>
  (
    await env.DB.prepare(
      "select body, channel from messages where ticket_id = ? and author_type = 'customer' order by created_at",
    )
      .bind(ticketId)
      .all<{ body: string; channel: string }>()
  ).results;

/** A ticket with a live link (made as a mail would make it). */
async function ticketWithLink(overrides: Parameters<typeof makeTicket>[1] = {}) {
  const fx = await makeDesk();
  const t = await makeTicket(fx, overrides);
  const token = await issueConversationLink(getDb(env.DB), t.id, { now: Date.now() });
  return { fx, t, token };
}

describe('GET /r/<token>', () => {
  it('shows number, subject, status, the first-response target and public messages, never internal notes', async () => {
    const { fx, t, token } = await ticketWithLink({ locale: 'en', subject: 'Reports will not open' });
    expect((await agentReply(fx.agentToken, t.id, 'We are looking at the reports service.')).status).toBe(
      201,
    );
    expect((await agentReply(fx.agentToken, t.id, 'Internal: check DB logs', false)).status).toBe(201);
    const res = await page(token);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`#${t.number} Reports will not open`);
    expect(html).toContain('First-response target: by ');
    expect(html).toContain('First response given ');
    expect(html).toContain('Status: <strong>In progress</strong>');
    expect(html).toContain('We are looking at the reports service.');
    expect(html).not.toContain('Internal: check DB logs');
    expect(html).not.toContain('@');
    expect(html).toMatch(/name="replyKey" value="[^"]+"/);
  });

  it('is served under the exact strict CSP with no script, in Indonesian by default and English on request', async () => {
    const { token } = await ticketWithLink();
    const res = await page(token);
    const html = await res.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(res.headers.get('Content-Security-Policy')).toBe(
      `default-src 'none'; style-src 'sha256-${await sha256Base64(css)}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Kirim balasan');
    const en = await (await page(token, '?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Send reply');
  });

  it('escapes user content', async () => {
    const { fx, t, token } = await ticketWithLink({ subject: '<img src=x onerror=alert(1)>' });
    await agentReply(fx.agentToken, t.id, '<script>alert("x")</script> & "quoted"');
    const html = await (await page(token)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;');
  });

  it('answers a readable 404 for unknown, expired and revoked links', async () => {
    const { t, token } = await ticketWithLink();
    const db = getDb(env.DB);
    const expired = await issueConversationLink(db, t.id, { now: Date.now() - 31 * DAY });
    const revoked = await issueConversationLink(db, t.id, { now: Date.now() });
    await env.DB.prepare('update conversation_links set revoked_at = ? where token_hash = ?')
      .bind(Date.now(), await sha256Hex(revoked))
      .run();
    for (const bad of ['cl_unknown', expired, revoked]) {
      const res = await page(bad);
      expect(res.status).toBe(404);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('Tautan tidak berlaku');
      const post = await postReply(bad, { replyKey: 'k', body: 'hello' });
      expect(post.status).toBe(404);
    }
    expect((await page(token)).status).toBe(200);
    expect(await customerMessages(t.id)).toEqual([]);
  });

  it('stores only the hash of the token', async () => {
    const { t, token } = await ticketWithLink();
    const row = await env.DB.prepare(
      'select token_hash, expires_at, created_at from conversation_links where ticket_id = ?',
    )
      .bind(t.id)
      .first<{ token_hash: string; expires_at: number; created_at: number }>();
    expect(row?.token_hash).toBe(await sha256Hex(token));
    expect(row?.token_hash).not.toContain(token);
    expect((row?.expires_at ?? 0) - (row?.created_at ?? 0)).toBe(30 * DAY);
  });
});

describe('POST /r/<token>', () => {
  it('keeps one reply when the page is reopened (a new key) and the same text sent again; a different text is a new reply', async () => {
    const { t, token } = await ticketWithLink();
    const key1 = replyKeyIn(await (await page(token)).text()) ?? '';
    expect((await postReply(token, { replyKey: key1, body: 'Sudah saya coba.' })).status).toBe(303);
    const key2 = replyKeyIn(await (await page(token)).text()) ?? '';
    expect(key2).not.toBe(key1);
    expect((await postReply(token, { replyKey: key2, body: 'Sudah saya coba.' })).status).toBe(303);
    expect((await customerMessages(t.id)).map((m) => m.body)).toEqual(['Sudah saya coba.']);
    const key3 = replyKeyIn(await (await page(token)).text()) ?? '';
    await postReply(token, { replyKey: key3, body: 'Dan masih error.' });
    expect((await customerMessages(t.id)).map((m) => m.body)).toEqual([
      'Sudah saya coba.',
      'Dan masih error.',
    ]);
  });

  it('adds one customer reply for a double post with the same hidden key', async () => {
    const { t, token } = await ticketWithLink();
    const key = replyKeyIn(await (await page(token)).text()) ?? '';
    expect(key).not.toBe('');
    const first = await postReply(token, { replyKey: key, body: 'Masih error setelah dicoba ulang.' });
    expect(first.status).toBe(303);
    expect(first.headers.get('Location')).toBe(`/r/${encodeURIComponent(token)}?lang=id&sent=1`);
    const second = await postReply(token, { replyKey: key, body: 'Masih error setelah dicoba ulang.' });
    expect(second.status).toBe(303);
    expect(await customerMessages(t.id)).toEqual([
      { body: 'Masih error setelah dicoba ulang.', channel: 'widget' },
    ]);
    const after = await (await page(token, '?sent=1')).text();
    expect(after).toContain('Masih error setelah dicoba ulang.');
    expect(after).toContain('Balasan Anda telah terkirim.');
    // A customer reply as through the widget: the desk is waiting again.
    const row = await env.DB.prepare('select waiting_on from tickets where id = ?').bind(t.id).first();
    expect(row?.waiting_on).toBe('us');
  });

  it('refuses a cross-origin post with 403 and writes nothing', async () => {
    const { t, token } = await ticketWithLink();
    const res = await postReply(
      token,
      { replyKey: 'k1', body: 'from elsewhere' },
      { Origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await customerMessages(t.id)).toEqual([]);
  });

  it('keeps an empty reply on the page with a message (400)', async () => {
    const { t, token } = await ticketWithLink();
    const res = await postReply(token, { replyKey: 'k2', body: '   ' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Tulis balasan Anda terlebih dahulu.');
    expect(replyKeyIn(html)).toBe('k2');
    expect(await customerMessages(t.id)).toEqual([]);
  });
});

describe('conversation links and the ticket’s life', () => {
  it('closing the ticket revokes its links', async () => {
    const { fx, t, token } = await ticketWithLink();
    expect((await page(token)).status).toBe(200);
    const res = await exports.default.fetch(`${ORIGIN}/v1/tickets/${t.id}`, {
      method: 'PATCH',
      headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'closed' }),
    });
    expect(res.status).toBe(200);
    const row = await env.DB.prepare('select revoked_at from conversation_links where ticket_id = ?')
      .bind(t.id)
      .first<{ revoked_at: number | null }>();
    expect(row?.revoked_at).not.toBeNull();
    expect((await page(token)).status).toBe(404);
  });

  it('a closed ticket’s link is refused even when not revoked', async () => {
    const { token } = await ticketWithLink({ status: 'closed' });
    expect((await page(token)).status).toBe(404);
  });

  it('the widget confirmation mail carries a working link, and following it confirms the address', async () => {
    const fx = await makeDesk();
    const mail = captureMail();
    const res = await postTicket(fx, ticketBody());
    expect(res.status).toBe(201);
    const t = (await res.json()) as TicketCreated;
    for (let i = 0; i < 100 && mail.sent.length === 0; i++) {
      await drainQueues();
      await new Promise((r) => setTimeout(r, 20));
    }
    await mail.settled();
    const text = mail.sent[0]?.parsed.text ?? '';
    const url = /Lihat dan balas: (\S+)/.exec(text)?.[1] ?? /View and reply: (\S+)/.exec(text)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/r\/cl_[\w-]+$/);
    const token = decodeURIComponent(new URL(url ?? '').pathname.slice(3));
    const open = await page(token);
    expect(open.status).toBe(200);
    expect(await open.text()).toContain(`#${t.number}`);
    const confirmed = await env.DB.prepare(
      "select count(*) as n from ticket_events where ticket_id = ? and type = 'address_confirmed'",
    )
      .bind(t.id)
      .first<{ n: number }>();
    expect(confirmed?.n).toBe(1);
    await page(token);
    const again = await env.DB.prepare(
      "select count(*) as n from ticket_events where ticket_id = ? and type = 'address_confirmed'",
    )
      .bind(t.id)
      .first<{ n: number }>();
    expect(again?.n).toBe(1);
  });

  it('an agent reply mail carries a link; once followed, the unverified address is mailed like one that wrote back', async () => {
    const fx = await makeDesk();
    const t = await makeTicket(fx, { channel: 'email', contactVerified: false });
    const mail = captureMail();
    const outcomes = async () =>
      (
        await env.DB.prepare(
          "select count(*) as n from ticket_events where ticket_id = ? and type in ('email_sent', 'email_withheld', 'email_failed')",
        )
          .bind(t.id)
          .first<{ n: number }>()
      )?.n ?? 0;
    const replyAndSettle = async (body: string) => {
      const before = await outcomes();
      expect((await agentReply(fx.agentToken, t.id, body)).status).toBe(201);
      for (let i = 0; i < 100 && (await outcomes()) === before; i++) {
        await drainQueues();
        await new Promise((r) => setTimeout(r, 20));
      }
      await mail.settled();
    };
    await replyAndSettle('First answer.');
    expect(mail.sent).toHaveLength(1);
    const url = /View and reply: (\S+)|Lihat dan balas: (\S+)/.exec(mail.sent[0]?.parsed.text ?? '');
    const link = url?.[1] ?? url?.[2] ?? '';
    expect(link).toMatch(/\/r\/cl_[\w-]+$/);
    // Unconfirmed: a second reply within the hour is withheld.
    await replyAndSettle('Second answer.');
    expect(mail.sent).toHaveLength(1);
    // Following the link confirms the address: the next reply goes out at once.
    expect((await page(decodeURIComponent(new URL(link).pathname.slice(3)))).status).toBe(200);
    await replyAndSettle('Third answer.');
    expect(mail.sent).toHaveLength(2);
    expect(mail.sent[1]?.parsed.text).toContain('Third answer.');
  });
});
