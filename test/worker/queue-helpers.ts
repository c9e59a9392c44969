import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import worker from '../../worker/index';
import { type ConsumeOptions, consumeBatch } from '../../worker/queues/consume';
import type { DeliveryMessage } from '../../worker/queues/messages';
import { outbox, type Queued } from './queue-outbox';

export { outbox };

/** What the consumer did with one message: acked, or retried after `delaySeconds`. */
export type Handled = { body: DeliveryMessage; attempts: number; acked: boolean; retryDelaySeconds?: number };

let seq = 0;

/**
 * Hands messages to the Worker's real `queue` handler as one batch of `queue` (each at `attempts`,
 * the queue's count of deliveries so far) and reports, per message, whether it was acked or retried
 * and with which delay (spied on `msg.retry`: getQueueResult drops delaySeconds). With `now` and
 * friends the consumer runs with that clock (consumeBatch, the function `queue` calls).
 */
export async function consume(
  queue: string,
  bodies: unknown[],
  { attempts = 1, ...opts }: ConsumeOptions & { attempts?: number } = {},
): Promise<Handled[]> {
  const batch = createMessageBatch(
    queue,
    bodies.map((body) => ({ id: `msg-${++seq}`, timestamp: new Date(), attempts, body })),
  );
  const retries = batch.messages.map((m) => vi.spyOn(m, 'retry'));
  const ctx = createExecutionContext();
  if (Object.keys(opts).length > 0) await consumeBatch(batch, env, opts);
  else await worker.queue(batch, env, ctx);
  await waitOnExecutionContext(ctx);
  const result = await getQueueResult(batch, ctx);
  return batch.messages.map((m, i) => {
    const retry = retries[i]?.mock.calls[0]?.[0] as QueueRetryOptions | undefined;
    const retried = (retries[i]?.mock.calls.length ?? 0) > 0;
    return {
      body: m.body as DeliveryMessage,
      attempts,
      acked: !retried && result.explicitAcks.includes(m.id),
      ...(retried ? { retryDelaySeconds: retry?.delaySeconds ?? 0 } : {}),
    };
  });
}

/** Takes the messages queued so far (leaving the outbox empty). */
export function takeOutbox(): Queued[] {
  return outbox.splice(0, outbox.length);
}

/**
 * Runs every queued message through its consumer, and what those put on the queues in turn (a few
 * rounds at most). Retried messages are returned, not redelivered: the test decides when they come back.
 */
export async function drainQueues(opts: ConsumeOptions = {}): Promise<Handled[]> {
  const handled: Handled[] = [];
  for (let round = 0; round < 5 && outbox.length > 0; round++) {
    const taken = takeOutbox();
    for (const queue of new Set(taken.map((q) => q.queue))) {
      const bodies = taken.filter((q) => q.queue === queue).map((q) => q.body);
      handled.push(...(await consume(queue, bodies, opts)));
    }
  }
  return handled;
}
