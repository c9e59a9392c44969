import { inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { rawBatchItem } from './raw-batch';
import { desks, webhookDeliveries } from './schema';

/** How long a claim keeps other runs off a delivery: well beyond one send (10 s timeout) and a cron run. */
export const WEBHOOK_LEASE_MS = 5 * 60_000;

/** A delivery this run now holds: send it, then settle it with its `leaseToken`. */
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
 * Claims up to `limit` pending deliveries due at `now` that nobody holds (no lease, or an expired
 * one) by setting `lease_until = now + leaseMs` and a fresh `lease_token`, in one UPDATE …
 * RETURNING. D1 runs a statement atomically, so two overlapping runs get disjoint rows; a run that
 * dies mid-send leaves its rows to be claimed again once the lease has expired (at-least-once:
 * receivers dedupe on X-Kinobi-Delivery). Oldest due first.
 */
export async function claimDueDeliveries(
  db: Db,
  {
    now,
    limit,
    leaseMs = WEBHOOK_LEASE_MS,
    token = crypto.randomUUID(),
  }: { now: number; limit: number; leaseMs?: number; token?: string },
): Promise<ClaimedDelivery[]> {
  const leaseUntil = now + leaseMs;
  const rows = await db.all<{
    id: string;
    desk_id: string;
    ticket_id: string;
    event: string;
    payload: string;
    attempts: number;
    next_attempt_at: number;
  }>(sql`update webhook_deliveries set lease_until = ${leaseUntil}, lease_token = ${token}
    where id in (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= ${now} and (lease_until is null or lease_until < ${now})
      order by next_attempt_at limit ${limit}
    )
    and status = 'pending' and (lease_until is null or lease_until < ${now})
    returning id, desk_id, ticket_id, event, payload, attempts, next_attempt_at`);
  return rows
    .sort((a, b) => a.next_attempt_at - b.next_attempt_at)
    .map((r) => ({
      id: r.id,
      deskId: r.desk_id,
      ticketId: r.ticket_id,
      event: r.event,
      payload: r.payload,
      attempts: r.attempts,
      leaseToken: token,
      leaseUntil,
    }));
}

/** The outcome of one attempt, as settleDelivery writes it. */
export type DeliveryOutcome =
  | { status: 'delivered'; attempts: number }
  | { status: 'pending' | 'failed'; attempts: number; nextAttemptAt: number; lastError: string };

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
  return rawBatchItem(
    db,
    sql`update webhook_deliveries set status = ${outcome.status}, attempts = ${outcome.attempts},
      next_attempt_at = ${next}, last_error = ${error}, lease_until = null, lease_token = null
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

/** Puts a failed delivery of the desk back in the queue (attempts from zero); false when there is none. */
export async function redeliver(db: Db, deskId: string, id: string, now: number): Promise<boolean> {
  const rows = await db.all<{ id: string }>(
    sql`update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = ${now}, last_error = null,
          lease_until = null, lease_token = null
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
