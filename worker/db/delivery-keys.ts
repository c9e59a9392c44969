import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { deliveryKeys } from './schema';

/** How long a queued message may take to reach its consumer before the cron puts it on the queue again. */
export const QUEUE_GRACE_MS = 15 * 60_000;
/** How long a consumer holds a key while it sends: well beyond one send_email call. */
export const SEND_LEASE_MS = 2 * 60_000;

/** A key to record before its message goes on the queue. */
export type NewDeliveryKey = {
  key: string;
  deskId: string;
  ticketId: string | null;
  kind: string;
  body: unknown;
};

/**
 * Records the keys as `queued` and returns those that were new: only their messages go on the
 * queue, so two overlapping cron runs (or a replayed request) enqueue each mail once.
 */
export async function insertDeliveryKeys(db: Db, keys: NewDeliveryKey[], now: number): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .insert(deliveryKeys)
    .values(
      keys.map((k) => ({
        key: k.key,
        deskId: k.deskId,
        ticketId: k.ticketId,
        kind: k.kind,
        body: JSON.stringify(k.body),
        leaseUntil: now + QUEUE_GRACE_MS,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ key: deliveryKeys.key });
  return rows.map((r) => r.key);
}

/**
 * Claims a key for sending (`sending`, lease SEND_LEASE_MS, attempts + 1) when it is queued, or
 * was being sent by a consumer whose lease ran out. Null when it is done, failed, held by another
 * consumer, or unknown: the caller sends nothing.
 */
export async function claimDeliveryKey(
  db: Db,
  key: string,
  now: number,
): Promise<{ attempts: number } | null> {
  const rows = await db.all<{ attempts: number }>(
    sql`update delivery_keys set status = 'sending', lease_until = ${now + SEND_LEASE_MS},
          attempts = attempts + 1, updated_at = ${now}
        where key = ${key} and (status = 'queued' or (status = 'sending' and lease_until < ${now}))
        returning attempts`,
  );
  return rows[0] ?? null;
}

/** The key is done: the mail went out, or was withheld on purpose (an event on the ticket says which). */
export function markDeliveryDone(db: Db, key: string, now: number, messageId: string | null = null) {
  return db.run(
    sql`update delivery_keys set status = 'done', message_id = ${messageId}, last_error = null, updated_at = ${now}
        where key = ${key}`,
  );
}

/** A failed send: back to `queued` until the retried message arrives (`until`), with the error kept. */
export function releaseForRetry(db: Db, key: string, until: number, error: string, now: number) {
  return db.run(
    sql`update delivery_keys set status = 'queued', lease_until = ${until}, last_error = ${error.slice(0, 500)},
          updated_at = ${now}
        where key = ${key} and status = 'sending'`,
  );
}

/** Given up (dead-lettered): returns the key's last error and attempts, or null when it was done or unknown. */
export async function failDeliveryKey(
  db: Db,
  key: string,
  now: number,
): Promise<{ lastError: string | null; attempts: number } | null> {
  const rows = await db.all<{ last_error: string | null; attempts: number }>(
    sql`update delivery_keys set status = 'failed', updated_at = ${now}
        where key = ${key} and status in ('queued', 'sending') returning last_error, attempts`,
  );
  const r = rows[0];
  return r ? { lastError: r.last_error, attempts: r.attempts } : null;
}

/**
 * Takes the keys whose message seems lost (still `queued` or `sending` after their lease) and
 * leases them again: the cron puts their stored messages back on the queue. At-least-once: a
 * consumer that died after sending but before marking its key done makes this send the mail again.
 */
export async function takeStaleDeliveryKeys(db: Db, now: number, limit = 100): Promise<string[]> {
  const rows = await db.all<{ body: string }>(
    sql`update delivery_keys set status = 'queued', lease_until = ${now + QUEUE_GRACE_MS}, updated_at = ${now}
        where key in (select key from delivery_keys
          where status in ('queued', 'sending') and lease_until < ${now} order by lease_until limit ${limit})
        and status in ('queued', 'sending') and lease_until < ${now}
        returning body`,
  );
  return rows.map((r) => r.body);
}
