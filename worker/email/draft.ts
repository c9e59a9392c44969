import { triageEmail } from '../../shared/email-triage';
import type { Flag, Locale } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import type { FirstEvent, TicketDraft } from '../db/tickets';
import { ticketClock } from '../sla-sql';
import { uniqueFlags } from '../ticket-assessment';
import type { InboundEmail } from './parse';

/** Longest subject and description kept, as the widget intake caps them (shared/schema.ts). */
export const MAX_SUBJECT_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 10_000;

/** What the draft needs besides the message: decided elsewhere (ids, tokens, contact lookup, time). */
export interface DraftContext {
  id: string;
  tenantId: string;
  locale: Locale;
  coverage: Coverage;
  contactAuthorised: boolean;
  replyToken: string;
  accessTokenHash: string;
  messageId: string;
  now: number;
}

function cap(text: string, max: number, locale: Locale): string {
  if (text.length <= max) return text;
  const note = locale === 'id' ? 'dipotong' : 'truncated';
  return `${text.slice(0, max)}\n\n[… ${note}: ${text.length - max}]`;
}

/**
 * A new email ticket: severity and flags from the triage (provisional, `needs_triage`), the due
 * time by the same coverage rules as the widget, `unauthorised_contact` for senders outside the
 * tenant's contacts (guide section 7), and the first audit event.
 */
export function emailTicketDraft(
  mail: InboundEmail,
  from: { address: string; name: string },
  ctx: DraftContext,
) {
  const triage = triageEmail({ subject: mail.subject, text: mail.text });
  const due = ticketClock(ctx.coverage, triage.severity, ctx.now);
  const flags: Flag[] = uniqueFlags([
    ...triage.flags,
    // Mail carries no identity we can verify (From is easy to forge), like a widget report without userHash.
    'unverified_contact',
    ...(ctx.contactAuthorised ? [] : (['unauthorised_contact'] as const)),
    ...(due.missingHolidayYears.length > 0 ? (['holiday_data_missing'] as const) : []),
  ]);
  const security = flags.includes('security_incident');
  const noSubject = ctx.locale === 'id' ? '(tanpa subjek)' : '(no subject)';
  const draft = {
    id: ctx.id,
    tenantId: ctx.tenantId,
    channel: 'email' as const,
    subject: cap(mail.subject, MAX_SUBJECT_CHARS, ctx.locale) || noSubject,
    description: cap(mail.text, MAX_DESCRIPTION_CHARS, ctx.locale) || noSubject,
    category: security ? 'security_incident' : 'problem',
    severity: triage.severity,
    severityRule: triage.rule,
    flags,
    // Scope needs facts an email does not give; an agent decides it during triage.
    inScope: true,
    contactName: from.name || from.address.split('@')[0] || from.address,
    contactEmail: from.address,
    contactVerified: false,
    contactAuthorised: ctx.contactAuthorised,
    locale: ctx.locale,
    accessTokenHash: ctx.accessTokenHash,
    replyToken: ctx.replyToken,
    emailMessageId: ctx.messageId,
    clockStartsAt: due.clockStartsAt,
    firstResponseDueAt: due.dueAt,
    atRiskAt: due.atRiskAt,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  } satisfies TicketDraft;
  const first: FirstEvent = {
    type: 'created',
    actor: 'customer',
    data: {
      channel: 'email',
      messageId: ctx.messageId,
      severity: triage.severity,
      severityRule: triage.rule,
      ...(triage.matched ? { matched: triage.matched } : {}),
      flags,
      dueAt: due.dueAt,
      attachments: mail.attachments.length,
    },
  };
  return { draft, first, due, security };
}
