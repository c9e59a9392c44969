import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import PostalMime, { type Email } from 'postal-mime';
import { vi } from 'vitest';
import worker from '../../worker/index';

/** The support domain of wrangler.toml's [vars]. */
export const DOMAIN = 'support.kinobi.example';

/** A fake inbound message as Email Routing hands it to `email()`, recording setReject calls. */
export function fakeEmail(raw: string | Uint8Array, opts: { from: string; to: string; rawSize?: number }) {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : new Uint8Array(raw);
  const rejected: string[] = [];
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
    reply: async () => ({ messageId: 'replied' }),
  } satisfies ForwardableEmailMessage;
  return { message, rejected };
}

/** Delivers a raw message through the Worker's real `email` export. */
export async function deliver(
  raw: string | Uint8Array,
  opts: { from: string; to: string; rawSize?: number },
) {
  const { message, rejected } = fakeEmail(raw, opts);
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return { rejected };
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
    const m = msg as { from: string; to: string } & Record<string, unknown>;
    const raw = Object.entries(m).find(([k, v]) => /raw/i.test(k) && typeof v === 'string')?.[1];
    if (typeof raw !== 'string')
      throw new Error('test harness: cannot read the raw text of the EmailMessage');
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
