import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { isUniqueViolation } from './d1-errors';
import { contacts, type NewTicket, type Ticket, ticketEvents, tickets } from './schema';

/** A new ticket as the intake builds it; `number` is assigned by the database. */
export type TicketDraft = Omit<NewTicket, 'number'>;

/** The first audit event written with the ticket. */
export interface FirstEvent {
  type: string;
  actor: string;
  data: unknown;
}

/**
 * What depends on whether the contact is one of the tenant's authorised contacts (guide section 7):
 * decided inside the INSERT, so the intake needs no lookup round trip before its batch.
 */
export interface ContactAuthorisation {
  email: string;
  flagsIfAuthorised: string[];
  flagsIfNot: string[];
}

/**
 * Writes a ticket, its first event and any further statements (e.g. the security escalation) in ONE
 * D1 batch: all or nothing, so no ticket exists without its audit trail. The per-tenant number is
 * computed inside the INSERT (D1 runs statements one at a time, so two intakes never get the same).
 * With `contact`, `contact_authorised` and `flags` are chosen in SQL by an EXISTS on contacts, and the
 * first event's `data.flags` is copied from the row. Rejects with the D1 error, e.g. a UNIQUE
 * violation on the idempotency key when a concurrent request with the same key won.
 */
export async function insertTicket(
  db: Db,
  draft: TicketDraft,
  first: FirstEvent,
  extra: BatchItem<'sqlite'>[] = [],
  contact?: ContactAuthorisation,
): Promise<{ number: number; flags: string[]; contactAuthorised: boolean }> {
  const nextNumber = sql<number>`(select coalesce(max(${tickets.number}), 0) + 1 from ${tickets} where ${tickets.tenantId} = ${draft.tenantId})`;
  const authorised =
    contact &&
    sql`exists (select 1 from ${contacts} where ${contacts.tenantId} = ${draft.tenantId} and ${contacts.email} = ${contact.email.trim().toLowerCase()})`;
  const row = authorised
    ? {
        ...draft,
        number: nextNumber,
        contactAuthorised: authorised,
        flags: sql`case when ${authorised} then ${JSON.stringify(contact.flagsIfAuthorised)} else ${JSON.stringify(contact.flagsIfNot)} end`,
      }
    : { ...draft, number: nextNumber };
  const eventData = authorised
    ? sql`json_set(${JSON.stringify(first.data)}, '$.flags', json((select ${tickets.flags} from ${tickets} where ${tickets.id} = ${draft.id})))`
    : first.data;
  const [inserted] = await db.batch([
    db.insert(tickets).values(row).returning({
      number: tickets.number,
      flags: tickets.flags,
      contactAuthorised: tickets.contactAuthorised,
    }),
    db.insert(ticketEvents).values({
      id: crypto.randomUUID(),
      ticketId: draft.id,
      tenantId: draft.tenantId,
      type: first.type,
      actor: first.actor,
      data: eventData,
      createdAt: draft.createdAt,
    }),
    ...extra,
  ]);
  const written = inserted[0];
  if (!written) throw new Error('D1_ERROR: ticket insert returned no row');
  return written;
}

/** The tenant's ticket created with this (hashed) idempotency key, if any. */
export async function findByIdempotencyKey(
  db: Db,
  tenantId: string,
  keyHash: string,
): Promise<Ticket | undefined> {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.idempotencyKey, keyHash)))
    .limit(1);
  return rows[0];
}

/** True when `err` (or its cause) is the UNIQUE violation of the per-tenant idempotency key. */
export function isIdempotencyConflict(err: unknown): boolean {
  return isUniqueViolation(err, 'tickets.tenant_id, tickets.idempotency_key');
}
