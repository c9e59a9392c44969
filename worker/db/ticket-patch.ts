import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { revokeConversationLinksIfClosed } from './conversation-links';
import { isUniqueViolation } from './d1-errors';
import { type Actor, type EventInput, eventInsertIfChanged } from './events';
import { rawBatchItem } from './raw-batch';
import { type Ticket, ticketPatchKeys, tickets } from './schema';

/** A planned change of a ticket row with its audit events (worker/tickets/patch.ts planTicketPatch). */
export type PatchWrite = {
  set: Partial<Ticket>;
  events: { type: string; data: unknown }[];
  by: Actor;
  now: number;
  /** Only if the row is still at this version (If-Match); otherwise last writer wins. */
  expectedVersion?: number;
  /** Hashes of the Idempotency-Key and request, stored in the same batch. */
  idempotency?: { keyHash: string; requestHash: string };
  /** A notice to the customer (a public `system` message from the desk), written only with the patch. */
  notice?: { author: string; body: string };
};

/**
 * Writes a patch in one batch: the row update (version + 1, and only at `expectedVersion` when
 * given), each audit event only if the statement before it changed a row, and the Idempotency-Key
 * row the same way. So a patch that lost an If-Match race writes nothing at all. Returns the new
 * version, or null when the row was no longer at `expectedVersion`. Closing the ticket revokes its
 * conversation links in the same batch. Rejects with the D1 error on a
 * key already used (isPatchKeyConflict).
 */
export async function writeTicketPatch(
  db: Db,
  ticket: Pick<Ticket, 'id' | 'deskId'>,
  w: PatchWrite,
): Promise<number | null> {
  const update = db
    .update(tickets)
    .set({ ...w.set, updatedAt: w.now, clockCheckAt: w.now, version: sql`${tickets.version} + 1` })
    .where(
      and(
        eq(tickets.id, ticket.id),
        eq(tickets.deskId, ticket.deskId),
        w.expectedVersion === undefined ? undefined : eq(tickets.version, w.expectedVersion),
      ),
    )
    .returning({ version: tickets.version });
  const events = w.events.map((e) =>
    eventInsertIfChanged(db, ticket, { type: e.type, by: w.by, data: e.data } satisfies EventInput, w.now),
  );
  const key = w.idempotency
    ? [
        rawBatchItem(
          db,
          sql`insert into ${ticketPatchKeys} (id, ticket_id, idempotency_key, request_hash, created_at)
            select ${crypto.randomUUID()}, ${ticket.id}, ${w.idempotency.keyHash}, ${w.idempotency.requestHash}, ${w.now}
            where changes() = 1`,
        ),
      ]
    : [];
  // The customer's notice, only when the statement before it wrote (the patch was not lost to a race).
  const notice = w.notice
    ? [
        rawBatchItem(
          db,
          sql`insert into messages (id, ticket_id, desk_id, author_type, author, body, public, channel, created_at)
            select ${crypto.randomUUID()}, ${ticket.id}, ${ticket.deskId}, 'system', ${w.notice.author}, ${w.notice.body}, 1, 'api', ${w.now}
            where changes() = 1`,
        ),
      ]
    : [];
  // Closed for good: the customer's conversation links stop working (last, so no changes() above reads it).
  const revoke = w.set.status === 'closed' ? [revokeConversationLinksIfClosed(db, ticket.id, w.now)] : [];
  const [updated] = await db.batch([update, ...events, ...key, ...notice, ...revoke]);
  return updated[0]?.version ?? null;
}

/** The stored Idempotency-Key row of a ticket's patch, if any. */
export async function findPatchKey(db: Db, ticketId: string, keyHash: string) {
  const [row] = await db
    .select()
    .from(ticketPatchKeys)
    .where(and(eq(ticketPatchKeys.ticketId, ticketId), eq(ticketPatchKeys.idempotencyKey, keyHash)))
    .limit(1);
  return row;
}

/** True when a patch lost to another with the same (ticket, Idempotency-Key). */
export const isPatchKeyConflict = (err: unknown) =>
  isUniqueViolation(err, 'ticket_patch_keys.ticket_id, ticket_patch_keys.idempotency_key');
