import { EmailMessage } from 'cloudflare:email';
// The browser entry of mimetext: CRLF line ends and js-base64, so it needs no Buffer or node:os.
import { createMimeMessage, Mailbox } from 'mimetext/browser';

/**
 * Building and sending mail. mimetext writes the message (headers, RFC 2047 subject, structure);
 * the body goes out as UTF-8 base64 because mimetext leaves the transfer encoding to the caller.
 * Every Message-ID we send is `kinobi.<ticketId>.<kind>.<random>@<support domain>`, so a reply
 * that lost our Reply-To still names its ticket in In-Reply-To, and our own mail is recognisable.
 */

/** A file carried by a mail (base64, Content-Disposition: attachment). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** One outgoing mail, all addresses bare (`a@b`). */
export interface OutgoingMail {
  from: string;
  fromName: string;
  to: string;
  toName?: string;
  replyTo: string;
  subject: string;
  text: string;
  /** Without angle brackets. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** RFC 3834: set on automatic mail (acknowledgements) so other robots do not answer it. */
  autoSubmitted?: boolean;
  /** The ticket the mail is about (X-Kinobi-Ticket); none for mail about no ticket (a sign-in link). */
  ticketId?: string;
  date: Date;
  /** Files sent with the mail (an agent reply's, under a size cap: worker/email/reply-files.ts). */
  attachments?: MailAttachment[];
}

/** A new Message-ID for mail about a ticket (no angle brackets). */
export function newMessageId(ticketId: string, kind: 'ack' | 'reply', domain: string): string {
  const rand = [...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  return `kinobi.${ticketId}.${kind}.${rand}@${domain}`;
}

/** The ticket id inside one of our Message-IDs, or undefined. */
export function ticketIdFromMessageId(messageId: string, domain: string): string | undefined {
  const m = /^kinobi\.([^.@]+)\.(?:ack|reply)\.[0-9a-f]+@(.+)$/.exec(messageId);
  return m?.[2]?.toLowerCase() === domain.toLowerCase() ? m[1] : undefined;
}

// mimetext writes display names as RFC 2047 words; line breaks are all that must not reach it.
const safeName = (name: string | undefined) => name?.replace(/[\r\n]+/g, ' ').trim() || undefined;

function base64OfBytes(bytes: Uint8Array): string {
  let bin = '';
  // In chunks: a spread of a whole file would exceed the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return (btoa(bin).match(/.{1,76}/g) ?? []).join('\r\n');
}

const base64Lines = (text: string) => base64OfBytes(new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n')));

const bracket = (id: string) => `<${id}>`;

/** The raw RFC 5322 text of a mail. */
export function buildMail(m: OutgoingMail): string {
  const msg = createMimeMessage();
  const fromName = safeName(m.fromName);
  msg.setSender(fromName ? { name: fromName, addr: m.from } : { addr: m.from });
  const toName = safeName(m.toName);
  msg.setRecipient(toName ? { name: toName, addr: m.to } : { addr: m.to });
  msg.setHeader('Reply-To', new Mailbox({ addr: m.replyTo }));
  msg.setSubject(m.subject);
  msg.setHeader('Message-ID', bracket(m.messageId));
  msg.setHeader('Date', m.date.toUTCString().replace(/GMT$/, '+0000'));
  if (m.inReplyTo) msg.setHeader('In-Reply-To', bracket(m.inReplyTo));
  if (m.references?.length) msg.setHeader('References', m.references.map(bracket).join(' '));
  if (m.autoSubmitted) msg.setHeader('Auto-Submitted', 'auto-replied');
  if (m.ticketId) msg.setHeader('X-Kinobi-Ticket', m.ticketId);
  msg.addMessage({
    contentType: 'text/plain',
    charset: 'UTF-8',
    encoding: 'base64',
    data: base64Lines(m.text),
  });
  for (const a of m.attachments ?? [])
    msg.addAttachment({ filename: a.filename, contentType: a.contentType, data: base64OfBytes(a.data) });
  return msg.asRaw();
}

/**
 * Answers the inbound message being handled through Email Routing's `reply()`: the envelope goes
 * to the message's sender (Cloudflare requires that, and From on the domain that received it).
 */
export async function replyWithMail(message: ForwardableEmailMessage, mail: OutgoingMail): Promise<void> {
  await message.reply(new EmailMessage(mail.from, message.from, buildMail(mail)));
}

/** Sends a built mail through the send_email binding (envelope From equals the header From). */
export async function sendMail(binding: SendEmail, mail: OutgoingMail): Promise<void> {
  await binding.send(new EmailMessage(mail.from, mail.to, buildMail(mail)));
}
