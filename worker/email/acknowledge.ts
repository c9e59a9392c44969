import type { Organisation } from '../db/schema';
import type { OutgoingMail } from './outbound';
import { replyWithMail, sendMail } from './outbound';
import { organisationAddress, parseRecipient } from './route';

/** How an acknowledgement went out: as a reply to the inbound message, or through send_email. */
export type AckDelivery = { via: 'reply' } | { via: 'send_email'; replyError?: string };

/** The longest References list Cloudflare still lets a Worker reply to. */
export const MAX_REPLY_REFERENCES = 100;

/**
 * Sends the acknowledgement of an inbound message. `message.reply()` goes first: it answers the
 * sender whatever their address, while a send_email binding only delivers to the account's
 * verified destination addresses. Cloudflare refuses a reply when the incoming mail fails DMARC,
 * has more than 100 References, was already replied to, or when the reply's In-Reply-To is not
 * the incoming Message-ID, its References lack it, or its From is not on the receiving domain;
 * then (and for a message without Message-ID) send_email is tried, and its error propagates.
 */
export async function deliverAcknowledgement(
  message: ForwardableEmailMessage,
  binding: SendEmail,
  ack: OutgoingMail,
  opts: { inboundMessageId?: string; replyFrom: string },
): Promise<AckDelivery> {
  let replyError: string | undefined;
  const threaded = !!opts.inboundMessageId && ack.inReplyTo === opts.inboundMessageId;
  if (typeof message.reply === 'function' && threaded) {
    try {
      await replyWithMail(message, { ...ack, from: opts.replyFrom });
      return { via: 'reply' };
    } catch (err) {
      replyError = err instanceof Error ? err.message : String(err);
    }
  }
  try {
    await sendMail(binding, ack);
  } catch (err) {
    if (replyError === undefined) throw err;
    throw new Error(`reply: ${replyError}; send_email: ${err instanceof Error ? err.message : String(err)}`);
  }
  return replyError === undefined ? { via: 'send_email' } : { via: 'send_email', replyError };
}

/**
 * The From of a reply, on the domain that received the message (Cloudflare requires it): the
 * organisation's own address when the mail came to it, else `support+<slug>@<support domain>`.
 */
export function replyFromAddress(
  tenant: Pick<Organisation, 'slug' | 'emailAddress'>,
  recipient: string,
  supportDomain: string,
): string {
  const route = parseRecipient(recipient, supportDomain);
  if (route?.kind === 'address') return tenant.emailAddress ?? route.address;
  return organisationAddress(tenant.slug, supportDomain);
}
