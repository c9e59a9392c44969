import { coverageOf } from '../coverage';
import { eventInsert, SYSTEM } from '../db/events';
import { mailSenderOf, otherTicketFromAddressSince } from '../db/mail';
import type { Desk, Organisation, Ticket } from '../db/schema';
import { findTicket } from '../db/tickets';
import type { Env } from '../env';
import { deskDb } from '../planes/resolve';
import { conversationLinkUrl, issueConversationLink } from '../tickets/conversation-link';
import { acknowledgementMail } from './ack';
import { sendMail } from './outbound';
import { supportDomainOf } from './route';

const HOUR = 3_600_000;

/**
 * The confirmation of a widget ticket by email (issue 13): number, severity, the first-response target
 * worded as a target, support hours, and a Reply-To that threads an answer into the same ticket.
 * Sent once, after the ticket is stored (a replayed submission sends nothing). To an address nothing
 * verified, at most one confirmation an hour: a typed address may be anyone's.
 */
export async function sendWidgetConfirmation(
  env: Env,
  ticket: Pick<Ticket, 'id' | 'deskId'> | Ticket,
  now = Date.now(),
  /** Who the mail is sent for, when the caller knows it already (saves a read). */
  knownSender?: Organisation | Desk,
) {
  const db = await deskDb(env, ticket.deskId);
  // The intake hands over the row it just wrote; anything else is read back.
  const t = 'contactEmail' in ticket ? ticket : await findTicket(db, ticket.deskId, ticket.id);
  if (!t || t.channel !== 'widget') return { sent: false as const, reason: 'not a widget ticket' };
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
  const { coverage } = await coverageOf(db, sender, now);
  // A link of its own for this mail: only its hash is stored, so it is made here, once.
  const conversationUrl = conversationLinkUrl(
    env,
    await issueConversationLink(db, t.id, { now, directory: { env, deskId: t.deskId } }),
  );
  const mail = acknowledgementMail({
    sender: { ...sender, locale: t.locale === 'en' || t.locale === 'id' ? t.locale : sender.locale },
    ticket: t,
    coverage,
    thread: [],
    supportDomain: supportDomainOf(env),
    conversationUrl,
    now,
  });
  try {
    await sendMail(env.EMAIL, mail);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await event('email_failed', { kind: 'confirmation', to: mail.to, reason });
    return { sent: false as const, reason };
  }
  await event('email_sent', { kind: 'confirmation', to: mail.to, messageId: mail.messageId });
  return { sent: true as const, messageId: mail.messageId };
}
