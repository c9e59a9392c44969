import type { Locale } from '../../shared/schema';
import { isDownloadable } from '../attachments/view';
import { attachmentsOfMessages } from '../db/attachments';
import type { Db } from '../db/client';
import { addressConfirmedByLink } from '../db/conversation-links';
import { type DataDatabase, dbForDesk } from '../db/desk-database';
import { findDesk } from '../db/desks';
import { eventInsert, SYSTEM } from '../db/events';
import {
  customerHasMailed,
  mailedSince,
  mailSenderOf,
  markRepliesMailed,
  repliesOf,
  setReplyMessageId,
  threadMessageIds,
  ticketById,
} from '../db/mail';
import type { Message, Ticket } from '../db/schema';
import { findTicket } from '../db/tickets';
import { claimUnseenReplies, type UnseenReply } from '../db/unseen-replies';
import type { Env } from '../env';
import { mailKey } from '../queues/messages';
import { queueMail } from '../queues/produce';
import { conversationLinkUrl, issueConversationLink } from '../tickets/conversation-link';
import { newMessageId, type OutgoingMail, sendMail } from './outbound';
import { replyFiles } from './reply-files';
import { organisationAddress, replyAddress, supportDomainOf } from './route';
import { agentReplyText, conversationLinkLine, senderName, ticketSubject } from './strings';

/** What happened to the mail of an agent reply. */
export type AgentReplyMail = { sent: true; messageId: string } | { sent: false; reason: string };

/** How often an unconfirmed, unverified address may be mailed. */
export const UNVERIFIED_MAIL_INTERVAL_MS = 3_600_000;

/**
 * Whether the ticket's address may be mailed now: it confirmed itself (a customer mail arrived on
 * the ticket, or the customer followed a conversation link from our mail, so the address reads what
 * we send), or nothing was mailed to it in the last hour.
 */
async function addressConfirmed(db: Db, ticketId: string, now: number): Promise<boolean> {
  const [mailed, followed] = await Promise.all([
    customerHasMailed(db, ticketId),
    addressConfirmedByLink(db, ticketId),
  ]);
  if (mailed || followed) return true;
  return !(await mailedSince(db, ticketId, now - UNVERIFIED_MAIL_INTERVAL_MS));
}

/** Agent name from a message author ('agent:Ayu' → 'Ayu'). */
const agentName = (author: string) => author.replace(/^agent:/, '');

/** How long a reply on a widget ticket waits to be read in the widget before it is mailed. */
export const WIDGET_REPLY_MAIL_DELAY_MS = 2 * 60_000;

/** Whether an agent reply went on the mail queue now, and why not. */
export type AgentReplyQueued = { queued: true } | { queued: false; reason: string };

/**
 * Puts the mail of an agent's public reply on the mail queue. On a ticket that came from the widget
 * the user usually reads it there: the mail waits WIDGET_REPLY_MAIL_DELAY_MS for the cron
 * (queueUnseenReplies), which queues what is still unread, several replies in one mail. Other
 * tickets (email, phone) are queued at once.
 */
export async function queueAgentReply(
  env: Env,
  ticketRef: Pick<Ticket, 'id' | 'deskId'>,
  message: Pick<Message, 'id' | 'authorType' | 'public'>,
  now: number = Date.now(),
): Promise<AgentReplyQueued> {
  if (message.authorType !== 'agent' || !message.public)
    return { queued: false, reason: 'not a public agent reply' };
  const target = await dbForDesk(env, ticketRef.deskId);
  const ticket = await findTicket(target.db, ticketRef.deskId, ticketRef.id);
  if (!ticket) return { queued: false, reason: 'ticket not found' };
  if (ticket.channel === 'widget')
    return { queued: false, reason: 'deferred: mailed unless read in the widget' };
  const request = {
    kind: 'agent_reply' as const,
    key: mailKey.agentReply(message.id),
    messageIds: [message.id],
  };
  await queueMail(env, target, [{ ...request, deskId: ticket.deskId, ticketId: ticket.id }], now);
  return { queued: true };
}

/** Mails the agent replies a mail message names (the consumer's part; the replies are read back). */
export async function sendAgentReplies(
  env: Env,
  db: Db,
  ticketId: string,
  messageIds: string[],
  now: number,
): Promise<AgentReplyMail> {
  const ticket = await ticketById(db, ticketId);
  if (!ticket) return { sent: false, reason: 'ticket not found' };
  return mailReplies(env, db, ticket, await repliesOf(db, ticketId, messageIds), now);
}

/**
 * Mails one or more agent replies in one mail, threaded under the conversation (In-Reply-To the
 * newest mail of the ticket, References the ticket's first mails) with the Reply-To that routes the
 * answer back. A failed send throws: the queue retries it, and the dead-letter consumer records
 * `email_failed` when it gives up.
 */
export async function mailReplies(
  env: Env,
  db: Db,
  ticket: Ticket,
  replies: Pick<Message, 'id' | 'body' | 'author'>[],
  now: number,
): Promise<AgentReplyMail> {
  const first = replies[0];
  if (!first) return { sent: false, reason: 'nothing to mail' };
  const domain = supportDomainOf(env);
  // Mail goes out for the organisation, or for the desk when the request has none.
  const sender = await mailSenderOf(db, ticket);
  if (!sender) return { sent: false, reason: 'organisation not found' };
  // The desk signs the mail (the customer's organisation is not its own support).
  const desk = sender.id === ticket.deskId ? sender : await findDesk(db, ticket.deskId);
  if (!desk) return { sent: false, reason: 'desk not found' };
  const ids = replies.map((m) => m.id);
  const event = (type: string, data: unknown) => eventInsert(db, ticket, { type, by: SYSTEM, data }, now);
  const markMailed = markRepliesMailed(db, ids, now);
  if (!ticket.contactVerified && !(await addressConfirmed(db, ticket.id, now))) {
    // An address typed into a form may be anyone's: until it answers once, at most one mail an hour.
    const reason = 'unverified address: one mail an hour until it replies';
    await db.batch([
      markMailed,
      event('email_withheld', {
        kind: 'agent_reply',
        messageId: first.id,
        messageIds: ids,
        to: ticket.contactEmail,
        reason,
      }),
    ]);
    return { sent: false, reason };
  }
  // The replies' files: listed by name and size (the conversation page's link downloads them), and
  // attached while they fit under the cap; read only for a mail that goes out (up to 5 MB of R2 reads).
  const downloadable = (await attachmentsOfMessages(db, ids)).filter(isDownloadable);
  const files = await replyFiles(env.ATTACHMENTS, downloadable);
  const messageOf = new Map(downloadable.map((f) => [f.id, f.messageId]));
  const earlier = await threadMessageIds(db, ticket.id);
  const thread = [ticket.emailMessageId, ...earlier].filter((id): id is string => !!id);
  // References: the first mail and the newest few keep clients threading without a long header.
  const references = thread.length > 8 ? [thread[0] as string, ...thread.slice(-7)] : thread;
  const locale: Locale = ticket.locale === 'en' || ticket.locale === 'id' ? ticket.locale : sender.locale;
  const inReplyTo = thread[thread.length - 1];
  const mail: OutgoingMail = {
    from: organisationAddress(sender.slug, domain),
    fromName: senderName(desk.name, locale),
    to: ticket.contactEmail,
    toName: ticket.contactName,
    replyTo: replyAddress(sender.slug, ticket.replyToken, domain),
    subject: ticketSubject(ticket.number, ticket.subject, locale, true),
    text: replies
      .map((m) =>
        agentReplyText(
          {
            body: m.body,
            agentName: agentName(m.author),
            deskName: desk.name,
            number: ticket.number,
            files: files.listed.filter((f) => messageOf.get(f.id) === m.id),
            linked: ticket.status !== 'closed',
          },
          locale,
        ),
      )
      .join('\n\n'),
    messageId: newMessageId(ticket.id, 'reply', domain),
    ...(inReplyTo ? { inReplyTo, references } : {}),
    ticketId: ticket.id,
    date: new Date(now),
    ...(files.attached.length ? { attachments: files.attached } : {}),
  };
  // One line with a link of this mail's own to the conversation page (none once the ticket is closed).
  const link =
    ticket.status === 'closed'
      ? ''
      : `\n\n${conversationLinkLine(conversationLinkUrl(env, await issueConversationLink(db, ticket.id, { now, directory: { env, deskId: ticket.deskId } })), locale)}`;
  await sendMail(env.EMAIL, { ...mail, text: `${mail.text}${link}` });
  // Storing our Message-ID on the (first) reply lets the customer's answer find the ticket by its headers too.
  await db.batch([
    markMailed,
    setReplyMessageId(db, first.id, mail.messageId),
    event('email_sent', { kind: 'agent_reply', messageId: first.id, messageIds: ids, to: mail.to }),
  ]);
  return { sent: true, messageId: mail.messageId };
}

/**
 * The cron's part of widget replies: claims the agent replies the user has not read in the widget
 * within WIDGET_REPLY_MAIL_DELAY_MS and puts them on the mail queue, one mail per ticket; replies
 * already read are never mailed. The claim is one UPDATE, so overlapping runs queue each reply once.
 */
export async function queueUnseenReplies(
  env: Env,
  target: DataDatabase,
  now: number,
): Promise<{ queued: number; seen: number }> {
  const claimed = await claimUnseenReplies(target.db, now, WIDGET_REPLY_MAIL_DELAY_MS);
  const byTicket = new Map<string, UnseenReply[]>();
  for (const r of claimed) if (!r.seen) byTicket.set(r.ticketId, [...(byTicket.get(r.ticketId) ?? []), r]);
  const requests = [...byTicket.values()].map((replies) => {
    const ids = replies.map((r) => r.id);
    const first = replies[0] as UnseenReply;
    return {
      kind: 'agent_reply' as const,
      key: mailKey.agentReply(first.id),
      deskId: first.deskId,
      ticketId: first.ticketId,
      messageIds: ids,
    };
  });
  await queueMail(env, target, requests, now);
  return {
    queued: claimed.length - claimed.filter((r) => r.seen).length,
    seen: claimed.filter((r) => r.seen).length,
  };
}
