import { insertDeliveryKeys, takeStaleDeliveryKeys } from '../db/delivery-keys';
import type { DataDatabase } from '../db/desk-database';
import { queueDueDeliveries } from '../db/webhook-claims';
import type { Env } from '../env';
import type { DeliveryMessage, MailMessage, MailRequest, WebhookMessage } from './messages';

/** Due webhook deliveries one cron run puts on the queue per database (sendBatch takes 100). */
export const WEBHOOK_ENQUEUE_BATCH = 100;
const SEND_BATCH = 100;

/** Sends messages in batches of at most 100 (the limit of `sendBatch`). */
export async function sendMessages(
  queue: Queue<DeliveryMessage>,
  messages: DeliveryMessage[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH)
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
}

/**
 * Puts the due webhook deliveries of one database on the webhook queue (marked queued first, so an
 * overlapping cron run takes other rows). If the send fails, the marks lapse and a later run tries again.
 */
export async function enqueueDueWebhooks(
  env: Pick<Env, 'WEBHOOK_QUEUE'>,
  { db, binding }: DataDatabase,
  now: number,
  limit = WEBHOOK_ENQUEUE_BATCH,
): Promise<number> {
  const due = await queueDueDeliveries(db, { now, limit });
  const messages = due.map(
    (d): WebhookMessage => ({ v: 1, kind: 'webhook', deskId: d.deskId, db: binding, deliveryId: d.id }),
  );
  await sendMessages(env.WEBHOOK_QUEUE, messages);
  return messages.length;
}

/**
 * Records each mail's delivery key and puts the mails whose key was new on the mail queue: a mail
 * asked for twice (overlapping cron runs, a repeated request) is queued once. Returns how many went.
 * The key is written first: if the send fails, the cron finds the key stale and sends its message.
 */
export async function queueMail(
  env: Pick<Env, 'MAIL_QUEUE'>,
  { db, binding }: DataDatabase,
  requests: MailRequest[],
  now: number,
): Promise<number> {
  const messages = requests.map((r) => ({ ...r, v: 1, db: binding }) as MailMessage);
  const fresh = new Set(
    await insertDeliveryKeys(
      db,
      messages.map((m) => ({ key: m.key, deskId: m.deskId, ticketId: m.ticketId, kind: m.kind, body: m })),
      now,
    ),
  );
  const queued = messages.filter((m) => fresh.has(m.key));
  await sendMessages(env.MAIL_QUEUE, queued);
  return queued.length;
}

/** Puts mail whose message seems lost (its key still not done after its lease) back on the mail queue. */
export async function requeueStaleMail(
  env: Pick<Env, 'MAIL_QUEUE'>,
  { db }: DataDatabase,
  now: number,
): Promise<number> {
  const bodies = await takeStaleDeliveryKeys(db, now);
  await sendMessages(
    env.MAIL_QUEUE,
    bodies.map((b) => JSON.parse(b) as MailMessage),
  );
  return bodies.length;
}
