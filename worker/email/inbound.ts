import { getDb } from '../db/client';
import { eventRow } from '../db/events';
import { type tenants, ticketEvents } from '../db/schema';
import { isAuthorisedContact } from '../db/tenants';
import { insertTicket } from '../db/tickets';
import type { Env } from '../env';
import { securityFastPath } from '../security';
import { tenantCoverage } from '../tenant-coverage';
import { sha256Hex, toHex } from '../tokens';
import { acknowledgementMail } from './ack';
import { deliverAcknowledgement, replyFromAddress } from './acknowledge';
import { emailTicketDraft } from './draft';
import { loopReason } from './loops';
import { type InboundEmail, parseEmail, stripQuotedReply } from './parse';
import { newReplyToken, resolveRecipient, supportDomainOf } from './route';
import {
  addEmailReply,
  attachmentInserts,
  findByEmailMessageId,
  findThreadTicket,
  isEmailDuplicate,
} from './store';

/** Largest message accepted (Email Routing itself allows 25 MiB; a support request needs far less). */
export const MAX_EMAIL_BYTES = 10 * 1024 * 1024;

/** What the handler did with a message (returned for tests and logged). */
export type InboundOutcome =
  | { kind: 'rejected'; reason: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'duplicate'; ticketId?: string }
  | {
      kind: 'created';
      ticketId: string;
      number: number;
      acknowledged: boolean;
      /** How the acknowledgement went out (absent when it failed). */
      via?: 'reply' | 'send_email';
    }
  | { kind: 'replied'; ticketId: string; messageId: string; reopened: boolean };

type Tenant = typeof tenants.$inferSelect;

function reject(message: ForwardableEmailMessage, reason: string): InboundOutcome {
  message.setReject(reason);
  return { kind: 'rejected', reason };
}

/** Reads the raw stream, stopping as soon as it passes the cap (rawSize is not trusted alone). */
async function readRaw(stream: ReadableStream<Uint8Array>, max: number): Promise<ArrayBuffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > max) return null;
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

/** The Email Workers entry: route, parse, drop loops, then reply to a ticket or open one and acknowledge it. */
export async function handleEmail(
  message: ForwardableEmailMessage,
  env: Env,
  now = Date.now(),
): Promise<InboundOutcome> {
  const tooBig = `Message too large: the limit for support requests is ${MAX_EMAIL_BYTES / 1024 / 1024} MiB. Please send large files as a link.`;
  if (message.rawSize > MAX_EMAIL_BYTES) return reject(message, tooBig);
  const db = getDb(env.DB);
  const domain = supportDomainOf(env);
  const recipient = await resolveRecipient(db, message.to, domain);
  if (!recipient)
    return reject(message, `Unknown recipient ${message.to}: there is no support mailbox at this address.`);
  const raw = await readRaw(message.raw, MAX_EMAIL_BYTES);
  if (!raw) return reject(message, tooBig);

  let mail: InboundEmail;
  try {
    mail = await parseEmail(raw);
  } catch (err) {
    return reject(
      message,
      `Message could not be read as MIME (${err instanceof Error ? err.message : 'parse error'}).`,
    );
  }
  const from = mail.from ?? fromEnvelope(message.from);
  const loop = loopReason(
    { headers: mail.headers, from: from?.address, envelopeFrom: message.from, messageId: mail.messageId },
    domain,
  );
  // Never reject a robot's mail either: a bounce to a bounce is how loops start. Drop it quietly.
  if (loop) return { kind: 'ignored', reason: loop };
  if (!from) return reject(message, 'Message has no sender address.');
  if (!mail.subject && !mail.text && mail.attachments.length === 0) {
    return reject(message, 'Message has no subject, text or attachment: nothing to open a request with.');
  }
  const messageId = mail.messageId ?? `sha256.${mail.fingerprint}@no-message-id`;

  const { tenant } = recipient;
  const seen = await findByEmailMessageId(db, tenant.id, messageId);
  if (seen.ticket || seen.replyMessageId) return { kind: 'duplicate', ticketId: seen.ticket?.id };

  // A thread found only by headers must come from the ticket's contact; the reply token is proof enough.
  const threaded = recipient.ticket ?? (await findThreadTicket(db, tenant.id, mail.replyTo, domain));
  const ticket =
    recipient.ticket ?? (threaded?.contactEmail.toLowerCase() === from.address ? threaded : undefined);
  try {
    if (ticket) {
      const body = stripQuotedReply(mail.text) || mail.subject;
      const r = await addEmailReply(db, {
        ticket,
        tenant,
        author: from.address,
        body,
        emailMessageId: messageId,
        files: mail.attachments,
        now,
      });
      return { kind: 'replied', ticketId: ticket.id, messageId: r.messageId, reopened: r.reopened };
    }
    return await openTicket(message, env, tenant, mail, from, messageId, now);
  } catch (err) {
    if (isEmailDuplicate(err)) return { kind: 'duplicate' };
    throw err;
  }
}

function fromEnvelope(address: string): { address: string; name: string } | undefined {
  const a = address.trim().toLowerCase();
  return /^[^@\s<>]+@[^@\s<>]+$/.test(a) ? { address: a, name: '' } : undefined;
}

async function openTicket(
  message: ForwardableEmailMessage,
  env: Env,
  tenant: Tenant,
  mail: InboundEmail,
  from: { address: string; name: string },
  messageId: string,
  now: number,
): Promise<InboundOutcome> {
  const db = getDb(env.DB);
  const domain = supportDomainOf(env);
  const { coverage } = await tenantCoverage(db, tenant, now);
  const id = crypto.randomUUID();
  // Email customers reply by mail; the widget access token is never handed out, so only its hash exists.
  const accessTokenHash = await sha256Hex(toHex(crypto.getRandomValues(new Uint8Array(32))));
  const { draft, first, security } = emailTicketDraft(mail, from, {
    id,
    tenantId: tenant.id,
    locale: tenant.locale,
    coverage,
    contactAuthorised: await isAuthorisedContact(db, tenant.id, from.address),
    replyToken: newReplyToken(),
    accessTokenHash,
    messageId,
    now,
  });
  const extra = [
    ...(security ? securityFastPath(db, tenant, draft) : []),
    ...attachmentInserts(db, tenant, id, null, mail.attachments, now),
  ];
  const { number } = await insertTicket(db, draft, first, extra);

  const thread = [...mail.replyTo.slice().reverse(), messageId];
  const ack = acknowledgementMail({
    tenant,
    ticket: { ...draft, number },
    coverage,
    thread,
    supportDomain: domain,
    now,
  });
  const event = (type: string, data: unknown) =>
    db
      .insert(ticketEvents)
      .values(eventRow({ id, tenantId: tenant.id }, { type, actor: 'system', data }, now));
  try {
    const sent = await deliverAcknowledgement(message, env.EMAIL, ack, {
      inboundMessageId: mail.messageId,
      replyFrom: replyFromAddress(tenant, message.to, domain),
    });
    await event('email_sent', { kind: 'acknowledgement', to: ack.to, messageId: ack.messageId, ...sent });
    return { kind: 'created', ticketId: id, number, acknowledged: true, via: sent.via };
  } catch (err) {
    // The ticket stands; an agent sees that the customer was not told.
    const reason = err instanceof Error ? err.message : String(err);
    console.error('acknowledgement mail failed', id, reason);
    await event('email_failed', { kind: 'acknowledgement', to: ack.to, reason });
    return { kind: 'created', ticketId: id, number, acknowledged: false };
  }
}

/** The Worker's `email` export: handles one inbound message and logs what happened. */
export const email: EmailExportedHandler<Env> = async (message, env) => {
  const outcome = await handleEmail(message, env);
  console.log('email', message.from, '->', message.to, JSON.stringify(outcome));
};
