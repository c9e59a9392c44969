import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { type Message, messages, type Ticket, tickets } from './schema';

/** A public agent answer: the ticket now waits on the customer, and the cron replays its clocks. */
export const answeredByAgent = (db: Db, ticketId: string, now: number) =>
  db
    .update(tickets)
    .set({ waitingOn: 'customer', updatedAt: now, clockCheckAt: now, version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, ticketId));

/**
 * The first response, set only if none is recorded yet (a racing reply changes no row, so the
 * `changes()`-guarded event after it is not written twice); a new ticket becomes open.
 */
export const recordFirstResponse = (db: Db, ticket: Pick<Ticket, 'id' | 'status'>, now: number) =>
  db
    .update(tickets)
    .set({ firstResponseAt: now, status: ticket.status === 'new' ? 'open' : ticket.status })
    .where(and(eq(tickets.id, ticket.id), isNull(tickets.firstResponseAt)));

/** Inserts a reply or note. */
export const insertMessage = (db: Db, msg: typeof messages.$inferInsert & Pick<Message, 'id'>) =>
  db.insert(messages).values(msg);
