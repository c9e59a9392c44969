import { env, exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';
import { getDb } from '../../worker/db/client';
import {
  attachments,
  escalations,
  messages,
  organisations,
  ticketEvents,
  tickets,
} from '../../worker/db/schema';
import { formatDateTime } from '../../worker/email/strings';
import autoreply from '../fixtures/email/autoreply.eml?raw';
import gmail from '../fixtures/email/gmail.eml?raw';
import gmailRedelivered from '../fixtures/email/gmail-redelivered.eml?raw';
import latin1 from '../fixtures/email/indonesian-latin1.eml?raw';
import malformed from '../fixtures/email/malformed.eml?raw';
import outlook from '../fixtures/email/outlook.eml?raw';
import { captureMail, DOMAIN, deliver, header, passedDmarc } from './email-helpers';
import { makeDesk } from './fixtures';
import { IN_HOURS_2026, pinNow } from './pin-clock';

const db = getDb(env.DB);
const standard = compileCoverage(STANDARD_COVERAGE);
const BUDI = 'budi.santoso@pelanggan.co.id';
const GMAIL_ID = 'CAH7b9Q1xk2pWn0e3v5yZ8mL4tQ9r6sDfGhJkL2mN3pQ4rS5tU@mail.gmail.com';

async function tenantWith(
  opts: Parameters<typeof makeDesk>[0] & { locale?: 'id' | 'en'; store?: boolean; cap?: number } = {},
) {
  const slug = `e${crypto.randomUUID().slice(0, 8)}`;
  const t = await makeDesk({ ...opts, slug });
  await db
    .update(organisations)
    .set({
      locale: opts.locale ?? 'id',
      storeAttachments: opts.store ?? false,
      attachmentMaxBytes: opts.cap ?? 1_048_576,
    })
    .where(eq(organisations.id, t.organisationId));
  return { ...t, slug, to: `support+${slug}@${DOMAIN}` };
}

const ticketsOf = (organisationId: string) =>
  db.select().from(tickets).where(eq(tickets.organisationId, organisationId));
const eventsOf = (ticketId: string) =>
  db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId));

afterEach(() => vi.restoreAllMocks());

describe('email(): a new message opens a ticket', () => {
  it('turns a Gmail multipart/alternative message into an email ticket with provisional severity 3', async () => {
    pinNow(IN_HOURS_2026); // its exact flag list holds while the due time is inside the holiday data
    const t = await tenantWith();
    const mail = captureMail();
    const { rejected, replies } = await deliver(gmail, { from: BUDI, to: t.to });
    expect(rejected).toEqual([]);
    const [ticket, ...more] = await ticketsOf(t.organisationId);
    expect(more).toHaveLength(0);
    expect(ticket).toMatchObject({
      channel: 'email',
      number: 1,
      subject: 'Laporan bulanan tidak bisa diekspor',
      severity: 3,
      severityRule: 'email:default',
      status: 'new',
      contactName: 'Budi Santoso',
      contactEmail: BUDI,
      contactAuthorised: false,
      emailMessageId: 'CAH7b9Q1xk2pWn0e3v5yZ8mL4tQ9r6sDfGhJkL2mN3pQ4rS5tU@mail.gmail.com',
      locale: 'id',
    });
    expect(ticket?.flags).toEqual(['needs_triage', 'unverified_contact', 'unauthorised_contact']);
    // The text/plain part, decoded from quoted-printable, not the HTML.
    expect(ticket?.description).toContain('muncul pesan "Terjadi kesalahan – silakan coba lagi".');
    expect(ticket?.description).not.toContain('<div');
    const due = firstResponseDue(standard, 3, ticket?.createdAt ?? 0);
    expect(ticket?.firstResponseDueAt).toBe(due.dueAt);
    expect(ticket?.clockStartsAt).toBe(due.clockStartsAt);
    const types = (await eventsOf(ticket?.id ?? '')).map((e) => e.type).sort();
    expect(types).toEqual(['created', 'email_sent']);
    // The acknowledgement is a reply to the customer's message, not a send_email mail.
    expect(replies).toHaveLength(1);
    expect(mail.sent).toEqual([]);
  });

  it('acknowledges in Indonesian with the number, severity, due time in WIB and support hours, threaded', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    const { replies } = await deliver(gmail, { from: BUDI, to: t.to });
    const [ticket] = await ticketsOf(t.organisationId);
    const [ack, ...more] = replies;
    expect(more).toEqual([]);
    expect(mail.spy).not.toHaveBeenCalled();
    expect(ack?.to).toBe(BUDI);
    expect(ack?.from).toBe(t.to);
    const p = ack?.parsed;
    if (!p || !ticket) throw new Error('no ack');
    // The desk answers (Dukungan <desk>); the customer's organisation is not named as its own support.
    expect(p.from).toMatchObject({ address: t.to, name: `Dukungan Desk ${t.slug}` });
    expect(p.from?.name).not.toContain(`Organisation ${t.slug}`);
    expect(p.text).toMatch(new RegExp(`Salam,\\r?\\nTim Dukungan Desk ${t.slug}`));
    expect(p.replyTo?.[0]).toMatchObject({ address: `support+${t.slug}.${ticket.replyToken}@${DOMAIN}` });
    expect(p.subject).toBe('[Tiket #1] Laporan bulanan tidak bisa diekspor');
    expect(p.inReplyTo).toBe('<CAH7b9Q1xk2pWn0e3v5yZ8mL4tQ9r6sDfGhJkL2mN3pQ4rS5tU@mail.gmail.com>');
    expect(p.references).toBe('<CAH7b9Q1xk2pWn0e3v5yZ8mL4tQ9r6sDfGhJkL2mN3pQ4rS5tU@mail.gmail.com>');
    expect(p.messageId).toMatch(new RegExp(`^<kinobi\\.${ticket.id}\\.ack\\.[0-9a-f]+@${DOMAIN}>$`));
    expect(header(p, 'auto-submitted')).toBe('auto-replied');
    expect(p.text).toContain('dicatat sebagai tiket #1');
    expect(p.text).toContain('Tingkat keparahan (sementara): Severity 3 – Menengah');
    expect(p.text).toContain(
      `Tanggapan awal dalam waktu 1 hari kerja, paling lambat ${formatDateTime(ticket.firstResponseDueAt, 'Asia/Jakarta', 'id')}.`,
    );
    expect(p.text).toContain(
      'Senin sampai Jumat, pukul 09.00 – 18.00 WIB, tidak termasuk hari libur nasional',
    );
    expect(p.text).toContain('bukan waktu penyelesaian, dan bukan merupakan jaminan');
    // The conversation page's link, as widget confirmations carry: it opens this ticket's thread.
    const link = /https?:\/\/[^\s]+\/r\/[^\s?]+/.exec(p.text ?? '')?.[0];
    expect(link).toBeDefined();
    const page = await exports.default.fetch(`http://api.test${new URL(link as string).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Laporan bulanan tidak bisa diekspor');
  });

  it('marks an authorised contact whose mail passed DMARC at Cloudflare, and does not flag it', async () => {
    const t = await tenantWith({ contacts: ['Budi.Santoso@pelanggan.co.id'] });
    captureMail();
    await deliver(passedDmarc(gmail, 'pelanggan.co.id'), { from: BUDI, to: t.to });
    const [ticket] = await ticketsOf(t.organisationId);
    expect(ticket?.contactAuthorised).toBe(true);
    expect(ticket?.contactVerified).toBe(true);
    expect(ticket?.flags).not.toContain('unauthorised_contact');
    expect(ticket?.flags).not.toContain('unverified_contact');
    const [created] = await db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket?.id ?? ''));
    expect(created?.data).toMatchObject({ contactEvidence: 'dmarc=pass header.from=pelanggan.co.id' });
  });

  it('never takes a forged From for the authorised contact: no header of Cloudflare, or one the sender wrote', async () => {
    const t = await tenantWith({ contacts: ['Budi.Santoso@pelanggan.co.id'] });
    captureMail();
    const forged = `Authentication-Results: evil.example; dmarc=pass header.from=pelanggan.co.id\r\n${gmail}`;
    await deliver(forged, { from: BUDI, to: t.to });
    const [ticket] = await ticketsOf(t.organisationId);
    expect(ticket).toMatchObject({ contactAuthorised: false, contactVerified: false });
    expect(ticket?.flags).toEqual(expect.arrayContaining(['unverified_contact', 'unauthorised_contact']));
  });

  it('reads an Outlook HTML-only message, records its attachment and takes the security fast path', async () => {
    pinNow(IN_HOURS_2026); // its exact flag list holds while the due time is inside the holiday data
    const t = await tenantWith({ locale: 'en' });
    captureMail();
    const { replies } = await deliver(outlook, { from: 'sarah.wijaya@contoso.co.id', to: t.to });
    const [ticket] = await ticketsOf(t.organisationId);
    if (!ticket) throw new Error('no ticket');
    expect(ticket).toMatchObject({
      severity: 1,
      severityRule: 'email:security_incident',
      category: 'security_incident',
    });
    expect(ticket.flags).toEqual([
      'security_incident',
      'needs_triage',
      'unverified_contact',
      'unauthorised_contact',
    ]);
    // HTML converted to text; windows-1252 quoted-printable decoded (’ is =92).
    expect(ticket.description).toContain('We think this is unauthorized access.');
    expect(ticket.description).toContain('We’ve reset the password');
    expect(ticket.description).not.toMatch(/<p|MsoNormal/);
    expect(ticket.firstResponseDueAt).toBe(firstResponseDue(standard, 1, ticket.createdAt).dueAt);
    const esc = await db.select().from(escalations).where(eq(escalations.ticketId, ticket.id));
    expect(esc.map((e) => e.team)).toEqual(['security']);
    expect((await eventsOf(ticket.id)).map((e) => e.type)).toContain('escalated');
    const files = await db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(files).toEqual([
      expect.objectContaining({
        filename: 'audit-log.png',
        contentType: 'image/png',
        size: 210,
        content: null,
        messageId: null,
      }),
    ]);
    const text = replies[0]?.parsed.text ?? '';
    expect(replies[0]?.parsed.subject).toBe('[Ticket #1] Suspicious logins to our admin account');
    expect(text).toContain('Severity (provisional): Severity 1 – Critical');
    expect(text).toContain('Initial response within 2 business hours, by ');
    expect(text).toContain('passed it to our security team');
    expect(text).toContain('Monday to Friday, 09:00–18:00 WIB, excluding Indonesian national holidays');
  });

  it('stores attachment content in R2 only when the tenant allows it and it fits the cap', async () => {
    const allowed = await tenantWith({ store: true });
    const tooSmall = await tenantWith({ store: true, cap: 100 });
    const metadataOnly = await tenantWith({ store: false });
    captureMail();
    for (const t of [allowed, tooSmall, metadataOnly])
      await deliver(outlook, { from: 'sarah.wijaya@contoso.co.id', to: t.to });
    const rowOf = async (organisationId: string) => {
      const [ticket] = await ticketsOf(organisationId);
      const [file] = await db
        .select()
        .from(attachments)
        .where(eq(attachments.ticketId, ticket?.id ?? ''));
      return file;
    };
    const stored = await rowOf(allowed.organisationId);
    expect(stored).toMatchObject({
      size: 210,
      content: null,
      sniffedType: 'image/png',
      uploadedBy: 'email',
      refused: null,
      filename: 'audit-log.png',
    });
    const object = await env.ATTACHMENTS.get(stored?.objectKey ?? '');
    const bytes = new Uint8Array((await object?.arrayBuffer()) ?? []);
    expect(bytes.slice(0, 8)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.byteLength).toBe(210);
    expect(await rowOf(tooSmall.organisationId)).toMatchObject({
      size: 210,
      objectKey: null,
      refused: 'too_large',
    });
    expect(await rowOf(metadataOnly.organisationId)).toMatchObject({ objectKey: null, refused: 'not_kept' });
  });

  it('decodes an Indonesian ISO-8859-1 message and rates a total outage severity 1', async () => {
    const t = await tenantWith();
    captureMail();
    await deliver(latin1, { from: 'andre@koperasi-cafe.id', to: t.to });
    const [ticket] = await ticketsOf(t.organisationId);
    expect(ticket).toMatchObject({
      subject: 'Mohon bantuan – aplikasi tidak bisa diakses (cabang Señor Café)',
      contactName: 'André Pratama',
      severity: 1,
      severityRule: 'email:total_outage',
    });
    expect(ticket?.flags).not.toContain('security_incident');
    expect(ticket?.description).toContain('Suhu ruang server normal (22 °C)');
    expect(ticket?.description).toContain('Koperasi Karyawan Señor Café');
  });

  it('decodes raw 8-bit ISO-8859-1 bytes as well', async () => {
    const t = await tenantWith();
    captureMail();
    const head = `From: Rina <rina@example.id>\r\nTo: ${t.to}\r\nSubject: Pertanyaan\r\nMessage-ID: <latin8@example.id>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`;
    const body = Uint8Array.from('Bagaimana cara ekspor ke café? ½ harga', (c) => c.charCodeAt(0));
    const raw = new Uint8Array([...new TextEncoder().encode(head), ...body]);
    await deliver(raw, { from: 'rina@example.id', to: t.to });
    const [ticket] = await ticketsOf(t.organisationId);
    expect(ticket?.description).toBe('Bagaimana cara ekspor ke café? ½ harga');
  });
});

describe('email(): loops, junk and limits', () => {
  it('ignores an auto-reply: no ticket, no acknowledgement, no bounce', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    const { rejected } = await deliver(autoreply, { from: BUDI, to: t.to });
    expect(rejected).toEqual([]);
    expect(await ticketsOf(t.organisationId)).toHaveLength(0);
    expect(mail.spy).not.toHaveBeenCalled();
  });

  it.each([
    ['a bounce with an empty envelope sender', '', 'From: Mail Delivery System <MAILER-DAEMON@mx.example>'],
    ['mail from our own support domain', `support+x@${DOMAIN}`, `From: support+x@${DOMAIN}`],
    ['bulk mail', 'news@shop.example', 'From: news@shop.example\r\nPrecedence: bulk'],
  ])('ignores %s', async (_what, envelopeFrom, headers) => {
    const t = await tenantWith();
    const mail = captureMail();
    const raw = `${headers}\r\nTo: ${t.to}\r\nSubject: Hello\r\nMessage-ID: <${crypto.randomUUID()}@x.example>\r\n\r\nBody\r\n`;
    const { rejected } = await deliver(raw, { from: envelopeFrom, to: t.to });
    expect(rejected).toEqual([]);
    expect(await ticketsOf(t.organisationId)).toHaveLength(0);
    expect(mail.spy).not.toHaveBeenCalled();
  });

  it('rejects a message over 10 MiB by its announced size, before reading it', async () => {
    const t = await tenantWith();
    const { rejected } = await deliver(gmail, { from: BUDI, to: t.to, rawSize: 11 * 1024 * 1024 });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/too large.*10 MiB/);
    expect(await ticketsOf(t.organisationId)).toHaveLength(0);
  });

  it('rejects an oversize body even when the announced size understates it', async () => {
    const t = await tenantWith();
    const filler = 'A'.repeat(76);
    const lines = Math.ceil((10 * 1024 * 1024) / 78) + 10;
    const raw = `From: big@example.com\r\nTo: ${t.to}\r\nSubject: big\r\nMessage-ID: <big@example.com>\r\n\r\n${`${filler}\r\n`.repeat(lines)}`;
    const { rejected } = await deliver(raw, { from: 'big@example.com', to: t.to, rawSize: 1000 });
    expect(rejected[0]).toMatch(/too large/);
    expect(await ticketsOf(t.organisationId)).toHaveLength(0);
  });

  it.each([[`support+nosuchtenant@${DOMAIN}`], [`support@${DOMAIN}`], ['someone@elsewhere.example']])(
    'rejects an unknown recipient %s with a clear reason',
    async (to) => {
      captureMail();
      const { rejected } = await deliver(gmail, { from: BUDI, to });
      expect(rejected).toEqual([`Unknown recipient ${to}: there is no support mailbox at this address.`]);
    },
  );

  it('routes a tenant’s own address and acknowledges from it (a reply must come from the receiving domain)', async () => {
    const t = await tenantWith();
    await db
      .update(organisations)
      .set({ emailAddress: 'help@acme.example' })
      .where(eq(organisations.id, t.organisationId));
    captureMail();
    const { rejected, replies } = await deliver(gmail, { from: BUDI, to: 'Help@ACME.example' });
    expect(rejected).toEqual([]);
    expect(await ticketsOf(t.organisationId)).toHaveLength(1);
    expect(replies.map((r) => [r.from, r.parsed.from?.address])).toEqual([
      ['help@acme.example', 'help@acme.example'],
    ]);
  });

  it('opens a best-effort ticket from a malformed message and dedupes it by content when it has no Message-ID', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    // No Message-ID to answer In-Reply-To with: reply() is not tried; the sender passed DMARC, so send_email
    // carries the acknowledgement.
    const raw = passedDmarc(malformed, 'legacy-erp.example');
    const first = await deliver(raw, { from: 'ops@legacy-erp.example', to: t.to });
    expect(first.reply).not.toHaveBeenCalled();
    const again = await deliver(raw, { from: 'ops@legacy-erp.example', to: t.to });
    expect([...first.rejected, ...again.rejected]).toEqual([]);
    const all = await ticketsOf(t.organisationId);
    expect(all).toHaveLength(1);
    expect(all[0]?.emailMessageId).toMatch(/^sha256\.[0-9a-f]{64}@no-message-id$/);
    expect(all[0]?.subject).toContain('gagal sinkronisasi');
    expect(mail.sent).toHaveLength(1);
  });

  it('rejects a message with nothing in it', async () => {
    const t = await tenantWith();
    const { rejected } = await deliver('\r\n\r\n', { from: 'x@example.com', to: t.to });
    expect(rejected[0]).toMatch(/no subject, text or attachment/);
  });

  it('sends nothing to an unverified sender when Cloudflare refuses the reply (no backscatter), and records why', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    const { replies } = await deliver(gmail, { from: BUDI, to: t.to, replyError: 'DMARC check failed' });
    expect(replies).toEqual([]);
    expect(mail.sent).toEqual([]);
    const [ticket] = await ticketsOf(t.organisationId);
    const withheld = (await eventsOf(ticket?.id ?? '')).find((e) => e.type === 'email_withheld');
    expect(withheld?.data).toMatchObject({
      kind: 'acknowledgement',
      reason: expect.stringContaining('DMARC check failed'),
    });
  });

  it('falls back to send_email for a verified sender when Cloudflare refuses the reply, and records why', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    const { replies } = await deliver(passedDmarc(gmail, 'pelanggan.co.id'), {
      from: BUDI,
      to: t.to,
      replyError: 'too many References',
    });
    expect(replies).toEqual([]);
    expect(mail.sent.map((m) => [m.from, m.to])).toEqual([[t.to, BUDI]]);
    expect(mail.sent[0]?.parsed.inReplyTo).toBe(`<${GMAIL_ID}>`);
    const [ticket] = await ticketsOf(t.organisationId);
    const sent = (await eventsOf(ticket?.id ?? '')).find((e) => e.type === 'email_sent');
    expect(sent?.data).toMatchObject({
      kind: 'acknowledgement',
      via: 'send_email',
      replyError: 'too many References',
    });
  });

  it('keeps the ticket when the acknowledgement cannot be sent either way, and records why', async () => {
    const t = await tenantWith();
    captureMail({ fail: true });
    await deliver(passedDmarc(gmail, 'pelanggan.co.id'), {
      from: BUDI,
      to: t.to,
      replyError: 'too many References',
    });
    const [ticket] = await ticketsOf(t.organisationId);
    const failed = (await eventsOf(ticket?.id ?? '')).find((e) => e.type === 'email_failed');
    expect(failed?.data).toMatchObject({
      kind: 'acknowledgement',
      reason: 'reply: too many References; send_email: send_email unavailable',
    });
  });

  it('limits new tickets per sender: past the limit mail joins the latest open ticket, unacknowledged', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    const { EMAIL_TICKETS_PER_SENDER_PER_HOUR: limit } = await import('../../worker/db/email-intake');
    const outcomes = [];
    for (let i = 0; i < limit + 3; i++) {
      const raw = gmail
        .replace(/^Message-ID: .*$/m, `Message-ID: <flood.${i}.${crypto.randomUUID()}@mail.gmail.com>`)
        .replace(/^Subject: (.*)$/m, `Subject: $1 (${i})`);
      outcomes.push(await deliver(raw, { from: BUDI, to: t.to }));
    }
    const all = await ticketsOf(t.organisationId);
    expect(all).toHaveLength(limit);
    // One acknowledgement per ticket opened, none for the mail that joined a ticket.
    expect(outcomes.reduce((n, o) => n + o.replies.length, 0) + mail.sent.length).toBe(limit);
    const joined = await db.select().from(messages).where(eq(messages.deskId, t.deskId));
    expect(joined).toHaveLength(3);
  });

  it('replies to a message deep in a thread with all of its References, so Cloudflare accepts it', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    const refs = Array.from({ length: 15 }, (_, i) => `<ref${i}.${crypto.randomUUID()}@mail.example>`);
    const raw = gmail
      .replace(/^Message-ID: .*$/m, `Message-ID: <deep.${crypto.randomUUID()}@mail.gmail.com>`)
      .replace(
        /^Subject: /m,
        `References: ${refs.join('\r\n ')}\r\nIn-Reply-To: ${refs.at(-1)}\r\nSubject: `,
      );
    const { replies } = await deliver(raw, { from: BUDI, to: t.to });
    expect(mail.spy).not.toHaveBeenCalled();
    const [ack] = replies;
    for (const ref of refs) expect(ack?.parsed.references).toContain(ref);
  });
});

describe('email(): redelivery', () => {
  it('creates one ticket and one acknowledgement for the same Message-ID delivered twice', async () => {
    const t = await tenantWith();
    const mail = captureMail();
    const first = await deliver(gmail, { from: BUDI, to: t.to });
    const again = await deliver(gmailRedelivered, { from: BUDI, to: t.to });
    expect(await ticketsOf(t.organisationId)).toHaveLength(1);
    expect([...first.replies, ...again.replies, ...mail.sent]).toHaveLength(1);
  });

  it('keeps the same Message-ID apart between organisations', async () => {
    const a = await tenantWith();
    const b = await tenantWith();
    captureMail();
    await deliver(gmail, { from: BUDI, to: a.to });
    await deliver(gmail, { from: BUDI, to: b.to });
    expect(await ticketsOf(a.organisationId)).toHaveLength(1);
    expect(await ticketsOf(b.organisationId)).toHaveLength(1);
    const both = await db
      .select()
      .from(tickets)
      .where(and(eq(tickets.number, 1), eq(tickets.channel, 'email')));
    expect(both.length).toBeGreaterThanOrEqual(2);
  });

  it('stores no message for the opening mail (its text is the ticket description)', async () => {
    const t = await tenantWith();
    captureMail();
    await deliver(gmail, { from: BUDI, to: t.to });
    const [ticket] = await ticketsOf(t.organisationId);
    expect(
      await db
        .select()
        .from(messages)
        .where(eq(messages.ticketId, ticket?.id ?? '')),
    ).toHaveLength(0);
  });
});
