import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from './db/client';
import { desks, webhookDeliveries } from './db/schema';
import { hmacSha256Hex } from './tokens';

/** Give up after this many failed attempts (the row becomes `failed`). */
export const MAX_WEBHOOK_ATTEMPTS = 8;
/** Deliveries sent per cron run; the rest wait for the next minute. */
export const WEBHOOK_BATCH = 20;
const TIMEOUT_MS = 10_000;

/** What to announce: one row per (ticket, event); `dedupeKey` makes a repeat a no-op. */
export type WebhookEnqueue = {
  deskId: string;
  ticketId: string;
  event: string;
  dedupeKey: string;
  payload: unknown;
  now: number;
};

/** An insert statement for a pending delivery (put it in the same batch as the change it announces). */
export function enqueueWebhook(db: Db, w: WebhookEnqueue) {
  return db
    .insert(webhookDeliveries)
    .values({
      id: crypto.randomUUID(),
      deskId: w.deskId,
      ticketId: w.ticketId,
      event: w.event,
      dedupeKey: w.dedupeKey,
      payload: JSON.stringify(w.payload),
      nextAttemptAt: w.now,
      createdAt: w.now,
    })
    .onConflictDoNothing({ target: webhookDeliveries.dedupeKey });
}

/** `X-Kinobi-Signature` value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export async function signWebhook(secret: string, body: string, now: number): Promise<string> {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${await hmacSha256Hex(secret, `${t}.${body}`)}`;
}

/** After a failed attempt number `attempts` (1-based): retry in 1, 2, 4, 8 … minutes, or give up. */
export function nextAttemptAfterFailure(
  attempts: number,
  now: number,
): { status: 'pending' | 'failed'; at: number } {
  if (attempts >= MAX_WEBHOOK_ATTEMPTS) return { status: 'failed', at: now };
  return { status: 'pending', at: now + 2 ** (attempts - 1) * 60_000 };
}

type Due = Awaited<ReturnType<typeof dueDeliveries>>[number];

/** Pending deliveries due at `now`, with their desk's current webhook URL and secret. */
function dueDeliveries(db: Db, now: number, limit: number) {
  return db
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      url: desks.webhookUrl,
      secret: desks.webhookSecret,
    })
    .from(webhookDeliveries)
    .innerJoin(desks, eq(desks.id, webhookDeliveries.deskId))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
}

async function attempt(d: Due, now: number, fetchImpl: typeof fetch): Promise<string | null> {
  if (!d.url || !d.secret) return 'the desk has no webhook URL or secret configured';
  try {
    const res = await fetchImpl(d.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Kinobi-Webhooks/1',
        'X-Kinobi-Event': d.event,
        'X-Kinobi-Delivery': d.id,
        'X-Kinobi-Signature': await signWebhook(d.secret, d.payload, now),
      },
      body: d.payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message.slice(0, 500) : 'request failed';
  }
}

/** Sends the due deliveries (bounded per run): 2xx → delivered, otherwise retried with backoff. */
export async function deliverDueWebhooks(
  db: Db,
  now: number,
  { limit = WEBHOOK_BATCH, fetchImpl = fetch }: { limit?: number; fetchImpl?: typeof fetch } = {},
): Promise<{ delivered: number; failed: number; retrying: number }> {
  const due = await dueDeliveries(db, now, limit);
  const results = await Promise.all(due.map((d) => attempt(d, now, fetchImpl)));
  const counts = { delivered: 0, failed: 0, retrying: 0 };
  const updates = due.map((d, i) => {
    const error = results[i] ?? null;
    const attempts = d.attempts + 1;
    if (error === null) {
      counts.delivered++;
      return db
        .update(webhookDeliveries)
        .set({ status: 'delivered', attempts, lastError: null })
        .where(eq(webhookDeliveries.id, d.id));
    }
    const next = nextAttemptAfterFailure(attempts, now);
    counts[next.status === 'failed' ? 'failed' : 'retrying']++;
    return db
      .update(webhookDeliveries)
      .set({ status: next.status, attempts, nextAttemptAt: next.at, lastError: error })
      .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, 'pending')));
  });
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
  return counts;
}
