import type { BatchItem } from 'drizzle-orm/batch';
import { nextClockCheckAt } from '../../shared/clock-check';
import type { TicketClock } from '../../shared/clock-types';
import { type BreachFact, breachInserts, moveClockCheck, ticketsDueForClockCheck } from '../db/breaches';
import type { Db } from '../db/client';
import { findDesk } from '../db/desks';
import { CRON } from '../db/events';
import type { Desk } from '../db/schema';
import { ticketHistory } from '../db/tickets';
import { clocksOf, ticketCoverage } from './clocks';

/** Tickets whose clocks one cron run replays; the rest follow a minute later. */
export const CLOCK_BATCH = 50;

/** The breaches among a ticket's clocks, as facts to record (severity and target as they were at the breach). */
export function breachFacts(
  clocks: readonly TicketClock[],
  recordedBy: BreachFact['recordedBy'],
): BreachFact[] {
  const facts: BreachFact[] = [];
  for (const c of clocks) {
    if (!c.breach || c.breachedAt === null || c.dueAt === null) continue;
    facts.push({
      kind: c.kind,
      cycle: c.cycle,
      severity: c.breach.severity,
      businessMinutes: c.breach.businessMinutes,
      dueAt: c.dueAt,
      breachedAt: c.breachedAt,
      recordedBy,
    });
  }
  return facts;
}

/**
 * The cron's pass over every clock: replays the tickets whose `clock_check_at` has come (a due
 * time reached, or a change since the last look), records each breach once, and moves the next
 * check to the earliest due time of a clock still running (null when none is). Returns how many
 * tickets it looked at.
 */
export async function recordDueBreaches(db: Db, now: number, limit = CLOCK_BATCH): Promise<number> {
  const due = await ticketsDueForClockCheck(db, now, limit);
  const desks = new Map<string, Desk | undefined>();
  const items: BatchItem<'sqlite'>[] = [];
  for (const ticket of due) {
    if (!desks.has(ticket.deskId)) desks.set(ticket.deskId, await findDesk(db, ticket.deskId));
    const desk = desks.get(ticket.deskId);
    if (!desk) continue;
    const [{ events, messages }, coverage] = await Promise.all([
      ticketHistory(db, ticket.id),
      ticketCoverage(db, desk, ticket, now),
    ]);
    const { clocks } = clocksOf({ ticket, events, messages, coverage, now });
    for (const b of breachFacts(clocks, 'cron')) items.push(...breachInserts(db, ticket, b, CRON, now));
    items.push(moveClockCheck(db, ticket.id, ticket.clockCheckAt as number, nextClockCheckAt(clocks)));
  }
  const [first, ...rest] = items;
  if (first) await db.batch([first, ...rest]);
  return due.length;
}
