import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { desks, tickets } from './schema';

/**
 * Open, unanswered tickets whose SLA state moved past what was last announced: on_track → at_risk
 * or breached, at_risk → breached. Same columns and rule as worker/db/sla.ts.
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
      dueAt: tickets.firstResponseDueAt,
      webhookUrl: desks.webhookUrl,
    })
    .from(tickets)
    .innerJoin(desks, eq(desks.id, tickets.deskId))
    .where(
      and(
        isNull(tickets.firstResponseAt),
        inArray(tickets.status, ['new', 'open', 'pending']),
        or(
          and(eq(tickets.slaNotified, 'on_track'), sql`${tickets.atRiskAt} < ${now}`),
          and(inArray(tickets.slaNotified, ['on_track', 'at_risk']), lte(tickets.firstResponseDueAt, now)),
        ),
      ),
    )
    .orderBy(asc(tickets.firstResponseDueAt))
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
