import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { desks, tickets } from './schema';

/**
 * Open tickets whose clock due next moved past what was last announced: on_track → at_risk or
 * breached, at_risk → breached, for whichever clock is due next (the stored SLA summary, same
 * columns and rule as worker/db/sla.ts). Walks the partial index tickets_sla_announce: a ticket
 * leaves it once announced as breached, and a clock that never runs sits at NO_DUE, past any now.
 */
export function ticketsToAnnounce(db: Db, now: number, limit: number) {
  return db
    .select({
      id: tickets.id,
      deskId: tickets.deskId,
      number: tickets.number,
      subject: tickets.subject,
      severity: tickets.severity,
      slaNotified: tickets.slaNotified,
      clock: tickets.slaClock,
      dueAt: tickets.slaDueAt,
      webhookUrl: desks.webhookUrl,
    })
    .from(tickets)
    .innerJoin(desks, eq(desks.id, tickets.deskId))
    .where(
      and(
        // Spelled as the partial index states it, so SQLite can prove the index applies.
        sql`${tickets.slaNotified} <> 'breached'`,
        sql`${tickets.slaAtRiskAt} < ${now}`,
        sql`(${tickets.slaNotified} <> 'at_risk' or ${tickets.slaDueAt} <= ${now})`,
        inArray(tickets.status, ['new', 'open', 'pending']),
      ),
    )
    .orderBy(asc(tickets.slaAtRiskAt))
    .limit(limit);
}

/** The announced state, moved only from the state it was read in (an overlapping run changes nothing). */
export const markAnnounced = (
  db: Db,
  t: { id: string; slaNotified: string },
  state: 'at_risk' | 'breached',
) =>
  db
    .update(tickets)
    .set({ slaNotified: state })
    .where(and(eq(tickets.id, t.id), eq(tickets.slaNotified, t.slaNotified as 'on_track')));
