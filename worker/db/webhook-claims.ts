import { eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { rawBatchItem } from './raw-batch';
import { desks, webhookDeliveries } from './schema';

/** How long a consumer's claim keeps others off a delivery: well beyond one send (10 s timeout). */
export const WEBHOOK_LEASE_MS = 2 * 60_000;
/** How long a queued message may take to reach its consumer before the cron puts it on the queue again. */
export const WEBHOOK_QUEUE_GRACE_MS = 15 * 60_000;
/** A retried message may arrive this much before the delivery's next attempt is due and still be sent. */
export const EARLY_MS = 5_000;

/** A delivery this consumer now holds: send it, then settle it with its `leaseToken`. */
export type ClaimedDelivery = {
  id: string;
  deskId: string;
  ticketId: string;
  event: string;
  payload: string;
  attempts: number;
  leaseToken: string;
  leaseUntil: number;
};

/**
 * The due deliveries to put on the queue (at most `limit`): pending, due at `now`, no message in
 * flight (`queued_until` passed) and nobody sending. One UPDATE … RETURNING marks them queued until
 * `now + graceMs`, so overlapping cron runs enqueue each delivery once; a message that never arrives
 * is enqueued again after the grace. Oldest due first.
 */
export async function queueDueDeliveries(
  db: Db,
  { now, limit, graceMs = WEBHOOK_QUEUE_GRACE_MS }: { now: number; limit: number; graceMs?: number },
): Promise<{ id: string; deskId: string }[]> {
  const free = sql`status = 'pending' and next_attempt_at <= ${now}
    and (queued_until is null or queued_until < ${now}) and (lease_until is null or lease_until < ${now})`;
  const rows = await db.all<{ id: string; desk_id: string; next_attempt_at: number }>(
    sql`update webhook_deliveries set queued_until = ${now + graceMs}
    where id in (select id from webhook_deliveries where ${free} order by next_attempt_at limit ${limit})
    and ${free}
    returning id, desk_id, next_attempt_at`,
  );
  return rows
    .sort((a, b) => a.next_attempt_at - b.next_attempt_at)
    .map((r) => ({ id: r.id, deskId: r.desk_id }));
}

/**
 * Claims one delivery for sending: pending, due (within EARLY_MS), and nobody else sending it (no
 * lease, or an expired one). D1 runs the UPDATE atomically, so two consumers handed the same message
 * never both send; a consumer that dies mid-send leaves the delivery to the next message once the
 * lease has expired (at-least-once: receivers dedupe on X-Kinobi-Delivery).
 */
export async function claimDelivery(
  db: Db,
  id: string,
  {
    now,
    leaseMs = WEBHOOK_LEASE_MS,
    token = crypto.randomUUID(),
  }: { now: number; leaseMs?: number; token?: string },
): Promise<ClaimedDelivery | null> {
  const leaseUntil = now + leaseMs;
  const rows = await db.all<{
    id: string;
    desk_id: string;
    ticket_id: string;
    event: string;
    payload: string;
    attempts: number;
  }>(sql`update webhook_deliveries set lease_until = ${leaseUntil}, lease_token = ${token}
    where id = ${id} and status = 'pending' and next_attempt_at <= ${now + EARLY_MS}
      and (lease_until is null or lease_until < ${now})
    returning id, desk_id, ticket_id, event, payload, attempts`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    deskId: r.desk_id,
    ticketId: r.ticket_id,
    event: r.event,
    payload: r.payload,
    attempts: r.attempts,
    leaseToken: token,
    leaseUntil,
  };
}

/** Where a delivery stands (for a message that could not claim it), or undefined when there is none. */
export async function deliveryState(db: Db, id: string) {
  const [row] = await db
    .select({
      id: webhookDeliveries.id,
      deskId: webhookDeliveries.deskId,
      ticketId: webhookDeliveries.ticketId,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastError: webhookDeliveries.lastError,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.id, id));
  return row;
}

/**
 * Gives a pending delivery up (its message was dead-lettered): `failed` with the reason, unless it
 * was delivered or failed meanwhile. A batch item: put the `webhook_failed` event (IfChanged) after it.
 */
export function failDelivery(db: Db, id: string, reason: string): BatchItem<'sqlite'> {
  return rawBatchItem(
    db,
    sql`update webhook_deliveries set status = 'failed', last_error = ${reason.slice(0, 500)},
      lease_until = null, lease_token = null, queued_until = null
      where id = ${id} and status = 'pending'`,
  );
}

/** The outcome of one attempt, as settleDelivery writes it. */
export type DeliveryOutcome =
  | { status: 'delivered'; attempts: number }
  | { status: 'failed'; attempts: number; nextAttemptAt: number; lastError: string }
  | {
      status: 'pending';
      attempts: number;
      nextAttemptAt: number;
      lastError: string;
      /** The retried message is in flight until then: the cron leaves the delivery alone. */
      queuedUntil: number;
    };

/**
 * A batch item that records `outcome` for a delivery and releases its lease, only while the lease
 * is still ours (`lease_token` unchanged): a run whose lease expired and was taken over writes nothing.
 */
export function settleDelivery(
  db: Db,
  claim: Pick<ClaimedDelivery, 'id' | 'leaseToken'>,
  outcome: DeliveryOutcome,
): BatchItem<'sqlite'> {
  const next = outcome.status === 'delivered' ? sql`next_attempt_at` : sql`${outcome.nextAttemptAt}`;
  const error = outcome.status === 'delivered' ? null : outcome.lastError;
  const queuedUntil = outcome.status === 'pending' ? outcome.queuedUntil : null;
  return rawBatchItem(
    db,
    sql`update webhook_deliveries set status = ${outcome.status}, attempts = ${outcome.attempts},
      next_attempt_at = ${next}, last_error = ${error}, lease_until = null, lease_token = null,
      queued_until = ${queuedUntil}
      where id = ${claim.id} and lease_token = ${claim.leaseToken}`,
  );
}

/** A delivery of the desk as the admin API lists it. */
export type DeliveryRow = {
  id: string;
  ticket_id: string;
  event: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
};

/** The desk's deliveries in a status (newest first, at most `limit`). */
export function deliveriesOf(
  db: Db,
  deskId: string,
  status: 'pending' | 'delivered' | 'failed',
  limit = 100,
) {
  return db.all<DeliveryRow>(
    sql`select id, ticket_id, event, status, attempts, last_error, created_at from webhook_deliveries
        where desk_id = ${deskId} and status = ${status} order by created_at desc limit ${limit}`,
  );
}

/** Puts a failed delivery of the desk back in the queue (attempts from zero, sent after the next cron run); false when there is none. */
export async function redeliver(db: Db, deskId: string, id: string, now: number): Promise<boolean> {
  const rows = await db.all<{ id: string }>(
    sql`update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = ${now}, last_error = null,
          lease_until = null, lease_token = null, queued_until = null
        where id = ${id} and desk_id = ${deskId} and status = 'failed' returning id`,
  );
  return rows.length > 0;
}

/** Where a desk's webhooks go: its URL, signing secret and, during a rotation, the previous one. */
export type WebhookTarget = { url: string | null; secret: string | null; previous: string | null };

/** The webhook URL and secret of each desk among `deskIds`. */
export async function webhookTargets(
  db: Db,
  deskIds: string[],
  now: number,
): Promise<Map<string, WebhookTarget>> {
  if (deskIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: desks.id,
      url: desks.webhookUrl,
      secret: desks.webhookSecret,
      previous: desks.webhookSecretPrevious,
      previousUntil: desks.webhookSecretPreviousUntil,
    })
    .from(desks)
    .where(inArray(desks.id, deskIds));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        url: r.url,
        secret: r.secret,
        previous: r.previousUntil !== null && r.previousUntil > now ? r.previous : null,
      },
    ]),
  );
}

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
