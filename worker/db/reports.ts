import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import { escalations, messages, type Ticket, ticketEvents, tickets } from './schema';

/** Tickets of a desk (optionally of some organisations) created in [from, to), with what the SLA report reads. */
export async function ticketsForSlaReport(
  db: Db,
  deskId: string,
  from: number,
  to: number,
  organisationIds?: string[],
) {
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      organisationId: tickets.organisationId,
      severity: tickets.severity,
      createdAt: tickets.createdAt,
      receivedAt: tickets.receivedAt,
      firstResponseDueAt: tickets.firstResponseDueAt,
      firstResponseAt: tickets.firstResponseAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.deskId, deskId),
        organisationIds ? inArray(tickets.organisationId, organisationIds) : undefined,
        sql`${tickets.createdAt} >= ${from}`,
        lte(tickets.createdAt, to - 1),
      ),
    );
}

/** Tickets of a desk (optionally of some organisations) received in [from, to), oldest first. */
export function ticketsReceivedBetween(
  db: Db,
  deskId: string,
  from: number,
  to: number,
  organisationIds?: string[],
): Promise<Ticket[]> {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.deskId, deskId),
        organisationIds ? inArray(tickets.organisationId, organisationIds) : undefined,
        gte(tickets.receivedAt, from),
        lt(tickets.receivedAt, to),
      ),
    )
    .orderBy(asc(tickets.receivedAt));
}

const idsIn = (column: SQLiteColumn, ids: string[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;

/** The audit events, messages and escalations of some tickets, each oldest first (insertion order on ties). */
export async function historiesOf(db: Db, ticketIds: string[]) {
  if (ticketIds.length === 0) return { events: [], messages: [], escalations: [] };
  const [events, msgs, escs] = await db.batch([
    db
      .select()
      .from(ticketEvents)
      .where(idsIn(ticketEvents.ticketId, ticketIds))
      .orderBy(asc(ticketEvents.createdAt), sql`rowid`),
    db
      .select()
      .from(messages)
      .where(idsIn(messages.ticketId, ticketIds))
      .orderBy(asc(messages.createdAt), sql`rowid`),
    db
      .select({ ticketId: escalations.ticketId, team: escalations.team })
      .from(escalations)
      .where(idsIn(escalations.ticketId, ticketIds)),
  ]);
  return { events, messages: msgs, escalations: escs };
}
