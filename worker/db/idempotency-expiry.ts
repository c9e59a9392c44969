import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { rawBatchItem } from './raw-batch';

/** How long an Idempotency-Key is honoured: a retry within this time gets the first answer. */
export const IDEMPOTENCY_KEY_TTL_MS = 7 * 86_400_000;
/** Rows cleared per table and run, so one cron run stays short. */
export const IDEMPOTENCY_EXPIRY_BATCH = 500;

/**
 * Forgets Idempotency-Keys older than the TTL (key and request hash set to null on tickets, replies
 * and escalations; the rows themselves stay). After that, a request with an old key is a new request.
 * Returns how many rows were cleared per table.
 */
export async function expireIdempotencyKeys(db: Db, now: number, limit = IDEMPOTENCY_EXPIRY_BATCH) {
  const before = now - IDEMPOTENCY_KEY_TTL_MS;
  const clear = (table: 'tickets' | 'messages' | 'escalations') =>
    rawBatchItem(
      db,
      sql`update ${sql.identifier(table)} set idempotency_key = null, request_hash = null
          where rowid in (select rowid from ${sql.identifier(table)}
            where idempotency_key is not null and created_at < ${before} limit ${limit})`,
    );
  const [tickets, messages, escalations] = await db.batch([
    clear('tickets'),
    clear('messages'),
    clear('escalations'),
  ]);
  const changes = (r: unknown) => (r as { meta?: { changes?: number } }).meta?.changes ?? 0;
  return { tickets: changes(tickets), messages: changes(messages), escalations: changes(escalations) };
}
