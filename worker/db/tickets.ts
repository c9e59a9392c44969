import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { type NewTicket, type Ticket, ticketEvents, tickets } from './schema';

/** A new ticket as the intake builds it; `number` is assigned by the database. */
export type TicketDraft = Omit<NewTicket, 'number'>;

/** The first audit event written with the ticket. */
export interface FirstEvent {
  type: string;
  actor: string;
  data: unknown;
}

/**
 * Writes a ticket, its first event and any further statements (e.g. the security escalation) in ONE
 * D1 batch: all or nothing, so no ticket exists without its audit trail. The per-tenant number is
 * computed inside the INSERT (D1 runs statements one at a time, so two intakes never get the same).
 * Rejects with the D1 error, e.g. a UNIQUE violation on the idempotency key when a concurrent
 * request with the same key won.
 */
export async function insertTicket(
  db: Db,
  draft: TicketDraft,
  first: FirstEvent,
  extra: BatchItem<'sqlite'>[] = [],
): Promise<{ number: number }> {
  const nextNumber = sql<number>`(select coalesce(max(${tickets.number}), 0) + 1 from ${tickets} where ${tickets.tenantId} = ${draft.tenantId})`;
  const [inserted] = await db.batch([
    db
      .insert(tickets)
      .values({ ...draft, number: nextNumber })
      .returning({ number: tickets.number }),
    db.insert(ticketEvents).values({
      id: crypto.randomUUID(),
      ticketId: draft.id,
      tenantId: draft.tenantId,
      type: first.type,
      actor: first.actor,
      data: first.data,
      createdAt: draft.createdAt,
    }),
    ...extra,
  ]);
  const row = inserted[0];
  if (!row) throw new Error('D1_ERROR: ticket insert returned no row');
  return row;
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
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/UNIQUE constraint failed: tickets\.tenant_id, tickets\.idempotency_key/.test(e.message)) return true;
  }
  return false;
}
