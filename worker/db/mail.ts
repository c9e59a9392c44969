import { and, asc, eq, gt, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from './client';
import {
  type Desk,
  desks,
  messages,
  type Organisation,
  organisations,
  type Ticket,
  ticketEvents,
  tickets,
} from './schema';

/** Who mail about a ticket is sent for: its organisation, or the desk for a request without one. */
export async function mailSenderOf(
  db: Db,
  ticket: Pick<Ticket, 'organisationId' | 'deskId'>,
): Promise<Organisation | Desk | undefined> {
  const [sender] = ticket.organisationId
    ? await db.select().from(organisations).where(eq(organisations.id, ticket.organisationId)).limit(1)
    : await db.select().from(desks).where(eq(desks.id, ticket.deskId)).limit(1);
  return sender;
}

/** A ticket by id alone (for jobs that were handed an id by the same desk's own code). */
export async function ticketById(db: Db, id: string): Promise<Ticket | undefined> {
  const [t] = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return t;
}

/** Whether a customer mail arrived on the ticket (the address reads what we send). */
export async function customerHasMailed(db: Db, ticketId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.authorType, 'customer'),
        eq(messages.channel, 'email'),
      ),
    )
    .limit(1);
  return !!row;
}

/** Whether the ticket had mail sent since `since`. */
export async function mailedSince(db: Db, ticketId: string, since: number): Promise<boolean> {
  const [row] = await db
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        eq(ticketEvents.type, 'email_sent'),
        gt(ticketEvents.createdAt, since),
      ),
    )
    .limit(1);
  return !!row;
}

/** Whether another ticket of the desk from the same address was opened since `since`. */
export async function otherTicketFromAddressSince(
  db: Db,
  t: Pick<Ticket, 'id' | 'deskId' | 'contactEmail'>,
  since: number,
) {
  const rows = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.deskId, t.deskId),
        gt(tickets.createdAt, since),
        eq(tickets.contactEmail, t.contactEmail),
        ne(tickets.id, t.id),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** A statement marking replies as mailed (or handled) at `now`. */
export const markRepliesMailed = (db: Db, ids: string[], now: number) =>
  db.update(messages).set({ mailedAt: now }).where(inArray(messages.id, ids));

/** A statement storing the Message-ID our mail of a reply went out with (threads the answer back). */
export const setReplyMessageId = (db: Db, messageId: string, emailMessageId: string) =>
  db.update(messages).set({ emailMessageId }).where(eq(messages.id, messageId));

/** Some messages of a ticket (a mail message names them), oldest first. */
export function repliesOf(db: Db, ticketId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: messages.id, body: messages.body, author: messages.author })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), inArray(messages.id, ids)))
    .orderBy(asc(messages.createdAt));
}

/** The Message-IDs of a ticket's mails so far, oldest first (at most 50). */
export async function threadMessageIds(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .select({ id: messages.emailMessageId })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), isNotNull(messages.emailMessageId)))
    .orderBy(asc(messages.createdAt))
    .limit(50);
  return rows.map((r) => r.id).filter((id): id is string => !!id);
}
