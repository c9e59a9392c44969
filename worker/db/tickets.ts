import { and, asc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { isUniqueViolation } from './d1-errors';
import { type EventInput, eventRow } from './events';
import { contacts, messages, type NewTicket, type Ticket, ticketEvents, tickets } from './schema';

/** A new ticket as the intake builds it; `number` is assigned by the database. */
export type TicketDraft = Omit<NewTicket, 'number'>;

/**
 * What depends on whether the contact is one of the organisation's authorised contacts (guide
 * section 7): decided inside the INSERT, so the intake needs no lookup round trip before its batch.
 */
export interface ContactAuthorisation {
  organisationId: string;
  email: string;
  flagsIfAuthorised: string[];
  flagsIfNot: string[];
}

/**
 * Writes a ticket, its first event and any further statements (the security escalation, attachments)
 * in ONE D1 batch: all or nothing, so no ticket exists without its audit trail. The per-desk number is
 * computed inside the INSERT (D1 runs statements one at a time, so two intakes never get the same).
 * With `contact`, `contact_authorised` and `flags` are chosen in SQL by an EXISTS on contacts, and the
 * first event's `data.flags` is copied from the row. Rejects with the D1 error, e.g. a UNIQUE
 * violation on the idempotency key when a concurrent request with the same key won.
 */
export async function insertTicket(
  db: Db,
  draft: TicketDraft,
  first: EventInput,
  extra: BatchItem<'sqlite'>[] = [],
  contact?: ContactAuthorisation,
): Promise<{ number: number; flags: string[]; contactAuthorised: boolean }> {
  const nextNumber = sql<number>`(select coalesce(max(${tickets.number}), 0) + 1 from ${tickets} where ${tickets.deskId} = ${draft.deskId})`;
  const authorised =
    contact &&
    sql`exists (select 1 from ${contacts} where ${contacts.organisationId} = ${contact.organisationId} and ${contacts.email} = ${contact.email.trim().toLowerCase()})`;
  const row = authorised
    ? {
        ...draft,
        number: nextNumber,
        contactAuthorised: authorised,
        flags: sql`case when ${authorised} then ${JSON.stringify(contact.flagsIfAuthorised)} else ${JSON.stringify(contact.flagsIfNot)} end`,
      }
    : { ...draft, number: nextNumber };
  const event = eventRow({ id: draft.id, deskId: draft.deskId }, first, draft.createdAt);
  const eventData = authorised
    ? sql`json_set(${JSON.stringify(first.data)}, '$.flags', json((select ${tickets.flags} from ${tickets} where ${tickets.id} = ${draft.id})))`
    : first.data;
  const [inserted] = await db.batch([
    db.insert(tickets).values(row).returning({
      number: tickets.number,
      flags: tickets.flags,
      contactAuthorised: tickets.contactAuthorised,
    }),
    db.insert(ticketEvents).values({ ...event, data: eventData }),
    ...extra,
  ]);
  const written = inserted[0];
  if (!written) throw new Error('D1_ERROR: ticket insert returned no row');
  return written;
}

/** The desk's ticket created with this (hashed) idempotency key, if any. */
export async function findByIdempotencyKey(
  db: Db,
  deskId: string,
  keyHash: string,
): Promise<Ticket | undefined> {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.deskId, deskId), eq(tickets.idempotencyKey, keyHash)))
    .limit(1);
  return rows[0];
}

/** True when `err` (or its cause) is the UNIQUE violation of the per-desk idempotency key. */
export function isIdempotencyConflict(err: unknown): boolean {
  return isUniqueViolation(err, 'tickets.desk_id, tickets.idempotency_key');
}

/** A ticket of this desk, or undefined (another desk's ticket is not found either). */
export async function findTicket(db: Db, deskId: string, id: string): Promise<Ticket | undefined> {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.deskId, deskId), eq(tickets.id, id)))
    .limit(1);
  return rows[0];
}

/** A ticket's audit trail and messages, oldest first. */
export async function ticketHistory(db: Db, ticketId: string) {
  const [events, msgs] = await db.batch([
    db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.createdAt), sql`rowid`), // same instant: insertion order
    db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, ticketId))
      .orderBy(asc(messages.createdAt), sql`rowid`),
  ]);
  return { events, messages: msgs };
}
