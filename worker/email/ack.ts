import type { Locale, Severity } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import type { Desk, Organisation, Ticket } from '../db/schema';

/** Who mail is sent for: an organisation, or the desk for a request without one. */
type Sender = Pick<Organisation, 'slug' | 'name' | 'locale'>;

import { MAX_REPLY_REFERENCES } from './acknowledge';
import { newMessageId, type OutgoingMail } from './outbound';
import { organisationAddress, replyAddress } from './route';
import { outOfScopeSentence } from './scope-strings';
import { ackText, senderName, ticketSubject } from './strings';

/** The acknowledgement of a new email ticket, threaded under the customer's message. */
export function acknowledgementMail(input: {
  /** Whose address the mail uses (routing, locale): the organisation, or the desk without one. */
  sender: Sender;
  /** The desk that answers: the From name and the signature are its (the customer is not its own support). */
  desk: Pick<Desk, 'name'>;
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
  > & { guideVersion?: string | null };
  coverage: Coverage;
  /** The customer's Message-ID and the ones it referenced, newest last (all go into References: a reply must carry them). */
  thread: string[];
  supportDomain: string;
  /** The conversation page's link (widget confirmations and email acknowledgements, issue 13). */
  conversationUrl?: string;
  now: number;
}): OutgoingMail {
  const { sender, ticket, coverage, supportDomain } = input;
  const locale = sender.locale as Locale;
  const severity = ticket.severity as Severity;
  const text = ackText(
    {
      guideVersion: ticket.guideVersion ?? null,
      deskName: input.desk.name,
      contactName: ticket.contactName,
      number: ticket.number,
      subject: ticket.subject,
      severity,
      securityIncident: ticket.flags.includes('security_incident'),
      businessMinutes: coverage.targets[severity].businessMinutes,
      dueAt: ticket.firstResponseDueAt,
      calendar: coverage.targets[severity].calendar.spec,
      outOfScope: outOfScopeSentence(ticket.flags, locale),
      conversationUrl: input.conversationUrl,
    },
    locale,
  );
  const inReplyTo = input.thread[input.thread.length - 1];
  return {
    from: organisationAddress(sender.slug, supportDomain),
    fromName: senderName(input.desk.name, locale),
    to: ticket.contactEmail,
    toName: ticket.contactName,
    replyTo: replyAddress(sender.slug, ticket.replyToken, supportDomain),
    subject: ticketSubject(ticket.number, ticket.subject, locale),
    text,
    messageId: newMessageId(ticket.id, 'ack', supportDomain),
    ...(inReplyTo ? { inReplyTo, references: input.thread.slice(-MAX_REPLY_REFERENCES) } : {}),
    autoSubmitted: true,
    ticketId: ticket.id,
    date: new Date(input.now),
  };
}
