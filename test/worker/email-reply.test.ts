import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { deliveryKeys, messages, organisations, ticketEvents, tickets } from '../../worker/db/schema';
import worker from '../../worker/index';
import { MAIL_ATTEMPTS } from '../../worker/queues/backoff';
import gmail from '../fixtures/email/gmail.eml?raw';
import reply from '../fixtures/email/reply.eml?raw';
import { captureMail, DOMAIN, deliver, passedDmarc } from './email-helpers';
import { makeDesk } from './fixtures';
import { consume, drainQueues } from './queue-helpers';

const db = getDb(env.DB);
const BUDI = 'budi.santoso@pelanggan.co.id';
const GMAIL_ID = 'CAH7b9Q1xk2pWn0e3v5yZ8mL4tQ9r6sDfGhJkL2mN3pQ4rS5tU@mail.gmail.com';
const REPLY_ID = 'CAH7b9Q3aB4cD5eF6gH7iJ8kL9mN0oP1qR2sT3uV4wX5yZ6@mail.gmail.com';

afterEach(() => vi.restoreAllMocks());

/** A tenant with one ticket opened by the Gmail fixture; returns the ticket and the mail capture. */
/** A ticket opened by Budi's mail, which passed DMARC at Cloudflare (a verified address). */
async function openedTicket({ verified = true }: { verified?: boolean } = {}) {
  const slug = `r${crypto.randomUUID().slice(0, 8)}`;
  const t = await makeDesk({ slug });
  const mail = captureMail();
  const raw = verified ? passedDmarc(gmail, 'pelanggan.co.id') : gmail;
  const { replies } = await deliver(raw, { from: BUDI, to: `support+${slug}@${DOMAIN}` });
  const [ticket] = await db.select().from(tickets).where(eq(tickets.deskId, t.deskId));
  const [ack] = replies;
  if (!ticket || !ack) throw new Error('no ticket or no acknowledgement');
  return { ...t, slug, ticket, ack, mail, tokenAddress: `support+${slug}.${ticket.replyToken}@${DOMAIN}` };
}

const messagesOf = (ticketId: string) => db.select().from(messages).where(eq(messages.ticketId, ticketId));
const eventsOf = (ticketId: string) =>
  db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId));
const withHeaders = (raw: string, inReplyTo: string) =>
  raw
    .replace(/^In-Reply-To: .*$/m, `In-Reply-To: <${inReplyTo}>`)
    .replace(/^References: .*$/m, `References: <${inReplyTo}>`);

/** POST an agent reply through the Worker entry, wait for its waitUntil work, then deliver what it queued. */
async function agentPost(token: string, ticketId: string, body: unknown) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://x/v1/tickets/${ticketId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  // The reply's mail went on the queue: hand it to the consumer.
  await drainQueues();
  return res;
}

describe('email(): a reply to a ticket', () => {
  it('adds a reply sent to the reply-to address as a customer message and reopens a pending ticket', async () => {
    const o = await openedTicket();
    await db.update(tickets).set({ status: 'pending' }).where(eq(tickets.id, o.ticket.id));
    const { rejected, replies } = await deliver(reply.replaceAll('TOKEN', o.ticket.replyToken), {
      from: BUDI,
      to: o.tokenAddress,
    });
    expect(rejected).toEqual([]);
    const [msg, ...more] = await messagesOf(o.ticket.id);
    expect(more).toHaveLength(0);
    expect(msg).toMatchObject({
      authorType: 'customer',
      author: BUDI,
      channel: 'email',
      public: true,
      emailMessageId: REPLY_ID,
    });
    // Only the new text: the quoted acknowledgement below "Pada … menulis:" is cut.
    expect(msg?.body).toBe('Tambahan info: ekspor ke CSV masih berjalan, hanya Excel yang gagal.');
    const [after] = await db.select().from(tickets).where(eq(tickets.id, o.ticket.id));
    expect(after?.status).toBe('open');
    const changed = (await eventsOf(o.ticket.id)).filter((e) => e.type === 'status_changed');
    expect(changed).toMatchObject([{ actor: 'customer', data: { from: 'pending', to: 'open' } }]);
    // A reply is not acknowledged.
    expect(replies).toEqual([]);
    expect(o.mail.sent).toEqual([]);
    expect(await db.select().from(tickets).where(eq(tickets.deskId, o.deskId))).toHaveLength(1);
  });

  it('leaves a ticket that is not pending in its status', async () => {
    const o = await openedTicket();
    await deliver(reply, { from: BUDI, to: o.tokenAddress });
    const [after] = await db.select().from(tickets).where(eq(tickets.id, o.ticket.id));
    expect(after?.status).toBe('new');
    expect((await eventsOf(o.ticket.id)).some((e) => e.type === 'status_changed')).toBe(false);
  });

  it('stores a redelivered reply once', async () => {
    const o = await openedTicket();
    await deliver(reply, { from: BUDI, to: o.tokenAddress });
    await deliver(reply, { from: BUDI, to: o.tokenAddress });
    expect(await messagesOf(o.ticket.id)).toHaveLength(1);
  });

  it('finds the ticket from In-Reply-To our acknowledgement when the reply went to the plain address', async () => {
    const o = await openedTicket();
    const ackId = o.ack.parsed.messageId?.replace(/[<>]/g, '') ?? '';
    expect(ackId).toContain(o.ticket.id);
    // The contact's own mail, verified by Cloudflare (DMARC), threads by headers alone.
    await deliver(passedDmarc(withHeaders(reply, ackId), 'pelanggan.co.id'), {
      from: BUDI,
      to: `support+${o.slug}@${DOMAIN}`,
    });
    expect(await messagesOf(o.ticket.id)).toHaveLength(1);
  });

  it('opens a new ticket when the contact’s address replies by headers only without passing DMARC (a forged From)', async () => {
    const o = await openedTicket();
    const ackId = o.ack.parsed.messageId?.replace(/[<>]/g, '') ?? '';
    await deliver(withHeaders(reply, ackId), { from: BUDI, to: `support+${o.slug}@${DOMAIN}` });
    expect(await messagesOf(o.ticket.id)).toHaveLength(0);
    expect(await db.select().from(tickets).where(eq(tickets.deskId, o.deskId))).toHaveLength(2);
  });

  it('opens a new ticket when a stranger replies by headers only (no token, another sender)', async () => {
    const o = await openedTicket();
    const stranger = reply.replace(/^From: .*$/m, 'From: Mallory <mallory@evil.example>');
    await deliver(withHeaders(stranger, GMAIL_ID), {
      from: 'mallory@evil.example',
      to: `support+${o.slug}@${DOMAIN}`,
    });
    expect(await messagesOf(o.ticket.id)).toHaveLength(0);
    const all = await db.select().from(tickets).where(eq(tickets.deskId, o.deskId));
    expect(all.map((t) => t.contactEmail).sort()).toEqual([BUDI, 'mallory@evil.example']);
  });

  it('treats an unknown reply token as a new request to the tenant', async () => {
    const o = await openedTicket();
    const other = reply
      .replace(/^Message-ID: .*$/m, '')
      .replace(/^In-Reply-To: .*$/m, '')
      .replace(/^References: .*$/m, '');
    const { rejected } = await deliver(other, { from: BUDI, to: `support+${o.slug}.nosuchtoken@${DOMAIN}` });
    expect(rejected).toEqual([]);
    expect(await db.select().from(tickets).where(eq(tickets.deskId, o.deskId))).toHaveLength(2);
  });
});

describe('sendAgentReply via POST /v1/tickets/{id}/messages', () => {
  it('mails a public agent reply to the contact, threaded, with the reply-to address, and records its Message-ID', async () => {
    const o = await openedTicket();
    await deliver(reply, { from: BUDI, to: o.tokenAddress });
    const res = await agentPost(o.agentToken, o.ticket.id, {
      body: 'Sudah kami perbaiki, silakan coba ekspor lagi.',
    });
    expect(res.status).toBe(201);
    // Agent replies answer no inbound message: they go through send_email.
    expect(o.mail.sent).toHaveLength(1);
    const sent = o.mail.sent[0];
    const p = sent?.parsed;
    if (!sent || !p) throw new Error('no mail');
    expect(sent.to).toBe(BUDI);
    expect(sent.from).toBe(`support+${o.slug}@${DOMAIN}`);
    expect(p.subject).toBe('Re: [Tiket #1] Laporan bulanan tidak bisa diekspor');
    expect(p.replyTo?.[0]).toMatchObject({ address: o.tokenAddress });
    expect(p.inReplyTo).toBe(`<${REPLY_ID}>`);
    expect(p.references).toBe(`<${GMAIL_ID}> <${REPLY_ID}>`);
    expect(p.text).toContain('Sudah kami perbaiki, silakan coba ekspor lagi.');
    expect(p.text).toContain('Tiket #1 · Balas email ini untuk menanggapi.');
    // From and signature name the desk that answers, not the customer's organisation.
    expect(p.from?.name).toBe(`Dukungan Desk ${o.slug}`);
    expect(p.from?.name).not.toContain('Organisation');
    expect(p.text).toMatch(new RegExp(`Ayu\\r?\\nTim Dukungan Desk ${o.slug}`));
    expect(p.text).not.toContain('Lampiran');
    const agentMsg = (await messagesOf(o.ticket.id)).find((m) => m.authorType === 'agent');
    expect(`<${agentMsg?.emailMessageId}>`).toBe(p.messageId);
    expect((await eventsOf(o.ticket.id)).filter((e) => e.type === 'email_sent')).toHaveLength(2);

    // The customer answers that mail from a client that dropped our Reply-To: headers find the ticket.
    const answer = passedDmarc(
      withHeaders(reply, agentMsg?.emailMessageId ?? '').replace(REPLY_ID, `second.${REPLY_ID}`),
      'pelanggan.co.id',
    );
    await deliver(answer, { from: BUDI, to: `support+${o.slug}@${DOMAIN}` });
    expect((await messagesOf(o.ticket.id)).filter((m) => m.authorType === 'customer')).toHaveLength(2);
  });

  it('keeps the reply, retries the mail with a growing delay, and records the failure once the queue gives up', async () => {
    const o = await openedTicket();
    vi.restoreAllMocks();
    captureMail({ fail: true });
    const res = await agentPost(o.agentToken, o.ticket.id, { body: 'Halo.' });
    expect(res.status).toBe(201);
    expect((await messagesOf(o.ticket.id)).map((m) => m.body)).toEqual(['Halo.']);
    // The first attempt failed: the key waits for the retried message, with the error kept.
    const [key] = await db.select().from(deliveryKeys).where(eq(deliveryKeys.ticketId, o.ticket.id));
    expect(key).toMatchObject({
      kind: 'agent_reply',
      status: 'queued',
      attempts: 1,
      lastError: 'send_email unavailable',
    });
    const body = JSON.parse(key?.body ?? '{}');
    const delays: number[] = [];
    for (let attempts = 2; attempts <= MAIL_ATTEMPTS; attempts++) {
      const [h] = await consume('kinobi-mail', [body], { attempts });
      delays.push(h?.retryDelaySeconds ?? 0);
    }
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(new Set(delays).size).toBe(delays.length);
    expect((await eventsOf(o.ticket.id)).filter((e) => e.type === 'email_failed')).toEqual([]);
    // After max_retries the queue moves the message to the dead-letter queue, whose consumer records it.
    await consume('kinobi-dead-letters', [body]);
    await consume('kinobi-dead-letters', [body]); // a dead letter delivered twice is recorded once
    const failed = (await eventsOf(o.ticket.id)).filter((e) => e.type === 'email_failed');
    expect(failed.map((e) => e.data)).toEqual([
      expect.objectContaining({ kind: 'agent_reply', reason: 'send_email unavailable', deadLettered: true }),
    ]);
    const [after] = await db.select().from(deliveryKeys).where(eq(deliveryKeys.ticketId, o.ticket.id));
    expect(after?.status).toBe('failed');
  });

  it('does not mail an internal note', async () => {
    const o = await openedTicket();
    await agentPost(o.agentToken, o.ticket.id, { body: 'Cek log server dulu.', public: false });
    expect(o.mail.sent).toEqual([]);
  });

  it('mails an unverified, unconfirmed address at most once an hour, and freely once it has replied', async () => {
    const o = await openedTicket({ verified: false });
    // The acknowledgement went out a moment ago: the first agent reply is held, and says so.
    await agentPost(o.agentToken, o.ticket.id, { body: 'Kami periksa.' });
    expect(o.mail.sent).toHaveLength(0);
    const held = (await eventsOf(o.ticket.id)).filter((e) => e.type === 'email_withheld');
    expect(held).toHaveLength(1);
    expect(held[0]?.data).toMatchObject({ kind: 'agent_reply', to: BUDI });
    // A mail from the address to its ticket's reply address proves it reads what we send.
    await deliver(reply, { from: BUDI, to: o.tokenAddress });
    await agentPost(o.agentToken, o.ticket.id, { body: 'Sudah diperbaiki.' });
    expect(o.mail.sent.map((m) => m.to)).toEqual([BUDI]);
  });

  it('writes in English for an English organisation', async () => {
    const o = await openedTicket();
    await db.update(organisations).set({ locale: 'en' }).where(eq(organisations.id, o.organisationId));
    await db.update(tickets).set({ locale: null }).where(eq(tickets.id, o.ticket.id));
    await agentPost(o.agentToken, o.ticket.id, { body: 'Fixed.' });
    expect(o.mail.sent[0]?.parsed.subject).toBe('Re: [Ticket #1] Laporan bulanan tidak bisa diekspor');
    expect(o.mail.sent[0]?.parsed.text).toContain('Reply to this email to respond.');
    expect(o.mail.sent[0]?.parsed.from?.name).toBe(`Desk ${o.slug} Support`);
    expect(o.mail.sent[0]?.parsed.text).toContain(`Desk ${o.slug} Support`);
    expect(o.mail.sent[0]?.parsed.text).not.toContain(`Organisation ${o.slug}`);
  });
});
