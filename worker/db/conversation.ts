import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { messages, ticketEvents, tickets } from './schema';

/** Where a conversation read stopped: the last message and event rowids returned (insertion order). */
export type ConversationCursor = { message: number; event: number };

/** The columns a customer's list shows, with the unread count and last activity, for `ids` of one desk. */
export function conversationSummaries(
  db: Db,
  deskId: string,
  where: ReturnType<typeof eq> | ReturnType<typeof and>,
) {
  // Columns spelled out: in a select list drizzle renders them without their table, which the subqueries would misread.
  const lastMessage = sql<
    number | null
  >`(select max(m.created_at) from messages m where m.ticket_id = "tickets"."id" and m.public = 1)`;
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      severity: tickets.severity,
      firstResponseDueAt: tickets.firstResponseDueAt,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      lastMessageAt: lastMessage,
      unread: sql<number>`(select count(*) from messages m where m.ticket_id = "tickets"."id" and m.public = 1
        and m.author_type in ('agent', 'system') and m.created_at > coalesce("tickets"."customer_seen_at", 0))`,
    })
    .from(tickets)
    .where(and(eq(tickets.deskId, deskId), where))
    .orderBy(desc(tickets.updatedAt))
    .limit(100);
}

/** Tickets of one desk by id (for tokens the device holds). */
export const byIds = (ids: string[]) => inArray(tickets.id, ids);

/**
 * The tickets of a verified user: their user id within the organisation their identity resolved to
 * (customer-proof.ts identityOf: the widget key's, or the token's `org`; none for neither), the same
 * organisation their requests were filed under, so one organisation's user never sees another's.
 */
export function byUser(userId: string, organisationId: string | null) {
  return and(
    eq(tickets.userId, userId),
    organisationId === null ? isNull(tickets.organisationId) : eq(tickets.organisationId, organisationId),
  );
}

/**
 * A conversation's public messages and status changes after `after` (rowids: D1 applies writes one at
 * a time, so a row committed later always has a larger rowid and a cursor never skips one).
 */
export async function conversationAfter(db: Db, ticketId: string, after: ConversationCursor, limit = 200) {
  const [msgs, events] = await db.batch([
    db
      .select({
        rowid: sql<number>`${messages}.rowid`,
        id: messages.id,
        authorType: messages.authorType,
        author: messages.author,
        body: messages.body,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(
        and(
          eq(messages.ticketId, ticketId),
          eq(messages.public, true),
          gt(sql`${messages}.rowid`, after.message),
        ),
      )
      .orderBy(asc(sql`${messages}.rowid`))
      .limit(limit),
    db
      .select({
        rowid: sql<number>`${ticketEvents}.rowid`,
        id: ticketEvents.id,
        data: ticketEvents.data,
        createdAt: ticketEvents.createdAt,
      })
      .from(ticketEvents)
      .where(
        and(
          eq(ticketEvents.ticketId, ticketId),
          eq(ticketEvents.type, 'status_changed'),
          gt(sql`${ticketEvents}.rowid`, after.event),
        ),
      )
      .orderBy(asc(sql`${ticketEvents}.rowid`))
      .limit(limit),
  ]);
  return { messages: msgs, events };
}

/** Records that the customer has read the conversation up to `now` (later agent replies are unread). */
export function markSeen(db: Db, ticketId: string, now: number) {
  return db
    .update(tickets)
    .set({ customerSeenAt: sql`max(coalesce(${tickets.customerSeenAt}, 0), ${now})` })
    .where(eq(tickets.id, ticketId));
}
