import type { Db } from '../db/client';
import { claimDeliveryKey, markDeliveryDone, QUEUE_GRACE_MS, releaseForRetry } from '../db/delivery-keys';
import { sendAgentReplies } from '../email/agent-reply';
import { sendWidgetConfirmation } from '../email/confirmation';
import type { Env } from '../env';
import { resendSecurityAlert } from '../tickets/security-alert';
import { sendSuccessContactNotice } from '../tickets/success-contact';
import type { MailMessage } from './messages';

/** What the mail consumer did with a message: sent (or withheld on purpose), or nothing (a duplicate). */
export type MailOutcome = 'done' | 'duplicate';

/** Sends the mail of one message; the Message-ID when a mail went out, null when it was withheld on purpose. */
async function send(env: Env, db: Db, m: MailMessage, now: number): Promise<string | null> {
  switch (m.kind) {
    case 'confirmation': {
      const r = await sendWidgetConfirmation(env, db, { id: m.ticketId, deskId: m.deskId }, now);
      return r.sent ? r.messageId : null;
    }
    case 'agent_reply': {
      const r = await sendAgentReplies(env, db, m.ticketId, m.messageIds, now);
      return r.sent ? r.messageId : null;
    }
    case 'success_contact':
      return (await sendSuccessContactNotice(env, db, m.ticketId, m.breachId, now)) ?? null;
    case 'security_alert':
      return resendSecurityAlert(env, db, m.ticketId, m.agentId, now);
  }
}

/**
 * Delivers one mail message once: claims its delivery key (recorded `sending` before the send, so a
 * duplicate message handed to another consumer sends nothing), sends, marks the key `done`. A failed
 * send puts the key back to `queued` until the retried message is due (`retryInMs`) and throws, so
 * the caller retries the message. The trade-off of at-least-once: a consumer that dies between the
 * send and marking the key leaves it `sending`; once its lease runs out the cron queues it again and
 * the mail may go out twice. Never the other way round: a mail is not lost.
 */
export async function deliverMail(
  env: Env,
  db: Db,
  m: MailMessage,
  now: number,
  retryInMs: number,
): Promise<MailOutcome> {
  if (!(await claimDeliveryKey(db, m.key, now))) return 'duplicate';
  let messageId: string | null;
  try {
    messageId = await send(env, db, m, now);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await releaseForRetry(db, m.key, now + retryInMs + QUEUE_GRACE_MS, reason, now);
    throw err;
  }
  await markDeliveryDone(db, m.key, now, messageId);
  return 'done';
}
