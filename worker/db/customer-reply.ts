import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { CUSTOMER, eventInsertIfChanged } from './events';
import { type Ticket, tickets } from './schema';

/** The channel a customer answered through. */
export type ReplyChannel = 'widget' | 'email';

/**
 * Statements for the caller's batch when a customer replies (widget or email): the ticket now waits on the desk
 * (`waiting_on = 'us'`); one waiting on the customer (`pending`) or one the desk resolved (`resolved`:
 * "it is still broken" must reach the queue, as in every helpdesk) goes back to `open` with a
 * `status_changed` event. A closed ticket stays closed. The reopening update is guarded on the status
 * read and its event written only when that update changed the row (`changes()`), so two racing
 * replies reopen the ticket once, and a ticket an agent closed meanwhile stays closed.
 */
export function customerReplyUpdates(
  db: Db,
  ticket: Pick<Ticket, 'id' | 'deskId' | 'status'>,
  channel: ReplyChannel,
  now: number,
): BatchItem<'sqlite'>[] {
  // The cron replays the clocks after the change (a reply may start a next-response clock or resume others).
  const touch = db
    .update(tickets)
    .set({ updatedAt: now, waitingOn: 'us', clockCheckAt: now, version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, ticket.id));
  const from = ticket.status;
  if (from !== 'pending' && from !== 'resolved') return [touch];
  const data = { from, to: 'open', reason: 'customer replied', channel };
  return [
    touch,
    db
      .update(tickets)
      .set({ status: 'open' })
      .where(and(eq(tickets.id, ticket.id), eq(tickets.status, from))),
    eventInsertIfChanged(db, ticket, { type: 'status_changed', by: CUSTOMER, data }, now),
  ];
}
