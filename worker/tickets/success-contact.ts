import type { Locale, Severity } from '../../shared/schema';
import { parseCoverage } from '../coverage';
import type { Db } from '../db/client';
import type { DataDatabase } from '../db/desk-database';
import { eventInsert, SYSTEM } from '../db/events';
import type { Organisation, SlaBreach, Ticket } from '../db/schema';
import { breachesToNotice, noticeOf, severityOneToNotice } from '../db/success-contact';
import { newMessageId, sendMail } from '../email/outbound';
import { organisationAddress, supportDomainOf } from '../email/route';
import {
  type SuccessContactFacts,
  successContactSubject,
  successContactText,
} from '../email/success-contact-strings';
import type { Env } from '../env';
import { mailKey } from '../queues/messages';
import { queueMail } from '../queues/produce';

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

async function notice(
  env: Pick<Env, 'EMAIL' | 'SUPPORT_EMAIL_DOMAIN'>,
  db: Db,
  n: Notice,
  now: number,
): Promise<string> {
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
  // A failed send throws: the queue retries it a few times, then the dead-letter consumer records
  // `email_failed` and the notice counts as done (a broken address is not retried for a day).
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
  return mail.messageId;
}

/** Sends the notice a mail message names (the consumer's part); undefined when there is nothing to send. */
export async function sendSuccessContactNotice(
  env: Pick<Env, 'EMAIL' | 'SUPPORT_EMAIL_DOMAIN'>,
  db: Db,
  ticketId: string,
  breachId: string | undefined,
  now: number,
): Promise<string | undefined> {
  const n = await noticeOf(db, ticketId, breachId);
  if (!n?.organisation.successContactEmail || (breachId && !n.breach)) return undefined;
  return notice(env, db, { ...n, breach: n.breach ?? undefined }, now);
}

/**
 * Guide section 8: tells each organisation's customer-success contact of its severity 1 tickets
 * (opened through any channel, or raised to severity 1) and of every breach recorded for its
 * tickets (by the cron or a late reply), once each: the cron finds them and puts one mail each on
 * the mail queue (delivery key per ticket or breach); the consumer's `email_sent` event, or the
 * dead-letter consumer's `email_failed`, marks the notice done. Returns how many it queued.
 */
export async function queueSuccessContacts(
  env: Pick<Env, 'MAIL_QUEUE'>,
  target: DataDatabase,
  now: number,
  limit = SUCCESS_CONTACT_BATCH,
): Promise<number> {
  const since = now - SUCCESS_CONTACT_WINDOW_MS;
  const opened = await severityOneToNotice(target.db, since, limit);
  const breaches = await breachesToNotice(target.db, since, limit);
  const requests = [
    ...opened.map((n) => ({ ticketId: n.ticket.id, deskId: n.ticket.deskId, breachId: undefined })),
    ...breaches.map((n) => ({ ticketId: n.ticket.id, deskId: n.ticket.deskId, breachId: n.breach.id })),
  ].map(({ breachId, ...r }) => ({
    ...r,
    kind: 'success_contact' as const,
    key: mailKey.successContact(r.ticketId, breachId),
    ...(breachId ? { breachId } : {}),
  }));
  return queueMail(env, target, requests, now);
}
