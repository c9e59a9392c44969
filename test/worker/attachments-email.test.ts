import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { attachments, messages, organisations, tickets } from '../../worker/db/schema';
import { CURSOR_START, readConversation } from '../../worker/tickets/conversation';
import * as f from './attachment-fixtures';
import { captureMail, DOMAIN, deliver } from './email-helpers';
import { makeDesk } from './fixtures';

const db = getDb(env.DB);
const BUDI = 'budi.santoso@pelanggan.co.id';

afterEach(() => vi.restoreAllMocks());

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/.{76}/g, '$&\r\n');

/** A multipart/mixed message with a text part and the given files (base64). */
function mailWith(files: { name: string; type: string; bytes: Uint8Array }[], headers: string[] = []) {
  const b = 'b-attach';
  const parts = files.map((x) =>
    [
      `--${b}`,
      `Content-Type: ${x.type}; name="${x.name}"`,
      `Content-Disposition: attachment; filename="${x.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64(x.bytes),
    ].join('\r\n'),
  );
  return [
    `From: Budi Santoso <${BUDI}>`,
    `To: support@${DOMAIN}`,
    'Subject: Ekspor gagal, lampiran terlampir',
    `Message-ID: <${crypto.randomUUID()}@pelanggan.co.id>`,
    'Date: Mon, 2 Nov 2026 10:30:10 +0700',
    'MIME-Version: 1.0',
    ...headers,
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Ekspor laporan gagal sejak pagi. Tangkapan layar dan log terlampir.',
    ...parts,
    `--${b}--`,
    '',
  ].join('\r\n');
}

async function keepingTenant() {
  const slug = `m${crypto.randomUUID().slice(0, 8)}`;
  const t = await makeDesk({ slug });
  await db
    .update(organisations)
    .set({ storeAttachments: true, attachmentMaxBytes: 10 * 1024 * 1024 })
    .where(eq(organisations.id, t.organisationId));
  return { ...t, to: `support+${slug}@${DOMAIN}` };
}

describe('inbound email attachments', () => {
  it('puts accepted files in R2 by the upload rules and records refused ones without content', async () => {
    const t = await keepingTenant();
    captureMail();
    const raw = mailWith([
      { name: 'layar.png', type: 'image/png', bytes: f.PNG },
      { name: 'app.log', type: 'text/plain', bytes: f.LOG },
      // Declared as a PDF; the bytes are HTML: refused, whatever the mail says.
      { name: 'invoice.pdf', type: 'application/pdf', bytes: f.HTML },
      { name: '../../setup.exe', type: 'application/octet-stream', bytes: f.EXE },
    ]);
    const { rejected } = await deliver(raw, { from: BUDI, to: t.to });
    expect(rejected).toEqual([]);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.organisationId, t.organisationId));
    const rows = await db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, ticket?.id ?? ''));
    const byName = (n: string) => rows.find((r) => r.filename === n || r.contentType?.includes(n));
    expect(byName('layar.png')).toMatchObject({ sniffedType: 'image/png', refused: null, content: null });
    expect(byName('app.log')).toMatchObject({ sniffedType: 'text/plain; charset=utf-8', refused: null });
    expect(byName('invoice.pdf')).toMatchObject({
      objectKey: null,
      refused: 'unsupported_type',
      sniffedType: null,
    });
    expect(byName('../../setup.exe')).toMatchObject({ objectKey: null, refused: 'unsupported_type' });
    const png = await env.ATTACHMENTS.get(byName('layar.png')?.objectKey ?? '');
    expect(new Uint8Array((await png?.arrayBuffer()) ?? [])).toEqual(f.PNG);
    // Only the two stored files are objects of this ticket.
    const listed = await env.ATTACHMENTS.list({ prefix: `attachments/${ticket?.id}/` });
    expect(listed.objects).toHaveLength(2);
  });

  it('puts a reply’s file on its message, listed in the customer’s conversation', async () => {
    const t = await keepingTenant();
    captureMail();
    await deliver(mailWith([]), { from: BUDI, to: t.to });
    const [ticket] = await db.select().from(tickets).where(eq(tickets.organisationId, t.organisationId));
    if (!ticket) throw new Error('no ticket');
    const to = `support+${t.slug}.${ticket.replyToken}@${DOMAIN}`;
    await deliver(mailWith([{ name: 'faktur.pdf', type: 'application/pdf', bytes: f.PDF }]), {
      from: BUDI,
      to,
    });
    const [reply] = await db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    const [row] = await db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(row).toMatchObject({
      messageId: reply?.id,
      sniffedType: 'application/pdf',
      filename: 'faktur.pdf',
    });
    const page = await readConversation(db, ticket, CURSOR_START);
    const item = page.items.find((i) => i.kind === 'message');
    expect(item?.kind === 'message' && item.attachments).toEqual([
      { id: row?.id, name: 'faktur.pdf', size: f.PDF.byteLength, type: 'application/pdf' },
    ]);
  });

  it('stores nothing twice when the same message is delivered again', async () => {
    const t = await keepingTenant();
    captureMail();
    const raw = mailWith([{ name: 'layar.png', type: 'image/png', bytes: f.PNG }]);
    await deliver(raw, { from: BUDI, to: t.to });
    await deliver(raw, { from: BUDI, to: t.to });
    const found = await db.select().from(tickets).where(eq(tickets.organisationId, t.organisationId));
    expect(found).toHaveLength(1);
    const rows = await db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, found[0]?.id ?? ''));
    expect(rows).toHaveLength(1);
  });
});
