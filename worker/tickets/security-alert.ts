import { agentsInTeam, findAgent } from '../db/agents';
import type { Db } from '../db/client';
import { dbForDesk } from '../db/desk-database';
import { findDesk } from '../db/desks';
import { eventInsert, SYSTEM } from '../db/events';
import { mailSenderOf, ticketById } from '../db/mail';
import type { AgentRow, Desk, Organisation, Ticket } from '../db/schema';
import { newMessageId, type OutgoingMail, sendMail } from '../email/outbound';
import { organisationAddress, supportDomainOf } from '../email/route';
import { securityAlertSubject, securityAlertText } from '../email/strings';
import type { Env } from '../env';
import { mailKey } from '../queues/messages';
import { queueMail } from '../queues/produce';

/** A ticket as the alert reads it. */
export type AlertTicket = Pick<
  Ticket,
  'id' | 'deskId' | 'number' | 'subject' | 'description' | 'contactName' | 'contactEmail' | 'receivedAt'
> &
  Partial<Pick<Ticket, 'personalData' | 'notificationDeadlineAt'>>;

/** The alert mail to one member of the security team. */
function alertMail(
  env: Pick<Env, 'SUPPORT_EMAIL_DOMAIN'>,
  desk: Pick<Desk, 'slug' | 'name'>,
  organisation: Pick<Organisation, 'name'> | null,
  ticket: AlertTicket,
  agent: Pick<AgentRow, 'name'> & { email: string },
  now: number,
): OutgoingMail {
  const domain = supportDomainOf(env);
  return {
    from: organisationAddress(desk.slug, domain),
    fromName: `${desk.name} Security Alerts`,
    to: agent.email,
    toName: agent.name,
    replyTo: organisationAddress(desk.slug, domain),
    subject: securityAlertSubject({ ...ticket, personalData: ticket.personalData === true }),
    text: securityAlertText({
      deskName: desk.name,
      number: ticket.number,
      subject: ticket.subject,
      description: ticket.description,
      organisationName: organisation?.name ?? null,
      contact: `${ticket.contactName} <${ticket.contactEmail}>`,
      receivedAt: ticket.receivedAt,
      personalData: ticket.personalData === true,
      notificationDeadlineAt: ticket.notificationDeadlineAt ?? null,
    }),
    messageId: newMessageId(ticket.id, 'ack', domain),
    autoSubmitted: true,
    ticketId: ticket.id,
    date: new Date(now),
  };
}

/**
 * Emails the desk's security team (active agents in team `security` with an email) about a reported
 * security incident at once, one mail each through send_email, awaited before the intake answers
 * (the widget tells the reporter the team was alerted), and records `email_sent` or `email_failed`
 * per recipient (and `security_alert_unrouted` when nobody is in the team). A recipient whose mail
 * failed gets it again through the mail queue (retries with backoff). Never throws: the ticket, its
 * escalation and webhook are already stored. Returns the addresses mailed.
 */
export async function alertSecurityTeam(
  env: Env,
  db: Db,
  desk: Pick<Desk, 'slug' | 'name'>,
  organisation: Pick<Organisation, 'name'> | null,
  ticket: AlertTicket,
  now: number,
): Promise<string[]> {
  const team = (await agentsInTeam(db, ticket.deskId, 'security')).filter((a) => a.email);
  const event = (type: string, data: unknown) => eventInsert(db, ticket, { type, by: SYSTEM, data }, now);
  if (team.length === 0) {
    await event('security_alert_unrouted', { reason: 'no agent with an email in team security' });
    return [];
  }
  const sent: string[] = [];
  const retries: string[] = [];
  for (const agent of team) {
    const to = agent.email as string;
    const mail = alertMail(env, desk, organisation, ticket, { name: agent.name, email: to }, now);
    try {
      await sendMail(env.EMAIL, mail);
      sent.push(to);
      await event('email_sent', { kind: 'security_alert', to, agentId: agent.id, messageId: mail.messageId });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      console.error('security alert mail failed', ticket.id, reason);
      await event('email_failed', { kind: 'security_alert', to, agentId: agent.id, reason, retry: 'queued' });
      retries.push(agent.id);
    }
  }
  if (retries.length > 0) {
    const requests = retries.map((agentId) => ({
      kind: 'security_alert' as const,
      key: mailKey.securityAlert(ticket.id, agentId),
      deskId: ticket.deskId,
      ticketId: ticket.id,
      agentId,
    }));
    await queueMail(env, await dbForDesk(env, ticket.deskId), requests, now).catch((err) =>
      console.error('security alert retry not queued', ticket.id, err),
    );
  }
  return sent;
}

/** The queued retry of one member's alert (the mail consumer's part); its Message-ID, or null when nothing is left to send. */
export async function resendSecurityAlert(
  env: Pick<Env, 'EMAIL' | 'SUPPORT_EMAIL_DOMAIN'>,
  db: Db,
  ticketId: string,
  agentId: string,
  now: number,
): Promise<string | null> {
  const ticket = await ticketById(db, ticketId);
  if (!ticket) return null;
  const [desk, agent, sender] = await Promise.all([
    findDesk(db, ticket.deskId),
    findAgent(db, ticket.deskId, agentId),
    ticket.organisationId ? mailSenderOf(db, ticket) : Promise.resolve(undefined),
  ]);
  if (!desk || !agent?.email) return null;
  const mail = alertMail(env, desk, sender ?? null, ticket, { name: agent.name, email: agent.email }, now);
  await sendMail(env.EMAIL, mail);
  await eventInsert(
    db,
    ticket,
    {
      type: 'email_sent',
      by: SYSTEM,
      data: { kind: 'security_alert', to: agent.email, agentId, messageId: mail.messageId, retried: true },
    },
    now,
  );
  return mail.messageId;
}
