import type { ticketEvents } from './schema';

/** A row for the ticket_events audit trail, stamped `now` with a fresh id. */
export function eventRow(
  ticket: { id: string; tenantId: string },
  event: { type: string; actor: string; data: unknown },
  now: number,
): typeof ticketEvents.$inferInsert {
  return {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    tenantId: ticket.tenantId,
    type: event.type,
    actor: event.actor,
    data: event.data,
    createdAt: now,
  };
}
