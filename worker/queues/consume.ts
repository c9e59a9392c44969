import { dbForDesk } from '../db/desk-database';
import type { Env } from '../env';
import { deliverWebhook } from '../webhooks';
import { backoffSeconds, delaySecondsOf } from './backoff';
import { recordDeadLetter } from './dead-letter';
import { deliverMail } from './mail-consumer';
import { DeliveryMessageSchema, QUEUES } from './messages';

/** What the consumers take from outside: the clock, the jitter and fetch (tests pass their own). */
export type ConsumeOptions = { now?: () => number; random?: () => number; fetchImpl?: typeof fetch };

/** Handles one message of the webhook or mail queue: ack when done with it, retry with a delay otherwise. */
async function consumeOne(msg: Message<unknown>, env: Env, opts: Required<ConsumeOptions>): Promise<void> {
  const now = opts.now();
  const parsed = DeliveryMessageSchema.safeParse(msg.body);
  if (!parsed.success) {
    // Retrying cannot fix a message nobody can read: record it as a dead letter at once.
    console.error('queue: unreadable message', msg.id);
    await recordDeadLetter(env, msg.id, msg.body, now);
    msg.ack();
    return;
  }
  const m = parsed.data;
  const { db } = await dbForDesk(env, m.deskId, m.db);
  if (m.kind === 'webhook') {
    const r = await deliverWebhook(db, m.deliveryId, now, {
      fetchImpl: opts.fetchImpl,
      environment: env.ENVIRONMENT ?? 'production',
      random: opts.random,
    });
    if (r.outcome === 'retry' || r.outcome === 'early')
      msg.retry({ delaySeconds: delaySecondsOf(r.delayMs) });
    else msg.ack();
    return;
  }
  const delaySeconds = backoffSeconds(msg.attempts, opts.random());
  try {
    await deliverMail(env, db, m, now, delaySeconds * 1000);
    msg.ack();
  } catch (err) {
    console.error('queue: mail failed, retrying', m.kind, m.key, err instanceof Error ? err.message : err);
    msg.retry({ delaySeconds });
  }
}

/**
 * The Worker's `queue` handler. Each message is handled on its own (a throw would retry the whole
 * batch): a failure retries that message alone with a backoff, and after the queue's max_retries it
 * goes to the dead-letter queue, whose messages are recorded by recordDeadLetter.
 */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, options: ConsumeOptions = {}) {
  const opts: Required<ConsumeOptions> = {
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    fetchImpl: options.fetchImpl ?? ((input, init) => fetch(input, init)),
  };
  await Promise.all(
    batch.messages.map(async (msg) => {
      try {
        if (batch.queue === QUEUES.deadLetters) {
          await recordDeadLetter(env, msg.id, msg.body, opts.now());
          msg.ack();
        } else await consumeOne(msg, env, opts);
      } catch (err) {
        console.error('queue: message failed, retrying', batch.queue, msg.id, err);
        msg.retry({ delaySeconds: backoffSeconds(msg.attempts, opts.random()) });
      }
    }),
  );
}

/** `queue` export of the Worker. */
export const queue: ExportedHandlerQueueHandler<Env, unknown> = (batch, env) => consumeBatch(batch, env);
