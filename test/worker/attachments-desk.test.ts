import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { attachments, messages } from '../../worker/db/schema';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';
import { download } from './attachment-api';
import * as f from './attachment-fixtures';
import { desk, ORIGIN, signIn } from './desk-helpers';
import { makeDesk } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';

const db = getDb(env.DB);

/** A multipart post of the composer, as a browser sends it (files named, types as the OS guesses). */
async function compose(
  cookie: string,
  ticketId: string,
  fields: Record<string, string>,
  files: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> }[],
  origin = ORIGIN,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const x of files) form.append('file', new File([x.bytes], x.name, { type: x.type }));
  if (files.length === 0) form.append('file', new File([], '', { type: 'application/octet-stream' }));
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}/desk/tickets/${ticketId}/messages`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin, 'CF-Connecting-IP': '2001:db8::77' },
      body: form,
      redirect: 'manual',
    }),
    env as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

async function setup() {
  const fx = await makeDesk();
  const res = await postTicket(fx, ticketBody());
  const t = (await res.json()) as TicketCreated & { accessToken: string };
  return { fx, t, cookie: await signIn(fx.agentToken) };
}

describe('the console composer’s attachments', () => {
  it('offers a file input on a multipart form', async () => {
    const { t, cookie } = await setup();
    const html = await (await desk(`/desk/tickets/${t.id}`, { cookie })).text();
    expect(html).toMatch(/<form[^>]+enctype="multipart\/form-data"/);
    expect(html).toMatch(/<input type="file" id="composer-files" name="file" multiple/);
  });

  it('sends a reply with files once, lists them in the timeline, and serves them as downloads', async () => {
    const { fx, t, cookie } = await setup();
    const fields = { kind: 'reply', body: 'Panduan dan tangkapan layar terlampir.', key: 'page-1.m' };
    const files = [
      { name: 'panduan.pdf', type: 'application/pdf', bytes: f.PDF },
      { name: 'langkah 1.png', type: 'image/png', bytes: f.PNG },
    ];
    const first = await compose(cookie, t.id, fields, files);
    expect(first.status).toBe(303);
    // A resent form (a double click, the back button) writes nothing new.
    expect((await compose(cookie, t.id, fields, files)).status).toBe(303);
    const msgs = await db.select().from(messages).where(eq(messages.ticketId, t.id));
    expect(msgs).toHaveLength(1);
    const rows = await db.select().from(attachments).where(eq(attachments.ticketId, t.id));
    expect(rows.map((r) => [r.filename, r.messageId, r.uploadedBy, r.agentId])).toEqual(
      expect.arrayContaining([
        ['panduan.pdf', msgs[0]?.id, 'agent', fx.agentId],
        ['langkah 1.png', msgs[0]?.id, 'agent', fx.agentId],
      ]),
    );
    expect(rows).toHaveLength(2);

    const page = await (await desk(`/desk/tickets/${t.id}`, { cookie })).text();
    const pdf = rows.find((r) => r.filename === 'panduan.pdf');
    const href = `/desk/tickets/${t.id}/attachments/${pdf?.id}`;
    expect(page).toContain(`href="${href}"`);
    const res = await desk(href, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="panduan.pdf"/);
    expect(res.headers.get('Content-Security-Policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(f.PDF);
    // The customer sees a public reply's files.
    expect(
      (await download({ widgetKey: fx.widgetKey, ticketToken: t.accessToken }, pdf?.id ?? '')).status,
    ).toBe(200);
  });

  it('keeps an internal note’s files from the customer', async () => {
    const { fx, t, cookie } = await setup();
    const res = await compose(cookie, t.id, { kind: 'note', body: 'Log dari server', key: 'n1' }, [
      { name: 'server.log', type: 'text/plain', bytes: f.LOG },
    ]);
    expect(res.status).toBe(303);
    const [row] = await db.select().from(attachments).where(eq(attachments.ticketId, t.id));
    expect(
      (await download({ widgetKey: fx.widgetKey, ticketToken: t.accessToken }, row?.id ?? '')).status,
    ).toBe(404);
    expect((await desk(`/desk/tickets/${t.id}/attachments/${row?.id}`, { cookie })).status).toBe(200);
  });

  it('refuses an HTML file with 415 and sends no message; a post from another site with 403', async () => {
    const { t, cookie } = await setup();
    const html = await compose(cookie, t.id, { kind: 'reply', body: 'x', key: 'h1' }, [
      { name: 'shot.png', type: 'image/png', bytes: f.HTML },
    ]);
    expect(html.status).toBe(415);
    expect(await db.select().from(messages).where(eq(messages.ticketId, t.id))).toHaveLength(0);
    const cross = await compose(
      cookie,
      t.id,
      { kind: 'reply', body: 'x', key: 'h2' },
      [],
      'https://evil.example',
    );
    expect(cross.status).toBe(403);
  });

  it('sends a reply without files when the file input is left empty', async () => {
    const { t, cookie } = await setup();
    expect(
      (await compose(cookie, t.id, { kind: 'reply', body: 'Tanpa lampiran.', key: 'e1' }, [])).status,
    ).toBe(303);
    expect(await db.select().from(attachments).where(eq(attachments.ticketId, t.id))).toHaveLength(0);
  });

  it('never serves another desk’s attachment, nor one under another ticket’s path', async () => {
    const { t, cookie } = await setup();
    await compose(cookie, t.id, { kind: 'reply', body: 'x', key: 'o1' }, [
      { name: 'a.png', type: 'image/png', bytes: f.PNG },
    ]);
    const [row] = await db.select().from(attachments).where(eq(attachments.ticketId, t.id));
    const other = await setup();
    expect(
      (await desk(`/desk/tickets/${t.id}/attachments/${row?.id}`, { cookie: other.cookie })).status,
    ).toBe(404);
    expect(
      (await desk(`/desk/tickets/${other.t.id}/attachments/${row?.id}`, { cookie: other.cookie })).status,
    ).toBe(404);
    // Without a session: to the sign-in page.
    expect((await desk(`/desk/tickets/${t.id}/attachments/${row?.id}`)).status).toBe(303);
  });
});
