import { convert } from 'html-to-text';
import PostalMime, { type Email } from 'postal-mime';
import { sha256Hex } from '../tokens';

/**
 * Raw MIME → one normalised inbound message. postal-mime does the MIME work (multipart,
 * quoted-printable, base64, RFC 2047 words, non-UTF-8 charsets through TextDecoder). A message with
 * only an HTML part (common from Outlook) gets no `text` from postal-mime, so html-to-text (a
 * maintained converter, pure JS, runs in workerd) turns it into text; the widget never loads it.
 */

/** HTML → readable text: block elements become lines, links keep their target, images vanish. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

/** An attachment as recorded: always name, type and size; the bytes for the tenant's choice. */
export interface InboundAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  content: Uint8Array;
}

/** The parts of a message the email channel uses. */
export interface InboundEmail {
  /** Message-ID without angle brackets; undefined when the message has none. */
  messageId?: string;
  /** Message-IDs this message answers (In-Reply-To first, then References, newest first). */
  replyTo: string[];
  from?: { address: string; name: string };
  subject: string;
  /** Plain text body (from text/plain, or converted from HTML), LF line ends, trimmed. */
  text: string;
  attachments: InboundAttachment[];
  /** First value of each header, names lower-case. */
  headers: Record<string, string>;
  /** Every header in message order, top first (Authentication-Results must be read in order). */
  headerFields: { key: string; value: string }[];
  /** SHA-256 hex of the raw bytes: a stable id for redeliveries of a message without Message-ID. */
  fingerprint: string;
}

/** Message-IDs in a header value, without angle brackets. */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  if (bracketed.length > 0) return bracketed;
  const bare = value.trim();
  return bare && !/\s/.test(bare) ? [bare] : [];
}

/** CRLF → LF, no-break spaces → spaces, no trailing blanks, at most one empty line in a row. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function firstHeaders(email: Email): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of email.headers) if (out[h.key] === undefined) out[h.key] = h.value;
  return out;
}

/** Parses raw message bytes; throws only when postal-mime gives up (e.g. nesting limits). */
export async function parseEmail(raw: ArrayBuffer): Promise<InboundEmail> {
  // Tighter than postal-mime's defaults: a support mail needs neither 256 levels nor 2 MiB of headers.
  const email = await PostalMime.parse(raw, { maxNestingDepth: 32, maxHeadersSize: 256 * 1024 });
  const from = email.from && 'address' in email.from && email.from.address ? email.from : undefined;
  const inReplyTo = messageIds(email.inReplyTo);
  const references = messageIds(email.references).reverse();
  return {
    messageId: messageIds(email.messageId)[0],
    replyTo: [...new Set([...inReplyTo, ...references])],
    from: from?.address ? { address: from.address.toLowerCase(), name: from.name ?? '' } : undefined,
    subject: (email.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: normaliseText(email.text ?? (email.html ? htmlToText(email.html) : '')),
    attachments: email.attachments.map((a) => {
      const content =
        typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content);
      return { filename: a.filename, contentType: a.mimeType, size: content.byteLength, content };
    }),
    headers: firstHeaders(email),
    headerFields: email.headers.map((h) => ({ key: h.key, value: h.value })),
    fingerprint: await sha256Hex(raw),
  };
}

const REPLY_HEADER_LINE = [
  /^On .{1,300}wrote:$/,
  /^Pada .{1,300}menulis:$/,
  /^-{2,}\s*(?:Original Message|Pesan Asli)\s*-{2,}$/i,
  /^_{10,}$/,
];

/** The new part of a reply: cut at the quote header ("On … wrote:", Outlook's "From:/Sent:"), no `>` lines. */
export function stripQuotedReply(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const twoLines = `${line} ${(lines[i + 1] ?? '').trim()}`;
    const outlook =
      /^(?:From|Dari):\s/.test(line) && /^(?:Sent|Dikirim|Date|Tanggal):\s/.test(lines[i + 1] ?? '');
    if (REPLY_HEADER_LINE.some((re) => re.test(line) || re.test(twoLines)) || outlook) {
      end = i;
      break;
    }
  }
  // Quoted lines are dropped one by one, so answers written between quotes survive.
  const kept = lines.slice(0, end).filter((line) => !line.trimStart().startsWith('>'));
  const fresh = normaliseText(kept.join('\n'));
  return fresh || text;
}
