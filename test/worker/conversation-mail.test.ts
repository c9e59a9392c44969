import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { queueUnseenReplies, WIDGET_REPLY_MAIL_DELAY_MS } from '../../worker/email/agent-reply';
import { uploaded } from './attachment-api';
import * as f from './attachment-fixtures';
import { captureMail } from './email-helpers';
import { makeDesk } from './fixtures';
import { identityToken } from './identity-helpers';
import { postTicket, ticketBody } from './intake-helpers';
import { drainQueues } from './queue-helpers';
import { bearer } from './ticket-fixtures';

const SECRET = 'mail-identity-secret-12345';
afterEach(() => vi.restoreAllMocks());

const reply = (token: string, id: string, body: string) =>
  exports.default.fetch(`http://api.test/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ body }),
  });
const events = async (ticketId: string, type: string) =>
  (
    await env.DB.prepare('select data from ticket_events where ticket_id = ? and type = ?')
      .bind(ticketId, type)
      .all<{
        data: string;
      }>()
  ).results.map((r) => JSON.parse(r.data));

/** Waits (bounded) until the ticket's confirmation was sent or withheld: it is queued after the answer (waitUntil) and mailed by the consumer. */
async function confirmed(ticketId: string) {
  for (let i = 0; i < 100; i++) {
    await drainQueues();
    const row = await env.DB.prepare(
      "select count(*) as n from ticket_events where ticket_id = ? and type in ('email_sent', 'email_withheld', 'email_failed')",
    )
      .bind(ticketId)
      .first<{ n: number }>();
    if ((row?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no confirmation outcome within 2 s');
}

/** A widget ticket of a signed-in user (verified email), its confirmation settled. */
async function widgetTicket(fx: Awaited<ReturnType<typeof makeDesk>>, key: string = crypto.randomUUID()) {
  const token = await identityToken(SECRET, {
    sub: 'u1',
    org: fx.slug,
    email: 'rina@customer.example',
    name: 'Rina',
  });
  const res = await postTicket(fx, ticketBody({ identity: { token } }), { idempotencyKey: key });
  const t = (await res.json()) as TicketCreated & { accessToken: string };
  if (res.status === 201) await confirmed(t.id);
  return t;
}

describe('email around a widget ticket', () => {
  it('confirms a widget ticket once by email, in the guide’s words, threaded for replies', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const mail = captureMail();
    const t = await widgetTicket(fx, 'confirm-once');
    await mail.settled();
    expect(mail.sent.map((m) => m.to)).toEqual(['rina@customer.example']);
    const text = mail.sent[0]?.parsed.text ?? '';
    expect(text).toContain(`tiket #${t.number}`);
    expect(text).toContain('bukan merupakan jaminan');
    // The desk answers and signs, never the customer's organisation as its own support.
    const from = mail.sent[0]?.parsed.from?.name ?? '';
    expect(from).toBe(`Dukungan Desk ${fx.slug}`);
    expect(from).not.toContain(`Organisation ${fx.slug}`);
    expect(text).toMatch(new RegExp(`Salam,\\r?\\nTim Dukungan Desk ${fx.slug}`));
    expect(text).not.toContain(`Dukungan Organisation ${fx.slug}`);
    expect(mail.sent[0]?.parsed.replyTo?.[0]?.address).toMatch(
      new RegExp(`^support\\+${fx.slug}\\.[0-9a-f]+@`),
    );
    // A retried submission (same key) is the same ticket and sends nothing.
    await widgetTicket(fx, 'confirm-once');
    await mail.settled();
    expect(mail.sent).toHaveLength(1);
    expect(await events(t.id, 'email_sent')).toEqual([expect.objectContaining({ kind: 'confirmation' })]);
  });

  it('confirms a typed, unverified address at most once an hour', async () => {
    const fx = await makeDesk();
    const mail = captureMail();
    const first = (await (await postTicket(fx, ticketBody())).json()) as TicketCreated;
    await confirmed(first.id);
    const second = (await (await postTicket(fx, ticketBody())).json()) as TicketCreated;
    await confirmed(second.id);
    await mail.settled();
    expect(mail.sent).toHaveLength(1);
    expect(await events(first.id, 'email_sent')).toHaveLength(1);
    expect(await events(second.id, 'email_withheld')).toEqual([
      expect.objectContaining({ kind: 'confirmation' }),
    ]);
  });

  it('mails agent replies the user has not read within 2 minutes, several in one mail, and never ones read in the widget', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const mail = captureMail();
    const unread = await widgetTicket(fx);
    const read = await widgetTicket(fx);
    await mail.settled();
    mail.sent.length = 0;
    await reply(fx.agentToken, unread.id, 'Pertama.');
    await reply(fx.agentToken, unread.id, 'Kedua.');
    await reply(fx.agentToken, read.id, 'Sudah dibaca.');
    // Nothing goes out at once for a widget ticket.
    await mail.settled();
    expect(mail.sent).toHaveLength(0);
    // The user opens the second conversation in the widget.
    await exports.default.fetch(`http://api.test/v1/tickets/${read.id}/conversation`, {
      headers: {
        'X-Kinobi-Key': fx.widgetKey,
        'X-Ticket-Token': read.accessToken,
        'CF-Connecting-IP': '10.9.1.1',
      },
    });
    // Before the delay: nothing; after it: one mail with both unread replies, none for the read one.
    const target = { db: getDb(env.DB), binding: 'DB' };
    expect(await queueUnseenReplies(env, target, Date.now() + 1_000)).toEqual({ queued: 0, seen: 0 });
    const later = Date.now() + WIDGET_REPLY_MAIL_DELAY_MS + 1_000;
    expect(await queueUnseenReplies(env, target, later)).toEqual({ queued: 2, seen: 1 });
    // The cron only queued the mail: the consumer sends it.
    expect(mail.sent).toHaveLength(0);
    await drainQueues();
    await mail.settled();
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]?.parsed.text).toMatch(/Pertama\.[\s\S]*Kedua\./);
    // A second run finds nothing left to mail.
    expect(await queueUnseenReplies(env, target, later + 60_000)).toEqual({ queued: 0, seen: 0 });
  });

  it('lists and attaches the files of a mailed agent reply, with the conversation link that downloads them', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const mail = captureMail();
    const t = await widgetTicket(fx);
    await mail.settled();
    mail.sent.length = 0;
    const agent = { agentToken: fx.agentToken };
    const pdf = await uploaded(agent, t.id, f.PDF, 'panduan.pdf');
    const log = await uploaded(agent, t.id, f.LOG, 'db-query.log');
    const res = await exports.default.fetch(`http://api.test/v1/tickets/${t.id}/messages`, {
      method: 'POST',
      headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Silakan lihat lampiran.', attachments: [pdf.id, log.id] }),
    });
    expect(res.status).toBe(201);
    const target = { db: getDb(env.DB), binding: 'DB' };
    expect(await queueUnseenReplies(env, target, Date.now() + WIDGET_REPLY_MAIL_DELAY_MS + 1_000)).toEqual({
      queued: 1,
      seen: 0,
    });
    await drainQueues();
    await mail.settled();
    expect(mail.sent).toHaveLength(1);
    const p = mail.sent[0]?.parsed;
    const text = p?.text ?? '';
    expect(text).toContain('Lampiran (unduh di halaman percakapan, tautan "Lihat dan balas"):');
    expect(text).toContain(`- panduan.pdf (${f.PDF.byteLength} B, terlampir)`);
    expect(text).toContain(`- db-query.log (${f.LOG.byteLength} B, terlampir)`);
    // Under the cap the files travel with the mail, byte for byte, as the type they are served as.
    const files = (p?.attachments ?? []).map((a) => ({
      filename: a.filename,
      mimeType: a.mimeType,
      disposition: a.disposition,
      bytes: new Uint8Array(a.content as ArrayBuffer),
    }));
    expect(files).toEqual([
      { filename: 'panduan.pdf', mimeType: 'application/pdf', disposition: 'attachment', bytes: f.PDF },
      { filename: 'db-query.log', mimeType: 'text/plain', disposition: 'attachment', bytes: f.LOG },
    ]);
    // Signed by the desk, from the desk's name.
    expect(p?.from?.name).toBe(`Dukungan Desk ${fx.slug}`);
    expect(text).toContain(`Tim Dukungan Desk ${fx.slug}`);
    expect(text).not.toContain(`Organisation ${fx.slug}`);
    // The mail's link opens the page the files are downloaded from.
    const link = /https?:\/\/[^\s]+\/r\/[^\s?]+/.exec(text)?.[0];
    expect(link).toBeDefined();
    const page = await exports.default.fetch(`http://api.test${new URL(link as string).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('panduan.pdf');
  });
});
