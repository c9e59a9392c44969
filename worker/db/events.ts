import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { rawBatchItem } from './raw-batch';
import { ticketEvents } from './schema';

/** Who did something: 'customer', 'system', 'cron', or an agent ('agent:<name>' with the agent's id). */
export type Actor = { actor: string; agentId: string | null };

export const CUSTOMER: Actor = { actor: 'customer', agentId: null };
export const SYSTEM: Actor = { actor: 'system', agentId: null };
export const CRON: Actor = { actor: 'cron', agentId: null };

/** The actor of an agent: every audit event names the agent by id (and by name, for people reading it). */
export const agentActor = (agent: { id: string; name: string }): Actor => ({
  actor: `agent:${agent.name}`,
  agentId: agent.id,
});

/** An audit event about to be written. */
export type EventInput = { type: string; by: Actor; data: unknown };

/** A row for the ticket_events audit trail, stamped `now` with a fresh id. */
export function eventRow(
  ticket: { id: string; deskId: string },
  e: EventInput,
  now: number,
): typeof ticketEvents.$inferInsert {
  return {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    deskId: ticket.deskId,
    type: e.type,
    actor: e.by.actor,
    agentId: e.by.agentId,
    data: e.data,
    createdAt: now,
  };
}

/** The one way to write an audit event: an insert for the caller's batch. */
export function eventInsert(db: Db, ticket: { id: string; deskId: string }, e: EventInput, now: number) {
  return db.insert(ticketEvents).values(eventRow(ticket, e, now));
}

/**
 * An audit event written only when the statement just before it in the batch changed a row
 * (`changes() = 1`): two racing writers record one transition.
 */
export function eventInsertIfChanged(
  db: Db,
  ticket: { id: string; deskId: string },
  e: EventInput,
  now: number,
): BatchItem<'sqlite'> {
  return rawBatchItem(
    db,
    sql`insert into ${ticketEvents} (id, ticket_id, desk_id, type, actor, agent_id, data, created_at)
      select ${crypto.randomUUID()}, ${ticket.id}, ${ticket.deskId}, ${e.type}, ${e.by.actor}, ${e.by.agentId},
        ${JSON.stringify(e.data)}, ${now}
      where changes() = 1`,
  );
}
