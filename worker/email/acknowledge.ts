import type { Organisation } from '../db/schema';
import type { OutgoingMail } from './outbound';
import { replyWithMail, sendMail } from './outbound';
import { organisationAddress, parseRecipient } from './route';

/**
 * How an acknowledgement went out: as a reply to the inbound message, through send_email, or not at
 * all (`withheld`) when only send_email was left and nothing proves the sender owns the address.
 */
export type AckDelivery =
  | { via: 'reply' }
  | { via: 'send_email'; replyError?: string }
  | { via: 'withheld'; reason: string };

/** The longest References list Cloudflare still lets a Worker reply to. */
export const MAX_REPLY_REFERENCES = 100;

/**
 * Sends the acknowledgement of an inbound message. `message.reply()` goes first: it answers the
 * sender whatever their address, while a send_email binding only delivers to the account's
 * verified destination addresses. Cloudflare refuses a reply when the incoming mail fails DMARC,
 * has more than 100 References, was already replied to, or when the reply's In-Reply-To is not
 * the incoming Message-ID, its References lack it, or its From is not on the receiving domain.
 * Then (and for a message without Message-ID) send_email is tried only for a verified sender: mailing
 * a claimed From that nothing verified would let anyone make Kinobi mail anyone (backscatter).
 * A send_email error propagates.
 */
export async function deliverAcknowledgement(
  message: ForwardableEmailMessage,
  binding: SendEmail,
  ack: OutgoingMail,
  opts: { inboundMessageId?: string; replyFrom: string; senderVerified: boolean },
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
  if (!opts.senderVerified) {
    return {
      via: 'withheld',
      reason: replyError
        ? `reply refused (${replyError}); no send_email to an unverified sender`
        : 'no reply possible; no send_email to an unverified sender',
    };
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
