import type { Db } from './db/client';
import { eventInsertIfChanged, SYSTEM } from './db/events';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  settleDelivery,
  type WebhookTarget,
  webhookTargets,
} from './db/webhook-claims';
import { retrySchedule } from './webhooks/retry';
import { signatureHeader } from './webhooks/signature';
import { checkWebhookUrl } from './webhooks/url-policy';

export { MAX_WEBHOOK_ATTEMPTS } from './webhooks/retry';
/** Deliveries sent per cron run; the rest wait for the next minute. */
export const WEBHOOK_BATCH = 20;
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

/** Options of deliverDueWebhooks; `random` feeds the retry jitter (tests pass a constant). */
export type DeliverOptions = {
  limit?: number;
  fetchImpl?: typeof fetch;
  environment?: string;
  random?: () => number;
};

/**
 * Sends the due deliveries (bounded per run): each is first claimed with a lease
 * (db/webhook-claims.ts), so overlapping runs never send one twice; 2xx → delivered, anything else
 * (3xx included) → retried per retrySchedule, then `failed`. URLs are checked by checkWebhookUrl
 * at send time too, so a URL stored before the policy existed is never called.
 */
export async function deliverDueWebhooks(
  db: Db,
  now: number,
  {
    limit = WEBHOOK_BATCH,
    fetchImpl = fetch,
    environment = 'production',
    random = Math.random,
  }: DeliverOptions = {},
): Promise<{ delivered: number; failed: number; retrying: number }> {
  const claimed = await claimDueDeliveries(db, { now, limit });
  const targets = await webhookTargets(db, [...new Set(claimed.map((d) => d.deskId))], now);
  const results = await Promise.all(
    claimed.map((d) => attempt(d, targets.get(d.deskId), now, { fetchImpl, environment })),
  );
  const counts = { delivered: 0, failed: 0, retrying: 0 };
  const updates = claimed.flatMap((d, i) => {
    const error = results[i] ?? null;
    const attempts = d.attempts + 1;
    if (error === null) {
      counts.delivered++;
      return [settleDelivery(db, d, { status: 'delivered', attempts })];
    }
    const next = nextAttemptAfterFailure(attempts, now, random());
    counts[next.status === 'failed' ? 'failed' : 'retrying']++;
    const settle = settleDelivery(db, d, {
      status: next.status,
      attempts,
      nextAttemptAt: next.at,
      lastError: error,
    });
    if (next.status !== 'failed') return [settle];
    // Given up: the ticket's trail says so (once: only when this run still held the lease), and an admin
    // can put it back in the queue (POST /v1/admin/desks/{id}/webhook-deliveries/{deliveryId}/redeliver).
    const data = { deliveryId: d.id, event: d.event, attempts, lastError: error };
    return [
      settle,
      eventInsertIfChanged(
        db,
        { id: d.ticketId, deskId: d.deskId },
        { type: 'webhook_failed', by: SYSTEM, data },
        now,
      ),
    ];
  });
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
  return counts;
}
