import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { eventInsertIfChanged, SYSTEM } from './events';
import { desks, type Ticket, tickets } from './schema';
import { enqueueWebhook } from './webhook-claims';

/** Which running first-response clocks a recompute looks at. */
export type RecomputeScope =
  | { kind: 'holidays'; from: number; to: number }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'desk'; deskId: string };

/** A ticket whose first-response clock still runs, with its desk's webhook URL. */
export type RunningClockRow = { ticket: Ticket; webhookUrl: string | null };

/**
 * One page (by id, after `afterId`) of tickets whose first response is still open and not yet due at
 * `now`: status new/open/pending, unanswered, due after `now`. For holidays, only clocks that run
 * through [from, to) (received before `to`, due at or after `from`); for an organisation, its tickets;
 * for a desk, its tickets without an organisation (on the desk's standard coverage).
 */
export async function runningClockPage(
  db: Db,
  scope: RecomputeScope,
  now: number,
  afterId: string,
  limit: number,
): Promise<RunningClockRow[]> {
  const where =
    scope.kind === 'holidays'
      ? and(lt(tickets.receivedAt, scope.to), gte(tickets.firstResponseDueAt, scope.from))
      : scope.kind === 'organisation'
        ? eq(tickets.organisationId, scope.organisationId)
        : and(eq(tickets.deskId, scope.deskId), isNull(tickets.organisationId));
  const rows = await db
    .select({ ticket: tickets, webhookUrl: desks.webhookUrl })
    .from(tickets)
    .innerJoin(desks, eq(desks.id, tickets.deskId))
    .where(
      and(
        where,
        isNull(tickets.firstResponseAt),
        inArray(tickets.status, ['new', 'open', 'pending']),
        gt(tickets.firstResponseDueAt, now),
        gt(tickets.id, afterId),
      ),
    )
    .orderBy(asc(tickets.id))
    .limit(limit);
  return rows;
}

/** The new stored clock of one ticket. */
export type RecomputedClock = { clockStartsAt: number; dueAt: number; atRiskAt: number };

/**
 * Statements that move one ticket's stored first-response clock: the row (only while it is still
 * unanswered at the due time read, version + 1, `sla_notified` back to on_track so the cron announces
 * the new state, `clock_check_at` so the clock replay runs), a `due_recomputed` event only if the row
 * changed, and a `ticket.due_changed` webhook when the desk has one (deduplicated by the new due time).
 */
export function dueRecomputeItems(
  db: Db,
  row: RunningClockRow,
  clock: RecomputedClock,
  w: { reason: string; clockCheckAt: number; now: number },
): BatchItem<'sqlite'>[] {
  const t = row.ticket;
  const from = new Date(t.firstResponseDueAt).toISOString();
  const to = new Date(clock.dueAt).toISOString();
  const items: BatchItem<'sqlite'>[] = [
    db
      .update(tickets)
      .set({
        clockStartsAt: clock.clockStartsAt,
        firstResponseDueAt: clock.dueAt,
        atRiskAt: clock.atRiskAt,
        // The SLA summary follows at once when this clock is the one due next (the replay settles the rest).
        slaDueAt: sql`case when ${tickets.slaClock} = 'first_response' then ${clock.dueAt} else ${tickets.slaDueAt} end`,
        slaAtRiskAt: sql`case when ${tickets.slaClock} = 'first_response' then ${clock.atRiskAt} else ${tickets.slaAtRiskAt} end`,
        slaNotified: 'on_track',
        clockCheckAt: w.clockCheckAt,
        updatedAt: w.now,
        version: sql`${tickets.version} + 1`,
      })
      .where(
        and(
          eq(tickets.id, t.id),
          isNull(tickets.firstResponseAt),
          eq(tickets.firstResponseDueAt, t.firstResponseDueAt),
        ),
      ),
    eventInsertIfChanged(
      db,
      t,
      { type: 'due_recomputed', by: SYSTEM, data: { from, to, reason: w.reason } },
      w.now,
    ),
  ];
  if (row.webhookUrl) {
    const event = 'ticket.due_changed';
    items.push(
      enqueueWebhook(db, {
        deskId: t.deskId,
        ticketId: t.id,
        event,
        dedupeKey: `${t.id}:${event}:${clock.dueAt}`,
        payload: {
          event,
          ticket: { id: t.id, number: t.number, subject: t.subject, severity: t.severity },
          firstResponseDueAt: { from, to },
          reason: w.reason,
          at: new Date(w.now).toISOString(),
        },
        now: w.now,
      }),
    );
  }
  return items;
}
