import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { rawBatchItem } from './raw-batch';
import { conversationLinks, ticketEvents, tickets } from './schema';

/** Stores a new link (only the SHA-256 hex of its token). */
export function insertConversationLink(db: Db, row: typeof conversationLinks.$inferInsert) {
  return db.insert(conversationLinks).values(row);
}

/** The live link of a token hash (not revoked, not expired at `now`) with its ticket, or undefined. */
export async function liveConversationLink(db: Db, tokenHash: string, now: number) {
  const [row] = await db
    .select({ link: conversationLinks, ticket: tickets })
    .from(conversationLinks)
    .innerJoin(tickets, eq(tickets.id, conversationLinks.ticketId))
    .where(
      and(
        eq(conversationLinks.tokenHash, tokenHash),
        isNull(conversationLinks.revokedAt),
        gt(conversationLinks.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

/** Revokes every live link of a ticket. */
export function revokeConversationLinks(db: Db, ticketId: string, now: number) {
  return db
    .update(conversationLinks)
    .set({ revokedAt: now })
    .where(and(eq(conversationLinks.ticketId, ticketId), isNull(conversationLinks.revokedAt)));
}

/**
 * For the end of a ticket-update batch: revokes the ticket's live links when the row is now closed
 * (decided by the row itself, so a patch that lost its If-Match race revokes nothing).
 */
export function revokeConversationLinksIfClosed(db: Db, ticketId: string, now: number): BatchItem<'sqlite'> {
  return rawBatchItem(
    db,
    sql`update ${conversationLinks} set revoked_at = ${now}
      where ticket_id = ${ticketId} and revoked_at is null
        and exists (select 1 from ${tickets} where id = ${ticketId} and status = 'closed')`,
  );
}

/** Whether the ticket's address was confirmed by following a conversation link. */
export async function addressConfirmedByLink(db: Db, ticketId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, 'address_confirmed')))
    .limit(1);
  return !!row;
}

/** Records `address_confirmed` (by the customer, via the link) once per ticket. */
export function recordAddressConfirmed(db: Db, ticket: { id: string; deskId: string }, now: number) {
  return db.run(
    sql`insert into ${ticketEvents} (id, ticket_id, desk_id, type, actor, agent_id, data, created_at)
      select ${crypto.randomUUID()}, ${ticket.id}, ${ticket.deskId}, 'address_confirmed', 'customer', null,
        ${JSON.stringify({ via: 'conversation_link' })}, ${now}
      where not exists (select 1 from ${ticketEvents} where ticket_id = ${ticket.id} and type = 'address_confirmed')`,
  );
}
