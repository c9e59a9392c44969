import { triageEmail } from '../../shared/email-triage';
import type { Locale } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import { CUSTOMER } from '../db/events';
import type { Desk, Organisation } from '../db/schema';
import type { OpenRequest } from '../tickets/open';
import type { SenderAuthentication } from './auth-results';
import type { InboundEmail } from './parse';

/** Longest subject and description kept, as the widget intake caps them (shared/schema.ts). */
export const MAX_SUBJECT_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 10_000;

/** What the adapter needs besides the message: decided elsewhere (desk, organisation, coverage, time). */
export interface DraftContext {
  desk: Desk;
  organisation: Organisation | null;
  coverage: Coverage;
  messageId: string;
  /** What Cloudflare's receiving server said about the sender (Authentication-Results). */
  sender: SenderAuthentication;
  now: number;
}

function cap(text: string, max: number, locale: Locale): string {
  if (text.length <= max) return text;
  const note = locale === 'id' ? 'dipotong' : 'truncated';
  return `${text.slice(0, max)}\n\n[… ${note}: ${text.length - max}]`;
}

/**
 * The email channel adapted into the one intake's request: severity and flags from the triage
 * (provisional, `needs_triage`), the same coverage rules as the widget, and the sender as the
 * contact. A From is easy to forge: the sender counts as verified only when the message passed
 * DMARC (or SPF/DKIM aligned with the From domain) according to the Authentication-Results header
 * that Cloudflare's own receiving server added, and only a verified sender is checked against the
 * organisation's authorised contacts (guide section 7).
 */
export function emailOpenRequest(
  mail: InboundEmail,
  from: { address: string; name: string },
  ctx: DraftContext,
): OpenRequest {
  const triage = triageEmail({ subject: mail.subject, text: mail.text });
  const locale = (ctx.organisation ?? ctx.desk).locale;
  const security = triage.flags.includes('security_incident');
  const noSubject = locale === 'id' ? '(tanpa subjek)' : '(no subject)';
  return {
    desk: ctx.desk,
    organisation: ctx.organisation,
    coverage: ctx.coverage,
    channel: 'email',
    content: {
      subject: cap(mail.subject, MAX_SUBJECT_CHARS, locale) || noSubject,
      description: cap(mail.text, MAX_DESCRIPTION_CHARS, locale) || noSubject,
      category: security ? 'security_incident' : 'problem',
    },
    // Scope needs facts an email does not give; an agent decides it during triage.
    assessment: { severity: triage.severity, severityRule: triage.rule, flags: triage.flags, inScope: true },
    contact: {
      name: from.name || from.address.split('@')[0] || from.address,
      email: from.address,
      verified: ctx.sender.verified,
      checkAuthorised: ctx.sender.verified,
    },
    locale,
    receivedAt: ctx.now,
    now: ctx.now,
    by: CUSTOMER,
    createdData: {
      messageId: ctx.messageId,
      contactEvidence: ctx.sender.verified ? ctx.sender.evidence : `unverified: ${ctx.sender.reason}`,
      ...(triage.matched ? { matched: triage.matched } : {}),
      attachments: mail.attachments.length,
    },
    emailMessageId: ctx.messageId,
  };
}
