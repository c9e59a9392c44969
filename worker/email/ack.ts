import type { Locale, Severity } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import type { Tenant, Ticket } from '../db/schema';
import { MAX_REPLY_REFERENCES } from './acknowledge';
import { newMessageId, type OutgoingMail } from './outbound';
import { replyAddress, tenantAddress } from './route';
import { ackText, senderName, ticketSubject } from './strings';

/** The acknowledgement of a new email ticket, threaded under the customer's message. */
export function acknowledgementMail(input: {
  tenant: Pick<Tenant, 'slug' | 'name' | 'locale'>;
  ticket: Pick<
    Ticket,
    | 'id'
    | 'number'
    | 'subject'
    | 'severity'
    | 'flags'
    | 'contactEmail'
    | 'contactName'
    | 'replyToken'
    | 'firstResponseDueAt'
  >;
  coverage: Coverage;
  /** The customer's Message-ID and the ones it referenced, newest last (all go into References: a reply must carry them). */
  thread: string[];
  supportDomain: string;
  now: number;
}): OutgoingMail {
  const { tenant, ticket, coverage, supportDomain } = input;
  const locale = tenant.locale as Locale;
  const severity = ticket.severity as Severity;
  const text = ackText(
    {
      tenantName: tenant.name,
      contactName: ticket.contactName,
      number: ticket.number,
      subject: ticket.subject,
      severity,
      securityIncident: ticket.flags.includes('security_incident'),
      businessMinutes: coverage.targets[severity].businessMinutes,
      dueAt: ticket.firstResponseDueAt,
      calendar: coverage.targets[severity].calendar.spec,
    },
    locale,
  );
  const inReplyTo = input.thread[input.thread.length - 1];
  return {
    from: tenantAddress(tenant.slug, supportDomain),
    fromName: senderName(tenant.name, locale),
    to: ticket.contactEmail,
    toName: ticket.contactName,
    replyTo: replyAddress(tenant.slug, ticket.replyToken, supportDomain),
    subject: ticketSubject(ticket.number, ticket.subject, locale),
    text,
    messageId: newMessageId(ticket.id, 'ack', supportDomain),
    ...(inReplyTo ? { inReplyTo, references: input.thread.slice(-MAX_REPLY_REFERENCES) } : {}),
    autoSubmitted: true,
    ticketId: ticket.id,
    date: new Date(input.now),
  };
}
