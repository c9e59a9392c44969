import { agentsInTeam } from '../db/agents';
import type { Db } from '../db/client';
import { eventInsert, SYSTEM } from '../db/events';
import type { Desk, Organisation, Ticket } from '../db/schema';
import { newMessageId, sendMail } from '../email/outbound';
import { organisationAddress, supportDomainOf } from '../email/route';
import { securityAlertSubject, securityAlertText } from '../email/strings';
import type { Env } from '../env';

/** A ticket as the alert reads it. */
export type AlertTicket = Pick<
  Ticket,
  'id' | 'deskId' | 'number' | 'subject' | 'description' | 'contactName' | 'contactEmail' | 'receivedAt'
> &
  Partial<Pick<Ticket, 'personalData' | 'notificationDeadlineAt'>>;

/**
 * Emails the desk's security team (active agents in team `security` with an email) about a reported
 * security incident at once, one mail each through send_email, and records `email_sent` or
 * `email_failed` per recipient (and `security_alert_unrouted` when nobody is in the team). Never
 * throws: the ticket, its escalation and webhook are already stored. Returns the addresses mailed.
 */
export async function alertSecurityTeam(
  env: Pick<Env, 'EMAIL' | 'SUPPORT_EMAIL_DOMAIN'>,
  db: Db,
  desk: Pick<Desk, 'slug' | 'name'>,
  organisation: Pick<Organisation, 'name'> | null,
  ticket: AlertTicket,
  now: number,
): Promise<string[]> {
  const domain = supportDomainOf(env);
  const team = (await agentsInTeam(db, ticket.deskId, 'security')).filter((a) => a.email);
  const event = (type: string, data: unknown) => eventInsert(db, ticket, { type, by: SYSTEM, data }, now);
  if (team.length === 0) {
    await event('security_alert_unrouted', { reason: 'no agent with an email in team security' });
    return [];
  }
  const text = securityAlertText({
    deskName: desk.name,
    number: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    organisationName: organisation?.name ?? null,
    contact: `${ticket.contactName} <${ticket.contactEmail}>`,
    receivedAt: ticket.receivedAt,
    personalData: ticket.personalData === true,
    notificationDeadlineAt: ticket.notificationDeadlineAt ?? null,
  });
  const sent: string[] = [];
  for (const agent of team) {
    const to = agent.email as string;
    const mail = {
      from: organisationAddress(desk.slug, domain),
      fromName: `${desk.name} Security Alerts`,
      to,
      toName: agent.name,
      replyTo: organisationAddress(desk.slug, domain),
      subject: securityAlertSubject({ ...ticket, personalData: ticket.personalData === true }),
      text,
      messageId: newMessageId(ticket.id, 'ack', domain),
      autoSubmitted: true,
      ticketId: ticket.id,
      date: new Date(now),
    };
    try {
      await sendMail(env.EMAIL, mail);
      sent.push(to);
      await event('email_sent', { kind: 'security_alert', to, agentId: agent.id, messageId: mail.messageId });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      console.error('security alert mail failed', ticket.id, reason);
      await event('email_failed', { kind: 'security_alert', to, agentId: agent.id, reason });
    }
  }
  return sent;
}
