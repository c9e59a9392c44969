import type { Locale, Severity } from '../../shared/schema';
import { parseCoverage } from '../coverage';
import type { Db } from '../db/client';
import { eventInsert, SYSTEM } from '../db/events';
import type { Organisation, SlaBreach, Ticket } from '../db/schema';
import { breachesToNotice, severityOneToNotice } from '../db/success-contact';
import { newMessageId, sendMail } from '../email/outbound';
import { organisationAddress, supportDomainOf } from '../email/route';
import {
  type SuccessContactFacts,
  successContactSubject,
  successContactText,
} from '../email/success-contact-strings';
import type { Env } from '../env';

/** Notices sent per cron run and kind; the rest follow a minute later. */
export const SUCCESS_CONTACT_BATCH = 20;
/** How far back a cron run looks: older tickets and breaches (e.g. before the feature) are never mailed. */
export const SUCCESS_CONTACT_WINDOW_MS = 24 * 3_600_000;

type Notice = {
  ticket: Ticket;
  organisation: Organisation;
  desk: { slug: string; name: string };
  breach?: SlaBreach;
};

async function notice(env: Pick<Env, 'EMAIL' | 'SUPPORT_EMAIL_DOMAIN'>, db: Db, n: Notice, now: number) {
  const { ticket, organisation: org, breach } = n;
  const to = org.successContactEmail as string;
  const locale: Locale = org.locale === 'en' ? 'en' : 'id';
  const facts: SuccessContactFacts = {
    reason: breach ? 'breach' : 'severity_1',
    organisationName: org.name,
    number: ticket.number,
    subject: ticket.subject,
    severity: (breach?.severity ?? ticket.severity) as Severity,
    dueAt: breach?.dueAt ?? ticket.firstResponseDueAt,
    timeZone: parseCoverage(org.coverage).spec.calendar.timeZone,
    ...(breach ? { breach: { clock: breach.kind, breachedAt: breach.breachedAt } } : {}),
  };
  const domain = supportDomainOf(env);
  const mail = {
    from: organisationAddress(n.desk.slug, domain),
    fromName: n.desk.name,
    to,
    ...(org.successContactName ? { toName: org.successContactName } : {}),
    replyTo: organisationAddress(n.desk.slug, domain),
    subject: successContactSubject(facts, locale),
    text: successContactText(facts, locale),
    messageId: newMessageId(ticket.id, 'ack', domain),
    autoSubmitted: true,
    ticketId: ticket.id,
    date: new Date(now),
  };
  const key = breach ? { reason: 'breach', breachId: breach.id } : { reason: 'severity_1' };
  try {
    await sendMail(env.EMAIL, mail);
    await eventInsert(
      db,
      ticket,
      {
        type: 'email_sent',
        by: SYSTEM,
        data: { kind: 'success_contact', ...key, to, messageId: mail.messageId },
      },
      now,
    );
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error('success contact mail failed', ticket.id, reason);
    // Recorded as done: a broken address must not be retried every minute for a day.
    await eventInsert(
      db,
      ticket,
      { type: 'email_failed', by: SYSTEM, data: { kind: 'success_contact', ...key, to, reason } },
      now,
    );
  }
}

/**
 * Guide section 8: tells each organisation's customer-success contact of its severity 1 tickets
 * (opened through any channel, or raised to severity 1) and of every breach recorded for its
 * tickets (by the cron or a late reply), once each: an `email_sent` (or `email_failed`) event of
 * kind `success_contact` marks the notice done. Runs from the cron, so every intake channel and
 * both breach paths meet in one place. Returns how many notices it attempted.
 */
export async function noticeSuccessContacts(
  env: Pick<Env, 'EMAIL' | 'SUPPORT_EMAIL_DOMAIN'>,
  db: Db,
  now: number,
  limit = SUCCESS_CONTACT_BATCH,
): Promise<number> {
  const since = now - SUCCESS_CONTACT_WINDOW_MS;
  const opened = await severityOneToNotice(db, since, limit);
  for (const n of opened) await notice(env, db, n, now);
  const breaches = await breachesToNotice(db, since, limit);
  for (const n of breaches) await notice(env, db, n, now);
  return opened.length + breaches.length;
}
