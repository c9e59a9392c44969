/**
 * Mail we must never answer or turn into a ticket (RFC 3834 and common practice): auto-replies,
 * bulk and list mail, bounces, and our own messages coming back. Answering any of them risks a
 * mail loop; a ticket from them is noise. Pure: headers in, reason out.
 */

/** What the loop check needs from a message; header names lower-case. */
export interface LoopInput {
  headers: Record<string, string>;
  /** Header From address (lower-case), if any. */
  from?: string;
  /** SMTP envelope sender; empty for bounces (`MAIL FROM:<>`). */
  envelopeFrom: string;
  messageId?: string;
}

const BOUNCE_SENDERS = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

/** Why a message must be ignored, or null when it is a person writing to us. */
export function loopReason(mail: LoopInput, ownDomain: string): string | null {
  const h = mail.headers;
  const own = ownDomain.toLowerCase();
  const autoSubmitted = h['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = h.precedence?.trim().toLowerCase();
  if (precedence && /^(?:bulk|junk|list|auto_reply)\b/.test(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-reply', 'x-autoresponder']) {
    if (h[name] !== undefined) return `${name} header`;
  }
  if (/multipart\/report/i.test(h['content-type'] ?? '')) return 'delivery or read report';
  const envelope = mail.envelopeFrom.trim();
  if (envelope === '' || envelope === '<>') return 'bounce (empty envelope sender)';
  if (BOUNCE_SENDERS.test(envelope) || (mail.from && BOUNCE_SENDERS.test(mail.from))) return 'mailer daemon';
  if (mail.from?.endsWith(`@${own}`) || envelope.toLowerCase().endsWith(`@${own}`)) return 'our own address';
  if (mail.messageId?.toLowerCase().endsWith(`@${own}`)) return 'our own Message-ID';
  if (h['x-kinobi-ticket'] !== undefined) return 'our own message (X-Kinobi-Ticket)';
  return null;
}
