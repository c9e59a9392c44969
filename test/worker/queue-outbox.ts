import { env } from 'cloudflare:workers';
import type { DeliveryMessage } from '../../worker/queues/messages';

/** A message a test run put on a queue, kept here instead of reaching miniflare's queue. */
export type Queued = { queue: string; body: DeliveryMessage; delaySeconds?: number };

/** Every message put on the delivery queues in this test file, in order (drainQueues takes them). */
export const outbox: Queued[] = [];

/**
 * Replaces `send`/`sendBatch` of the queue bindings with a recorder, for every test file (a setup
 * file): a message never reaches the real local queue, whose consumer would run in the background
 * at its own time; tests hand the recorded messages to the real consumer with drainQueues().
 * A plain property, not a vi.spyOn: `vi.restoreAllMocks()` in a test must not bring the queue back.
 */
function record(binding: Queue<DeliveryMessage>, queue: string) {
  Object.defineProperty(binding, 'send', {
    configurable: true,
    value: async (body: DeliveryMessage, opts?: QueueSendOptions) => {
      outbox.push({ queue, body, ...(opts?.delaySeconds ? { delaySeconds: opts.delaySeconds } : {}) });
    },
  });
  Object.defineProperty(binding, 'sendBatch', {
    configurable: true,
    value: async (messages: Iterable<MessageSendRequest<DeliveryMessage>>) => {
      for (const m of messages) outbox.push({ queue, body: m.body });
    },
  });
}

record(env.WEBHOOK_QUEUE, 'kinobi-webhooks');
record(env.MAIL_QUEUE, 'kinobi-mail');
