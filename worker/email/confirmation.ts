import { coverageOf } from '../coverage';
import type { Db } from '../db/client';
import { dbForDesk } from '../db/desk-database';
import { findDesk } from '../db/desks';
import { eventInsert, SYSTEM } from '../db/events';
import { mailSenderOf, otherTicketFromAddressSince } from '../db/mail';
import type { Desk, Organisation, Ticket } from '../db/schema';
import { findTicket } from '../db/tickets';
import type { Env } from '../env';
import { mailKey } from '../queues/messages';
import { queueMail } from '../queues/produce';
import { conversationLinkUrl, issueConversationLink } from '../tickets/conversation-link';
import { acknowledgementMail } from './ack';
import { sendMail } from './outbound';
import { supportDomainOf } from './route';

const HOUR = 3_600_000;

/**
 * Puts the confirmation of a new widget ticket on the mail queue, once per ticket (delivery key
 * `confirmation:<ticketId>`): the intake calls it after the ticket is stored, a replay never.
 */
export async function queueWidgetConfirmation(
  env: Env,
  ticket: Pick<Ticket, 'id' | 'deskId'>,
  now = Date.now(),
): Promise<number> {
  const target = await dbForDesk(env, ticket.deskId);
  const request = { kind: 'confirmation' as const, key: mailKey.confirmation(ticket.id) };
  return queueMail(env, target, [{ ...request, deskId: ticket.deskId, ticketId: ticket.id }], now);
}

/**
 * The confirmation of a widget ticket by email (issue 13): number, severity, the first-response target
 * worded as a target, support hours, and a Reply-To that threads an answer into the same ticket.
 * The mail consumer sends it (queueWidgetConfirmation put it on the queue). To an address nothing
 * verified, at most one confirmation an hour: a typed address may be anyone's. A failed send throws
 * (the queue retries it; the dead-letter consumer records `email_failed` when it gives up).
 */
export async function sendWidgetConfirmation(
  env: Env,
  db: Db,
  ticket: Pick<Ticket, 'id' | 'deskId'> | Ticket,
  now = Date.now(),
  /** Who the mail is sent for, when the caller knows it already (saves a read). */
  knownSender?: Organisation | Desk,
) {
  // The intake hands over the row it just wrote; anything else is read back.
  const t = 'contactEmail' in ticket ? ticket : await findTicket(db, ticket.deskId, ticket.id);
  if (t?.channel !== 'widget') return { sent: false as const, reason: 'not a widget ticket' };
  const event = (type: string, data: unknown) => eventInsert(db, t, { type, by: SYSTEM, data }, now);
  if (!t.contactVerified) {
    if (await otherTicketFromAddressSince(db, t, now - HOUR)) {
      const reason = 'unverified address: one confirmation an hour';
      await event('email_withheld', { kind: 'confirmation', to: t.contactEmail, reason });
      return { sent: false as const, reason };
    }
  }
  const sender = knownSender ?? (await mailSenderOf(db, t));
  if (!sender) return { sent: false as const, reason: 'organisation not found' };
  // The desk signs the mail; when the request has no organisation, the sender is the desk itself.
  const desk = sender.id === t.deskId ? sender : await findDesk(db, t.deskId);
  if (!desk) return { sent: false as const, reason: 'desk not found' };
  const { coverage } = await coverageOf(db, sender, now);
  // A link of its own for this mail: only its hash is stored, so it is made here, once.
  const conversationUrl = conversationLinkUrl(
    env,
    await issueConversationLink(db, t.id, { now, directory: { env, deskId: t.deskId } }),
  );
  const mail = acknowledgementMail({
    sender: { ...sender, locale: t.locale === 'en' || t.locale === 'id' ? t.locale : sender.locale },
    desk,
    ticket: t,
    coverage,
    thread: [],
    supportDomain: supportDomainOf(env),
    conversationUrl,
    now,
  });
  await sendMail(env.EMAIL, mail);
  await event('email_sent', { kind: 'confirmation', to: mail.to, messageId: mail.messageId });
  return { sent: true as const, messageId: mail.messageId };
}
