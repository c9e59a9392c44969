import type { Db } from './db/client';
import { eventInsertIfChanged, SYSTEM } from './db/events';
import {
  type ClaimedDelivery,
  claimDelivery,
  deliveryState,
  settleDelivery,
  WEBHOOK_QUEUE_GRACE_MS,
  type WebhookTarget,
  webhookTargets,
} from './db/webhook-claims';
import { retrySchedule } from './webhooks/retry';
import { signatureHeader } from './webhooks/signature';
import { checkWebhookUrl } from './webhooks/url-policy';

export { MAX_WEBHOOK_ATTEMPTS } from './webhooks/retry';

const TIMEOUT_MS = 10_000;

export type { WebhookEnqueue } from './db/webhook-claims';

export { enqueueWebhook } from './db/webhook-claims';

/**
 * After failed attempt number `attempts` (1-based): the next attempt per retrySchedule (1, 2, 4 …
 * minutes, at most 8 hours apart, with jitter; about three days in all), or `failed`.
 */
export function nextAttemptAfterFailure(
  attempts: number,
  now: number,
  random: number = Math.random(),
): { status: 'pending' | 'failed'; at: number } {
  const wait = retrySchedule(attempts, random);
  return wait === null ? { status: 'failed', at: now } : { status: 'pending', at: now + wait };
}

type Target = WebhookTarget;

async function attempt(
  d: ClaimedDelivery,
  target: Target | undefined,
  now: number,
  { fetchImpl, environment }: { fetchImpl: typeof fetch; environment: string },
): Promise<string | null> {
  if (!target?.url || !target.secret) return 'the desk has no webhook URL or secret configured';
  const allowed = checkWebhookUrl(target.url, { environment });
  if (!allowed.ok) return `webhook URL refused (${allowed.problem})`;
  try {
    const res = await fetchImpl(allowed.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Kinobi-Webhooks/1',
        'X-Kinobi-Event': d.event,
        'X-Kinobi-Delivery': d.id,
        // During a rotation both secrets sign, so receivers can switch over without losing a delivery.
        'X-Kinobi-Signature': await signatureHeader(
          { current: target.secret, previous: target.previous ?? undefined },
          d.payload,
          now,
        ),
      },
      body: d.payload,
      // A redirect would carry the signed body to another origin: never follow one, count it as a failure.
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status >= 300 && res.status < 400) return `HTTP ${res.status} redirect (not followed)`;
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message.slice(0, 500) : 'request failed';
  }
}

/** Options of deliverWebhook; `random` feeds the retry jitter (tests pass a constant). */
export type DeliverOptions = {
  fetchImpl?: typeof fetch;
  environment?: string;
  random?: () => number;
};

/** What became of one delivery message: done with it (ack), or try again in `delayMs` (retry). */
export type WebhookOutcome =
  | { outcome: 'delivered' | 'failed' | 'skipped' }
  | { outcome: 'retry' | 'early'; delayMs: number };

/**
 * Sends one delivery, as the queue consumer does for each message: claims it with a lease
 * (db/webhook-claims.ts), so a duplicate message never sends it twice, and a delivered, failed or
 * held one is `skipped`; a message early for its next attempt is `early` (retry when due). 2xx →
 * delivered; anything else (3xx included) → `retry` after retrySchedule's wait, the delivery marked
 * queued until then; the last attempt → `failed` with a `webhook_failed` event. URLs are checked by
 * checkWebhookUrl at send time too, so a URL stored before the policy existed is never called.
 */
export async function deliverWebhook(
  db: Db,
  deliveryId: string,
  now: number,
  { fetchImpl = fetch, environment = 'production', random = Math.random }: DeliverOptions = {},
): Promise<WebhookOutcome> {
  const d = await claimDelivery(db, deliveryId, { now });
  if (!d) {
    const state = await deliveryState(db, deliveryId);
    if (state?.status === 'pending' && state.nextAttemptAt > now)
      return { outcome: 'early', delayMs: state.nextAttemptAt - now };
    return { outcome: 'skipped' };
  }
  const targets = await webhookTargets(db, [d.deskId], now);
  const error = await attempt(d, targets.get(d.deskId), now, { fetchImpl, environment });
  const attempts = d.attempts + 1;
  if (error === null) {
    await db.batch([settleDelivery(db, d, { status: 'delivered', attempts })]);
    return { outcome: 'delivered' };
  }
  const next = nextAttemptAfterFailure(attempts, now, random());
  if (next.status === 'pending') {
    const queuedUntil = next.at + WEBHOOK_QUEUE_GRACE_MS;
    await db.batch([
      settleDelivery(db, d, {
        status: 'pending',
        attempts,
        nextAttemptAt: next.at,
        lastError: error,
        queuedUntil,
      }),
    ]);
    return { outcome: 'retry', delayMs: next.at - now };
  }
  // Given up: the ticket's trail says so (once: only when this consumer still held the lease), and an admin
  // can put it back in the queue (POST /v1/admin/desks/{id}/webhook-deliveries/{deliveryId}/redeliver).
  const data = { deliveryId: d.id, event: d.event, attempts, lastError: error };
  await db.batch([
    settleDelivery(db, d, { status: 'failed', attempts, nextAttemptAt: next.at, lastError: error }),
    eventInsertIfChanged(
      db,
      { id: d.ticketId, deskId: d.deskId },
      { type: 'webhook_failed', by: SYSTEM, data },
      now,
    ),
  ]);
  return { outcome: 'failed' };
}
