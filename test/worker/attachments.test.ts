import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ConversationItem } from '../../shared/conversation-schema';
import type { TicketCreated } from '../../shared/schema';
import { CLAIM_WINDOW_MS } from '../../worker/attachments/claim';
import { MAX_ATTACHMENT_BYTES } from '../../worker/attachments/policy';
import { getDb } from '../../worker/db/client';
import { attachments, messages } from '../../worker/db/schema';
import { conversation, download, postMessage, upload, uploaded } from './attachment-api';
import * as f from './attachment-fixtures';
import { addAgent, makeDesk } from './fixtures';
import { identityToken } from './identity-helpers';
import { postTicket, ticketBody } from './intake-helpers';

const db = getDb(env.DB);

async function filed(fx: Awaited<ReturnType<typeof makeDesk>>) {
  const res = await postTicket(fx, ticketBody());
  expect(res.status).toBe(201);
  const t = (await res.json()) as TicketCreated & { accessToken: string };
  return { ...t, customer: { widgetKey: fx.widgetKey, ticketToken: t.accessToken } };
}
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('POST /v1/tickets/{id}/attachments', () => {
  it('stores a customer’s screenshot in R2 and a reply carries it to the agent and back to the customer', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const res = await upload(t.customer, t.id, f.PNG, { name: 'layar error.png', type: 'image/png' });
    expect(res.status).toBe(201);
    const a = (await res.json()) as { id: string; name: string; size: number; type: string };
    expect(a).toEqual({
      id: expect.any(String),
      name: 'layar error.png',
      size: f.PNG.byteLength,
      type: 'image/png',
    });
    const [row] = await db.select().from(attachments).where(eq(attachments.id, a.id));
    expect(row).toMatchObject({ ticketId: t.id, messageId: null, uploadedBy: 'customer', content: null });
    const object = await env.ATTACHMENTS.get(row?.objectKey ?? '');
    expect(new Uint8Array((await object?.arrayBuffer()) ?? [])).toEqual(f.PNG);

    const sent = await postMessage(t.customer, t.id, {
      body: 'Ini tangkapan layarnya.',
      attachments: [a.id],
    });
    expect(sent.status).toBe(201);
    expect(((await sent.json()) as { attachments: unknown[] }).attachments).toEqual([a]);

    const page = (await (await conversation(t.customer, t.id)).json()) as { items: ConversationItem[] };
    const msg = page.items.find((i) => i.kind === 'message' && i.body === 'Ini tangkapan layarnya.');
    expect(msg?.kind === 'message' && msg.attachments).toEqual([a]);

    const asAgent = await download({ agentToken: fx.agentToken }, a.id);
    expect(asAgent.status).toBe(200);
    expect(await bytesOf(asAgent)).toEqual(f.PNG);
  });

  it('serves downloads only as downloads: attachment, nosniff, a sandboxing CSP and the sniffed type', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    // The client calls it an HTML page; the bytes are a PNG, and that is what it is served as.
    const a = await uploaded(t.customer, t.id, f.PNG, 'laporan – “Desember”.html');
    expect(a.name).toBe('laporan – “Desember”.html.png');
    const res = await download(t.customer, a.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="laporan _ _Desember_.html.png"; filename*=UTF-8''laporan%20%E2%80%93%20%E2%80%9CDesember%E2%80%9D.html.png`,
    );
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Security-Policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Content-Length')).toBe(String(f.PNG.byteLength));

    const log = await uploaded(t.customer, t.id, f.LOG, 'app.log');
    const text = await download(t.customer, log.id);
    expect(text.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('Content-Disposition')).toMatch(/^attachment; /);
  });

  it.each([
    ['HTML named as a PNG', f.HTML, 'shot.png', 'image/png'],
    ['an SVG', f.SVG, 'logo.svg', 'image/svg+xml'],
    ['an SVG with an XML declaration', f.XML_SVG, 'logo.svg', 'image/svg+xml'],
    ['a Windows executable named .pdf', f.EXE, 'invoice.pdf', 'application/pdf'],
    ['an ELF binary', f.ELF, 'tool', 'application/octet-stream'],
  ])('refuses %s with 415 unsupported_attachment_type, storing nothing', async (_what, bytes, name, type) => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const res = await upload(t.customer, t.id, bytes, { name, type });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { code: string; details: { accepted: string[] } } };
    expect(body.error.code).toBe('unsupported_attachment_type');
    expect(body.error.details.accepted).toContain('application/pdf');
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, t.id))).toEqual([]);
    expect((await env.ATTACHMENTS.list({ prefix: `attachments/${t.id}/` })).objects.length).toBe(0);
  });

  it('takes 10 MB and refuses a byte more with 413 attachment_too_large, declared or streamed', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const max = new Uint8Array(MAX_ATTACHMENT_BYTES).fill(0x61);
    const ok = await upload({ agentToken: fx.agentToken }, t.id, max, { name: 'big.log' });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { size: number }).size).toBe(MAX_ATTACHMENT_BYTES);

    const over = new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x61);
    const declared = await upload({ agentToken: fx.agentToken }, t.id, over, { name: 'big.log' });
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe('attachment_too_large');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(over.subarray(0, 6_000_000));
        c.enqueue(over.subarray(6_000_000));
        c.close();
      },
    });
    // A stream has no Content-Length: the limit is counted while reading.
    const streamed = await exports.default.fetch(`http://api.test/v1/tickets/${t.id}/attachments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fx.agentToken}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const empty = await upload({ agentToken: fx.agentToken }, t.id, new Uint8Array(), { name: 'x.log' });
    expect(empty.status).toBe(400);
    expect(await errorCode(empty)).toBe('empty_attachment');
  });

  it('answers a retry with the same Idempotency-Key with the first upload, and another file with 409', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const key = crypto.randomUUID();
    const first = await upload(t.customer, t.id, f.PDF, { name: 'faktur.pdf', key });
    const again = await upload(t.customer, t.id, f.PDF, { name: 'faktur.pdf', key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const a = (await first.json()) as { id: string };
    expect(((await again.json()) as { id: string }).id).toBe(a.id);
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, t.id))).toHaveLength(1);
    expect(
      (await env.ATTACHMENTS.list({ prefix: `attachments/${t.id}/` })).objects.map((o) => o.key),
    ).toEqual([`attachments/${t.id}/${a.id}`]);
    const other = await upload(t.customer, t.id, f.PNG, { name: 'faktur.pdf', key });
    expect(other.status).toBe(409);
    expect(await errorCode(other)).toBe('idempotency_conflict');

    // The reply carrying it, retried with its key: one message, the same answer.
    const mkey = crypto.randomUUID();
    const r1 = await postMessage(t.customer, t.id, { body: 'Fakturnya.', attachments: [a.id] }, mkey);
    const r2 = await postMessage(t.customer, t.id, { body: 'Fakturnya.', attachments: [a.id] }, mkey);
    expect([r1.status, r2.status]).toEqual([201, 200]);
    expect(((await r2.json()) as { id: string }).id).toBe(((await r1.json()) as { id: string }).id);
  });
});

describe('two uploads racing with one Idempotency-Key', () => {
  it('stores one row and one object; the loser answers the winner’s attachment', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([
      upload(t.customer, t.id, f.PDF, { name: 'x.pdf', key }),
      upload(t.customer, t.id, f.PDF, { name: 'x.pdf', key }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { id: string }[];
    expect(ja?.id).toBe(jb?.id);
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, t.id))).toHaveLength(1);
    const objects = await env.ATTACHMENTS.list({ prefix: `attachments/${t.id}/` });
    expect(objects.objects.map((o) => o.key)).toEqual([`attachments/${t.id}/${ja?.id}`]);
  });
});

describe('who sees an attachment', () => {
  it('never shows an internal note’s file to the customer, in the conversation or by id', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const agent = { agentToken: fx.agentToken };
    const a = await uploaded(agent, t.id, f.LOG, 'db-query.log');
    // Before any message claims it, an agent's upload is the desk's only.
    expect((await download(t.customer, a.id)).status).toBe(404);
    const note = await postMessage(agent, t.id, {
      body: 'Catatan: lihat log',
      public: false,
      attachments: [a.id],
    });
    expect(note.status).toBe(201);
    expect((await download(t.customer, a.id)).status).toBe(404);
    expect((await download(agent, a.id)).status).toBe(200);
    const page = JSON.stringify(await (await conversation(t.customer, t.id)).json());
    expect(page).not.toContain(a.id);
    expect(page).not.toContain('db-query');

    const shown = await uploaded(agent, t.id, f.PDF, 'panduan.pdf');
    await postMessage(agent, t.id, { body: 'Silakan lihat panduan.', attachments: [shown.id] });
    expect((await download(t.customer, shown.id)).status).toBe(200);
  });

  it('refuses another ticket’s token, another organisation’s key and another desk’s agent with 404', async () => {
    const fx = await makeDesk();
    const other = await makeDesk();
    const t = await filed(fx);
    const t2 = await filed(fx);
    const elsewhere = await filed(other);
    const a = await uploaded(t.customer, t.id, f.PNG, 'shot.png');
    // Another ticket's token of the same desk: neither download nor upload to this ticket.
    expect((await download({ widgetKey: fx.widgetKey, ticketToken: t2.accessToken }, a.id)).status).toBe(404);
    expect((await upload({ widgetKey: fx.widgetKey, ticketToken: t2.accessToken }, t.id, f.PNG)).status).toBe(
      404,
    );
    // Another organisation's desk, even with the right ticket token.
    expect((await download({ widgetKey: other.widgetKey, ticketToken: t.accessToken }, a.id)).status).toBe(
      404,
    );
    expect((await download(elsewhere.customer, a.id)).status).toBe(404);
    // Another desk's agent.
    expect((await download({ agentToken: other.agentToken }, a.id)).status).toBe(404);
    expect((await upload({ agentToken: other.agentToken }, t.id, f.PNG)).status).toBe(404);
    // No proof at all.
    expect((await download({ widgetKey: fx.widgetKey }, a.id)).status).toBe(404);
  });

  it('lets a verified identity of the ticket’s user upload and download without the token', async () => {
    const secret = 'attachments-identity-secret';
    const fx = await makeDesk({ identitySecret: secret });
    const identity = await identityToken(secret, {
      sub: 'user-42',
      org: fx.slug,
      email: 'rina@customer.example',
      name: 'Rina',
    });
    const res = await postTicket(fx, ticketBody({ identity: { token: identity } }));
    const t = (await res.json()) as TicketCreated;
    const a = await uploaded({ widgetKey: fx.widgetKey, identity }, t.id, f.GIF, 'anim.gif');
    expect((await download({ widgetKey: fx.widgetKey, identity }, a.id)).status).toBe(200);
    const stranger = await identityToken(secret, { sub: 'user-43', org: fx.slug });
    expect((await download({ widgetKey: fx.widgetKey, identity: stranger }, a.id)).status).toBe(404);
  });

  it('lets a message carry only its own side’s unclaimed uploads (400 invalid_attachment otherwise)', async () => {
    const fx = await makeDesk();
    const second = await addAgent(fx.deskId, 'Bagus');
    const t = await filed(fx);
    const t2 = await filed(fx);
    const agentFile = await uploaded({ agentToken: fx.agentToken }, t.id, f.PDF, 'a.pdf');
    const customerFile = await uploaded(t.customer, t.id, f.PNG, 'c.png');
    const elsewhere = await uploaded(t2.customer, t2.id, f.PNG, 'other.png');
    const refused = async (res: Response) => {
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe('invalid_attachment');
    };
    await refused(await postMessage(t.customer, t.id, { body: 'x', attachments: [agentFile.id] }));
    await refused(await postMessage(t.customer, t.id, { body: 'x', attachments: [elsewhere.id] }));
    await refused(
      await postMessage({ agentToken: second.agentToken }, t.id, { body: 'x', attachments: [agentFile.id] }),
    );
    await refused(
      await postMessage({ agentToken: fx.agentToken }, t.id, { body: 'x', attachments: [customerFile.id] }),
    );
    expect((await postMessage(t.customer, t.id, { body: 'ok', attachments: [customerFile.id] })).status).toBe(
      201,
    );
    // Once on a message it stays there.
    await refused(await postMessage(t.customer, t.id, { body: 'again', attachments: [customerFile.id] }));
    // An upload older than the claim window (a day short of the sweep's 30 days) goes on no message:
    // the sweep may be deleting it at that moment.
    const old = await uploaded(t.customer, t.id, f.GIF, 'old.gif');
    await db
      .update(attachments)
      .set({ createdAt: Date.now() - CLAIM_WINDOW_MS - 60_000 })
      .where(eq(attachments.id, old.id));
    await refused(await postMessage(t.customer, t.id, { body: 'late', attachments: [old.id] }));
    await db
      .update(attachments)
      .set({ createdAt: Date.now() - CLAIM_WINDOW_MS + 60_000 })
      .where(eq(attachments.id, old.id));
    expect((await postMessage(t.customer, t.id, { body: 'in time', attachments: [old.id] })).status).toBe(
      201,
    );
  });
});

describe('attachments across the API', () => {
  it('lists each message’s files in the agents’ ticket detail', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const a = await uploaded(t.customer, t.id, f.PNG, 'shot.png');
    await postMessage(t.customer, t.id, { body: 'Gambar', attachments: [a.id] });
    const detail = (await (
      await exports.default.fetch(`http://api.test/v1/tickets/${t.id}`, {
        headers: { Authorization: `Bearer ${fx.agentToken}` },
      })
    ).json()) as { messages: { body: string; attachments?: unknown[] }[] };
    expect(detail.messages.find((m) => m.body === 'Gambar')?.attachments).toEqual([a]);
  });

  it('lets the widget upload and download cross-origin (CORS, X-Filename allowed in the preflight)', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const preflight = await exports.default.fetch(`http://api.test/v1/tickets/${t.id}/attachments`, {
      method: 'OPTIONS',
      headers: {
        Origin: fx.origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-filename, x-ticket-token, x-kinobi-key, idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('x-filename');
    const res = await upload(t.customer, t.id, f.PNG, { name: 'shot.png', headers: { Origin: fx.origin } });
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    const { id } = (await res.json()) as { id: string };
    const dl = await exports.default.fetch(`http://api.test/v1/attachments/${id}`, {
      headers: { 'X-Kinobi-Key': fx.widgetKey, 'X-Ticket-Token': t.accessToken, Origin: fx.origin },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    expect(dl.headers.get('Content-Security-Policy')).toBe("sandbox; default-src 'none'");
    // A site the key does not allow gets no file.
    const foreign = await exports.default.fetch(`http://api.test/v1/attachments/${id}`, {
      headers: {
        'X-Kinobi-Key': fx.widgetKey,
        'X-Ticket-Token': t.accessToken,
        Origin: 'https://evil.example',
      },
    });
    expect(foreign.status).toBe(403);
  });
});

describe('a long conversation', () => {
  it('lists files of a page of more than 100 messages (D1 binds at most 100 parameters)', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const base = {
      ticketId: t.id,
      deskId: fx.deskId,
      authorType: 'agent' as const,
      author: 'Ayu',
      public: true,
      channel: 'api' as const,
    };
    const rows = Array.from({ length: 150 }, (_, i) => ({
      ...base,
      id: `m-${t.id}-${i}`,
      body: `pesan ${i}`,
      createdAt: 1_000 + i,
    }));
    for (let i = 0; i < rows.length; i += 10) await db.insert(messages).values(rows.slice(i, i + 10));
    const a = await uploaded({ agentToken: fx.agentToken }, t.id, f.PNG, 'late.png');
    await db
      .update(attachments)
      .set({ messageId: `m-${t.id}-140` })
      .where(eq(attachments.id, a.id));
    const page = (await (await conversation(t.customer, t.id)).json()) as { items: ConversationItem[] };
    const late = page.items.find((i) => i.kind === 'message' && i.body === 'pesan 140');
    expect(late?.kind === 'message' && late.attachments).toEqual([a]);
  });
});
