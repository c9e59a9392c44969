import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { Locale } from '../../shared/schema';
import { getDb } from '../db/client';
import { eventInsert, SYSTEM } from '../db/events';
import {
  desks,
  type Message,
  messages,
  organisations,
  type Ticket,
  ticketEvents,
  tickets,
} from '../db/schema';
import type { Env } from '../env';
import { newMessageId, type OutgoingMail, sendMail } from './outbound';
import { organisationAddress, replyAddress, supportDomainOf } from './route';
import { agentReplyText, senderName, ticketSubject } from './strings';

/** What happened to the mail of an agent reply. */
export type AgentReplyMail = { sent: true; messageId: string } | { sent: false; reason: string };

/** How often an unconfirmed, unverified address may be mailed. */
export const UNVERIFIED_MAIL_INTERVAL_MS = 3_600_000;

/**
 * Whether the ticket's address may be mailed now: it confirmed itself (a customer mail arrived on
 * the ticket, so the address reads what we send), or nothing was mailed to it in the last hour.
 */
async function addressConfirmed(
  db: ReturnType<typeof getDb>,
  ticketId: string,
  now: number,
): Promise<boolean> {
  const [replied] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.authorType, 'customer'),
        eq(messages.channel, 'email'),
      ),
    )
    .limit(1);
  if (replied) return true;
  const [recent] = await db
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        eq(ticketEvents.type, 'email_sent'),
        gt(ticketEvents.createdAt, now - UNVERIFIED_MAIL_INTERVAL_MS),
      ),
    )
    .limit(1);
  return !recent;
}

/** Agent name from a message author ('agent:Ayu' → 'Ayu'). */
const agentName = (author: string) => author.replace(/^agent:/, '');

/**
 * Mails an agent's public reply to the ticket's contact, threaded under the conversation
 * (In-Reply-To the newest mail of the ticket, References the ticket's first mails) with the
 * Reply-To that routes the answer back. The reply is already stored: a mail failure is recorded
 * as an `email_failed` event and returned, never thrown, so the API still answers with the reply.
 */
export async function sendAgentReply(
  env: Env,
  ticketRef: Pick<Ticket, 'id' | 'deskId'>,
  message: Pick<Message, 'id' | 'body' | 'author' | 'authorType' | 'public'>,
  now: number = Date.now(),
): Promise<AgentReplyMail> {
  if (message.authorType !== 'agent' || !message.public)
    return { sent: false, reason: 'not a public agent reply' };
  const db = getDb(env.DB);
  const domain = supportDomainOf(env);
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketRef.id), eq(tickets.deskId, ticketRef.deskId)))
    .limit(1);
  if (!ticket) return { sent: false, reason: 'ticket not found' };
  // Mail goes out for the organisation, or for the desk when the request has none.
  const [sender] = ticket.organisationId
    ? await db.select().from(organisations).where(eq(organisations.id, ticket.organisationId)).limit(1)
    : await db.select().from(desks).where(eq(desks.id, ticket.deskId)).limit(1);
  if (!sender) return { sent: false, reason: 'organisation not found' };
  const earlier = await db
    .select({ id: messages.emailMessageId })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), isNotNull(messages.emailMessageId)))
    .orderBy(asc(messages.createdAt))
    .limit(50);
  const thread = [ticket.emailMessageId, ...earlier.map((m) => m.id)].filter((id): id is string => !!id);
  // References: the first mail and the newest few keep clients threading without a long header.
  const references = thread.length > 8 ? [thread[0] as string, ...thread.slice(-7)] : thread;
  const locale: Locale = ticket.locale === 'en' || ticket.locale === 'id' ? ticket.locale : sender.locale;
  const inReplyTo = thread[thread.length - 1];
  const mail: OutgoingMail = {
    from: organisationAddress(sender.slug, domain),
    fromName: senderName(sender.name, locale),
    to: ticket.contactEmail,
    toName: ticket.contactName,
    replyTo: replyAddress(sender.slug, ticket.replyToken, domain),
    subject: ticketSubject(ticket.number, ticket.subject, locale, true),
    text: agentReplyText(
      {
        body: message.body,
        agentName: agentName(message.author),
        tenantName: sender.name,
        number: ticket.number,
      },
      locale,
    ),
    messageId: newMessageId(ticket.id, 'reply', domain),
    ...(inReplyTo ? { inReplyTo, references } : {}),
    ticketId: ticket.id,
    date: new Date(now),
  };
  const event = (type: string, data: unknown) => eventInsert(db, ticket, { type, by: SYSTEM, data }, now);
  if (!ticket.contactVerified && !(await addressConfirmed(db, ticket.id, now))) {
    // An address typed into a form may be anyone's: until it answers once, at most one mail an hour.
    const reason = 'unverified address: one mail an hour until it replies';
    await event('email_withheld', {
      kind: 'agent_reply',
      messageId: message.id,
      to: ticket.contactEmail,
      reason,
    });
    return { sent: false, reason };
  }
  try {
    await sendMail(env.EMAIL, mail);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error('agent reply mail failed', ticket.id, reason);
    await event('email_failed', { kind: 'agent_reply', messageId: message.id, reason });
    return { sent: false, reason };
  }
  // Storing our Message-ID on the reply lets the customer's answer find the ticket by its headers too.
  await db.batch([
    db.update(messages).set({ emailMessageId: mail.messageId }).where(eq(messages.id, message.id)),
    event('email_sent', { kind: 'agent_reply', messageId: message.id, to: mail.to }),
  ]);
  return { sent: true, messageId: mail.messageId };
}
