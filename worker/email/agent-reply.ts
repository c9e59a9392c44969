import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Locale } from '../../shared/schema';
import { getDb } from '../db/client';
import { eventRow } from '../db/events';
import { type Message, messages, type Ticket, tenants, ticketEvents, tickets } from '../db/schema';
import type { Env } from '../env';
import { newMessageId, type OutgoingMail, sendMail } from './outbound';
import { replyAddress, supportDomainOf, tenantAddress } from './route';
import { agentReplyText, senderName, ticketSubject } from './strings';

/** What happened to the mail of an agent reply. */
export type AgentReplyMail = { sent: true; messageId: string } | { sent: false; reason: string };

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
  ticketRef: Pick<Ticket, 'id' | 'tenantId'>,
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
    .where(and(eq(tickets.id, ticketRef.id), eq(tickets.tenantId, ticketRef.tenantId)))
    .limit(1);
  if (!ticket) return { sent: false, reason: 'ticket not found' };
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, ticket.tenantId)).limit(1);
  if (!tenant) return { sent: false, reason: 'tenant not found' };
  const earlier = await db
    .select({ id: messages.emailMessageId })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), isNotNull(messages.emailMessageId)))
    .orderBy(asc(messages.createdAt))
    .limit(50);
  const thread = [ticket.emailMessageId, ...earlier.map((m) => m.id)].filter((id): id is string => !!id);
  // References: the first mail and the newest few keep clients threading without a long header.
  const references = thread.length > 8 ? [thread[0] as string, ...thread.slice(-7)] : thread;
  const locale: Locale = ticket.locale === 'en' || ticket.locale === 'id' ? ticket.locale : tenant.locale;
  const inReplyTo = thread[thread.length - 1];
  const mail: OutgoingMail = {
    from: tenantAddress(tenant.slug, domain),
    fromName: senderName(tenant.name, locale),
    to: ticket.contactEmail,
    toName: ticket.contactName,
    replyTo: replyAddress(tenant.slug, ticket.replyToken, domain),
    subject: ticketSubject(ticket.number, ticket.subject, locale, true),
    text: agentReplyText(
      {
        body: message.body,
        agentName: agentName(message.author),
        tenantName: tenant.name,
        number: ticket.number,
      },
      locale,
    ),
    messageId: newMessageId(ticket.id, 'reply', domain),
    ...(inReplyTo ? { inReplyTo, references } : {}),
    ticketId: ticket.id,
    date: new Date(now),
  };
  const event = (type: string, data: unknown) => eventRow(ticket, { type, actor: 'system', data }, now);
  try {
    await sendMail(env.EMAIL, mail);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error('agent reply mail failed', ticket.id, reason);
    await db
      .insert(ticketEvents)
      .values(event('email_failed', { kind: 'agent_reply', messageId: message.id, reason }));
    return { sent: false, reason };
  }
  // Storing our Message-ID on the reply lets the customer's answer find the ticket by its headers too.
  await db.batch([
    db.update(messages).set({ emailMessageId: mail.messageId }).where(eq(messages.id, message.id)),
    db
      .insert(ticketEvents)
      .values(event('email_sent', { kind: 'agent_reply', messageId: message.id, to: mail.to })),
  ]);
  return { sent: true, messageId: mail.messageId };
}
