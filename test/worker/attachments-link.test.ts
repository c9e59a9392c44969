import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { attachments, messages } from '../../worker/db/schema';
import { issueConversationLink } from '../../worker/tickets/conversation-link';
import { postMessage, uploaded } from './attachment-api';
import * as f from './attachment-fixtures';
import { makeDesk } from './fixtures';
import { makeTicket } from './ticket-fixtures';

const ORIGIN = 'http://api.test';
const db = getDb(env.DB);
const ip = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function ticketWithLink() {
  const fx = await makeDesk();
  const t = await makeTicket(fx, { locale: 'en' });
  const token = await issueConversationLink(db, t.id as string, { now: Date.now() });
  return { fx, t: { ...t, id: t.id as string }, token };
}
const page = (path: string) =>
  exports.default.fetch(`${ORIGIN}${path}`, { headers: { 'CF-Connecting-IP': ip() } });

/** The page's multipart reply form as a browser posts it (no JavaScript). */
function post(
  token: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file ? new File([file.bytes], file.name, { type: file.type }) : new File([], ''));
  return exports.default.fetch(`${ORIGIN}/r/${encodeURIComponent(token)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: ORIGIN, 'CF-Connecting-IP': ip() },
    body: form,
  });
}

describe('the conversation page /r/<token> and attachments', () => {
  it('accepts a file with the reply (no JavaScript), once per page, and lists it with a download link', async () => {
    const { t, token } = await ticketWithLink();
    const html = await (await page(`/r/${token}`)).text();
    expect(html).toMatch(/<form[^>]+enctype="multipart\/form-data"/);
    expect(html).toMatch(/<input type="file" id="file" name="file"/);
    const replyKey = /name="replyKey" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const file = { name: 'error.log', type: 'text/plain', bytes: f.LOG };
    const res = await post(token, { body: 'Log terlampir.', replyKey }, file);
    expect(res.status).toBe(303);
    // The same page sent again: one reply, one file.
    expect((await post(token, { body: 'Log terlampir.', replyKey }, file)).status).toBe(303);
    const replies = await db.select().from(messages).where(eq(messages.ticketId, t.id));
    expect(replies).toHaveLength(1);
    const rows = await db.select().from(attachments).where(eq(attachments.ticketId, t.id));
    expect(rows.map((r) => [r.filename, r.messageId, r.uploadedBy])).toEqual([
      ['error.log', replies[0]?.id, 'customer'],
    ]);

    const after = await (await page(`/r/${token}`)).text();
    const href = `/r/${token}/attachments/${rows[0]?.id}`;
    expect(after).toContain(`href="${href}"`);
    const dl = await page(href);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(dl.headers.get('Content-Disposition')).toMatch(/^attachment; filename="error.log"/);
    expect(dl.headers.get('Content-Security-Policy')).toBe("sandbox; default-src 'none'");
    expect(dl.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(f.LOG);
  });

  it('explains a refused file at the field, keeps the draft, and sends nothing', async () => {
    const { t, token } = await ticketWithLink();
    const res = await post(
      token,
      { body: 'Lihat halaman ini', replyKey: 'k-svg' },
      { name: 'shot.png', type: 'image/png', bytes: f.SVG },
    );
    expect(res.status).toBe(415);
    const html = await res.text();
    expect(html).toContain('This type of file is not accepted.');
    expect(html).toContain('Lihat halaman ini</textarea>');
    expect(html).toContain('aria-invalid="true"');
    expect(await db.select().from(messages).where(eq(messages.ticketId, t.id))).toHaveLength(0);
  });

  it('still takes a plain reply without a file, and the old urlencoded form', async () => {
    const { t, token } = await ticketWithLink();
    expect((await post(token, { body: 'Tanpa berkas', replyKey: 'k1' })).status).toBe(303);
    const urlencoded = await exports.default.fetch(`${ORIGIN}/r/${encodeURIComponent(token)}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: ORIGIN,
        'CF-Connecting-IP': ip(),
      },
      body: new URLSearchParams({ body: 'Form lama', replyKey: 'k2' }).toString(),
    });
    expect(urlencoded.status).toBe(303);
    expect(await db.select().from(messages).where(eq(messages.ticketId, t.id))).toHaveLength(2);
  });

  it('never serves an internal note’s file, another ticket’s, or any after the link is dead', async () => {
    const { fx, t, token } = await ticketWithLink();
    const agent = { agentToken: fx.agentToken };
    const note = await uploaded(agent, t.id, f.PDF, 'internal.pdf');
    await postMessage(agent, t.id, { body: 'catatan', public: false, attachments: [note.id] });
    const shown = await uploaded(agent, t.id, f.PNG, 'shown.png');
    await postMessage(agent, t.id, { body: 'lihat gambar', attachments: [shown.id] });
    const html = await (await page(`/r/${token}`)).text();
    expect(html).toContain('shown.png');
    expect(html).not.toContain('internal.pdf');
    expect((await page(`/r/${token}/attachments/${note.id}`)).status).toBe(404);
    expect((await page(`/r/${token}/attachments/${shown.id}`)).status).toBe(200);
    const other = await ticketWithLink();
    expect((await page(`/r/${other.token}/attachments/${shown.id}`)).status).toBe(404);
    expect((await page(`/r/not-a-token/attachments/${shown.id}`)).status).toBe(404);
  });

  it('refuses a file post from another site with 403', async () => {
    const { token } = await ticketWithLink();
    const form = new FormData();
    form.append('body', 'x');
    form.append('replyKey', 'k');
    const res = await exports.default.fetch(`${ORIGIN}/r/${encodeURIComponent(token)}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://evil.example', 'CF-Connecting-IP': ip() },
      body: form,
    });
    expect(res.status).toBe(403);
  });
});
