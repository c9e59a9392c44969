import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import PostalMime, { type Email } from 'postal-mime';
import { vi } from 'vitest';
import worker from '../../worker/index';

/** The support domain of wrangler.toml's [vars]. */
export const DOMAIN = 'support.kinobi.example';

/** Options of a fake inbound message. */
export interface FakeEmailOptions {
  from: string;
  to: string;
  rawSize?: number;
  /** Make `reply()` throw this, as Cloudflare does when it refuses a reply (e.g. failed DMARC). */
  replyError?: string;
}

/** The raw text inside an EmailMessage built by miniflare; fails loudly if that ever changes. */
function rawOf(msg: unknown): string {
  const raw = Object.entries(msg as Record<string, unknown>).find(
    ([k, v]) => /raw/i.test(k) && typeof v === 'string',
  )?.[1];
  if (typeof raw !== 'string') throw new Error('test harness: cannot read the raw text of the EmailMessage');
  return raw;
}

/**
 * Cloudflare's documented rules for `message.reply()` (the ones miniflare also checks): envelope
 * to the incoming sender, header From equal to the envelope From and on the receiving domain, a
 * Message-ID, In-Reply-To the incoming Message-ID, References holding it and the incoming ones.
 */
async function checkReply(incoming: Email, envelope: { from: string; to: string }, sent: SentMail) {
  const p = sent.parsed;
  const domainOf = (a: string) => a.slice(a.lastIndexOf('@') + 1).toLowerCase();
  if (sent.to !== envelope.from) throw new Error('reply recipient is not the incoming sender');
  if (p.from?.address !== sent.from) throw new Error('From: header does not match mail from');
  if (domainOf(sent.from) !== domainOf(envelope.to))
    throw new Error('sender domain is not the receiving domain');
  if (!p.messageId) throw new Error('invalid message-id');
  if (!incoming.messageId || p.inReplyTo !== incoming.messageId)
    throw new Error('In-Reply-To does not match original Message-ID');
  const refs = p.references ?? '';
  if (!refs.includes(incoming.messageId) || !refs.includes(incoming.references ?? ''))
    throw new Error('provided References header is invalid');
}

/** A fake inbound message as Email Routing hands it to `email()`, recording setReject and reply calls. */
export function fakeEmail(raw: string | Uint8Array, opts: FakeEmailOptions) {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : new Uint8Array(raw);
  const rejected: string[] = [];
  const replies: SentMail[] = [];
  const reply = vi.fn(async (msg: EmailMessage) => {
    if (opts.replyError) throw new Error(opts.replyError);
    const text = rawOf(msg);
    const sent = { from: msg.from, to: msg.to, raw: text, parsed: await PostalMime.parse(text) };
    await checkReply(await PostalMime.parse(bytes), opts, sent);
    replies.push(sent);
    return { messageId: 'replied' };
  });
  const message = {
    from: opts.from,
    to: opts.to,
    raw: new Response(bytes as Uint8Array<ArrayBuffer>).body as ReadableStream<Uint8Array>,
    rawSize: opts.rawSize ?? bytes.byteLength,
    headers: new Headers(),
    setReject: (reason: string) => {
      rejected.push(reason);
    },
    forward: async () => ({ messageId: 'forwarded' }),
    reply,
  } satisfies ForwardableEmailMessage;
  return { message, rejected, replies, reply };
}

/** Delivers a raw message through the Worker's real `email` export; returns rejections and replies. */
export async function deliver(raw: string | Uint8Array, opts: FakeEmailOptions) {
  const { message, rejected, replies, reply } = fakeEmail(raw, opts);
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return { rejected, replies, reply };
}

/** One mail handed to the send_email binding, parsed back. */
export interface SentMail {
  from: string;
  to: string;
  raw: string;
  parsed: Email;
}

/**
 * Stubs `env.EMAIL.send` (mockImplementation, never a call-through spy) and records every mail.
 * The raw text is read from the EmailMessage miniflare builds; fail loudly if that ever changes.
 */
export function captureMail(opts: { fail?: boolean } = {}) {
  const sent: SentMail[] = [];
  const pending: Promise<void>[] = [];
  const spy = vi.spyOn(env.EMAIL, 'send').mockImplementation(async (msg: unknown) => {
    if (opts.fail) throw new Error('send_email unavailable');
    const m = msg as { from: string; to: string };
    const raw = rawOf(msg);
    const p = PostalMime.parse(raw).then((parsed) => {
      sent.push({ from: m.from, to: m.to, raw, parsed });
    });
    pending.push(p);
    await p;
    return { messageId: 'stub' };
  });
  return { sent, spy, settled: () => Promise.all(pending) };
}

/** A header value of a parsed mail (first occurrence, lower-case name). */
export const header = (mail: Email, name: string) => mail.headers.find((h) => h.key === name)?.value;

/**
 * `raw` as Cloudflare's receiving server hands it on when the sender's domain passed DMARC: its own
 * Authentication-Results header on top (authserv-id mx.cloudflare.net), naming the From domain.
 */
export function passedDmarc(raw: string, fromDomain: string): string {
  return `Authentication-Results: mx.cloudflare.net; dkim=pass header.d=${fromDomain}; spf=pass smtp.mailfrom=${fromDomain}; dmarc=pass header.from=${fromDomain}\r\n${raw}`;
}
