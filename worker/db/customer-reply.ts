import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { rawBatchItem } from './raw-batch';
import { type Ticket, ticketEvents, tickets } from './schema';

/** The channel a customer answered through. */
export type ReplyChannel = 'widget' | 'email';

/**
 * Statements for the caller's batch when a customer replies: a ticket waiting on the customer
 * (`pending`) goes back to `open` with a `status_changed` event; any other ticket only has its
 * `updatedAt` touched. The update is guarded on `pending` and the event is written only when that
 * update changed the row (`changes()`), so two racing replies reopen the ticket once.
 */
export function customerReplyUpdates(
  db: Db,
  ticket: Pick<Ticket, 'id' | 'tenantId' | 'status'>,
  channel: ReplyChannel,
  now: number,
): BatchItem<'sqlite'>[] {
  if (ticket.status !== 'pending') {
    return [db.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, ticket.id))];
  }
  const data = { from: 'pending', to: 'open', reason: 'customer replied', channel };
  return [
    db
      .update(tickets)
      .set({ status: 'open', updatedAt: now })
      .where(and(eq(tickets.id, ticket.id), eq(tickets.status, 'pending'))),
    rawBatchItem(
      db,
      sql`insert into ${ticketEvents} (id, ticket_id, tenant_id, type, actor, data, created_at)
        select ${crypto.randomUUID()}, ${ticket.id}, ${ticket.tenantId}, 'status_changed', 'customer',
          ${JSON.stringify(data)}, ${now}
        where changes() = 1`,
    ),
  ];
}
