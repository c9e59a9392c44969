import { storeInboundAttachments } from '../attachments/inbound';
import { coverageOf } from '../coverage';
import { type Db, getDb } from '../db/client';
import { dbForDesk } from '../db/desk-database';
import {
  EMAIL_TICKETS_PER_ORGANISATION_PER_HOUR,
  EMAIL_TICKETS_PER_SENDER_PER_HOUR,
  emailIntakeLoad,
} from '../db/email-intake';
import {
  addEmailReply,
  attachmentInserts,
  type EmailReply,
  findByEmailMessageId,
  findThreadTicket,
  isEmailDuplicate,
} from '../db/email-store';
import { eventInsert, SYSTEM } from '../db/events';
import type { Desk, Organisation } from '../db/schema';
import type { Env } from '../env';
import { databaseOfEntry } from '../planes/resolve';
import { settleTicketClocks } from '../tickets/breaches';
import { conversationLinkUrl, issueConversationLink } from '../tickets/conversation-link';
import { openTicket as openInDesk } from '../tickets/open';
import { alertSecurityTeam } from '../tickets/security-alert';
import { acknowledgementMail } from './ack';
import { deliverAcknowledgement, replyFromAddress } from './acknowledge';
import { type SenderAuthentication, senderAuthentication } from './auth-results';
import { emailOpenRequest } from './draft';
import { loopReason } from './loops';
import { type InboundEmail, parseEmail, stripQuotedReply } from './parse';
import {
  mailboxEntry,
  parseRecipient,
  type ResolvedRecipient,
  resolveRecipient,
  supportDomainOf,
} from './route';

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
  | { kind: 'replied'; ticketId: string; messageId: string; reopened: boolean; limited?: boolean };

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
  const domain = supportDomainOf(env);
  // The address names the desk: the directory says which database holds it (issue 15).
  const route = parseRecipient(message.to, domain);
  const db = getDb(env[route ? await databaseOfEntry(env, mailboxEntry(route)) : 'DB']);
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

  const { desk, organisation } = recipient;
  const seen = await findByEmailMessageId(db, desk.id, messageId);
  if (seen.ticket || seen.replyMessageId) return { kind: 'duplicate', ticketId: seen.ticket?.id };

  const sender = senderAuthentication(mail.headerFields, from.address);
  // A thread found only by headers must come from the ticket's contact, verified (a From alone is
  // easy to forge); the reply token in the address is proof enough by itself.
  const threaded = recipient.ticket ?? (await findThreadTicket(db, desk.id, mail.replyTo, domain));
  const ticket =
    recipient.ticket ??
    (sender.verified && threaded?.contactEmail.toLowerCase() === from.address ? threaded : undefined);
  try {
    if (ticket) {
      const body = stripQuotedReply(mail.text) || mail.subject;
      const r = await replyByEmail(env, db, {
        ticket,
        organisation,
        author: from.address,
        body,
        emailMessageId: messageId,
        files: mail.attachments,
        now,
      });
      await settleTicketClocks(db, ticket.deskId, ticket.id, now);
      return { kind: 'replied', ticketId: ticket.id, messageId: r.messageId, reopened: r.reopened };
    }
    return await openTicket(message, env, recipient, mail, from, messageId, sender, now);
  } catch (err) {
    if (isEmailDuplicate(err)) return { kind: 'duplicate' };
    throw err;
  }
}

/**
 * A customer's reply by email: its attachments go to R2 first (by the upload rules), then the reply and
 * their rows in one batch; if the batch fails (a redelivery won the race) the objects are deleted.
 */
async function replyByEmail(
  env: Env,
  db: Db,
  r: Omit<EmailReply, 'attachments'> & {
    organisation: Pick<Organisation, 'storeAttachments' | 'attachmentMaxBytes'> | null;
    files: InboundEmail['attachments'];
  },
) {
  const stored = await storeInboundAttachments(env.ATTACHMENTS, r.organisation, r.ticket.id, r.files, r.now);
  try {
    return await addEmailReply(db, { ...r, attachments: stored.rows });
  } catch (err) {
    await stored.discard();
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
  { desk, organisation }: ResolvedRecipient,
  mail: InboundEmail,
  from: { address: string; name: string },
  messageId: string,
  sender: SenderAuthentication,
  now: number,
): Promise<InboundOutcome> {
  const { db } = await dbForDesk(env, desk.id);
  const domain = supportDomainOf(env);
  // Per-sender and per-organisation limits: a flood of mail never becomes a flood of tickets and mail.
  const load = await emailIntakeLoad(db, {
    deskId: desk.id,
    organisationId: organisation?.id ?? null,
    sender: from.address,
    now,
  });
  if (load.bySender >= EMAIL_TICKETS_PER_SENDER_PER_HOUR && load.latestOpen) {
    const r = await replyByEmail(env, db, {
      ticket: load.latestOpen,
      organisation,
      author: from.address,
      body: [mail.subject, stripQuotedReply(mail.text)].filter(Boolean).join('\n\n'),
      emailMessageId: messageId,
      files: mail.attachments,
      now,
    });
    await settleTicketClocks(db, load.latestOpen.deskId, load.latestOpen.id, now);
    return {
      kind: 'replied',
      ticketId: load.latestOpen.id,
      messageId: r.messageId,
      reopened: r.reopened,
      limited: true,
    };
  }
  const overLimit =
    load.bySender >= EMAIL_TICKETS_PER_SENDER_PER_HOUR ||
    load.byOrganisation >= EMAIL_TICKETS_PER_ORGANISATION_PER_HOUR;
  const { coverage } = await coverageOf(db, organisation ?? desk, now);
  const request = emailOpenRequest(mail, from, { desk, organisation, coverage, messageId, sender, now });
  // The ticket's id is chosen here: its attachments' R2 keys name it, and they are stored before the batch.
  const id = crypto.randomUUID();
  const stored = await storeInboundAttachments(env.ATTACHMENTS, organisation, id, mail.attachments, now);
  const opened = await openInDesk(db, {
    ...request,
    id,
    extra: () => attachmentInserts(db, stored.rows, null),
  }).catch(async (err) => {
    await stored.discard();
    throw err;
  });
  if (opened.replayed) await stored.discard();
  // Email tickets take no Idempotency-Key: a redelivery is caught by the Message-ID's unique index.
  if (opened.replayed) return { kind: 'duplicate', ticketId: opened.ticket.id };
  const ticket = opened.ticket;
  // Guide section 11: the security team hears of a reported incident at once, besides the webhook.
  if (ticket.flags.includes('security_incident'))
    await alertSecurityTeam(env, db, desk, organisation ?? null, ticket, now);
  const thread = [...mail.replyTo.slice().reverse(), messageId];
  const mailFor: Pick<Organisation | Desk, 'slug' | 'name' | 'locale'> = organisation ?? desk;
  // The conversation page's own link, as widget confirmations carry (only its hash is stored).
  const conversationUrl = overLimit
    ? undefined
    : conversationLinkUrl(
        env,
        await issueConversationLink(db, ticket.id, { now, directory: { env, deskId: ticket.deskId } }),
      );
  const ack = acknowledgementMail({
    sender: mailFor,
    desk,
    ticket,
    coverage,
    thread,
    supportDomain: domain,
    conversationUrl,
    now,
  });
  const event = (type: string, data: unknown) => eventInsert(db, ticket, { type, by: SYSTEM, data }, now);
  if (overLimit) {
    await event('email_withheld', {
      kind: 'acknowledgement',
      to: ack.to,
      reason: 'email intake limit reached',
    });
    return { kind: 'created', ticketId: ticket.id, number: ticket.number, acknowledged: false };
  }
  try {
    const sent = await deliverAcknowledgement(message, env.EMAIL, ack, {
      senderVerified: sender.verified,
      inboundMessageId: mail.messageId,
      replyFrom: replyFromAddress(
        organisation ?? { slug: desk.slug, emailAddress: null },
        message.to,
        domain,
      ),
    });
    if (sent.via === 'withheld') {
      await event('email_withheld', { kind: 'acknowledgement', to: ack.to, reason: sent.reason });
      return { kind: 'created', ticketId: ticket.id, number: ticket.number, acknowledged: false };
    }
    await event('email_sent', { kind: 'acknowledgement', to: ack.to, messageId: ack.messageId, ...sent });
    return { kind: 'created', ticketId: ticket.id, number: ticket.number, acknowledged: true, via: sent.via };
  } catch (err) {
    // The ticket stands; an agent sees that the customer was not told.
    const reason = err instanceof Error ? err.message : String(err);
    console.error('acknowledgement mail failed', ticket.id, reason);
    await event('email_failed', { kind: 'acknowledgement', to: ack.to, reason });
    return { kind: 'created', ticketId: ticket.id, number: ticket.number, acknowledged: false };
  }
}

/** The Worker's `email` export: handles one inbound message and logs what happened. */
export const email: EmailExportedHandler<Env> = async (message, env) => {
  const outcome = await handleEmail(message, env);
  console.log('email', message.from, '->', message.to, JSON.stringify(outcome));
};
