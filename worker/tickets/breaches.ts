import type { BatchItem } from 'drizzle-orm/batch';
import { nextClockCheckAt } from '../../shared/clock-check';
import type { TicketClock } from '../../shared/clock-types';
import { breachOfClock } from '../../shared/service-review';
import { slaSummaryColumns } from '../../shared/sla-summary';
import {
  type BreachFact,
  breachInserts,
  settleClocks,
  ticketForReplay,
  ticketsDueForClockCheck,
} from '../db/breaches';
import type { Db } from '../db/client';
import { findDesk } from '../db/desks';
import { CRON } from '../db/events';
import type { Desk, Ticket } from '../db/schema';
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
    const fact = breachOfClock(c);
    if (fact) facts.push({ ...fact, recordedBy });
  }
  return facts;
}

/**
 * One ticket's replay: its clocks at `now` from its stored history, each breach recorded once, and
 * the next check and SLA summary written (only if the ticket's check was still `clockCheckAt`).
 */
async function replayStatements(db: Db, desk: Desk, ticket: Ticket, now: number) {
  const [{ events, messages }, coverage] = await Promise.all([
    ticketHistory(db, ticket.id),
    ticketCoverage(db, desk, ticket, now),
  ]);
  const { clocks } = clocksOf({ ticket, events, messages, coverage, now });
  const items: BatchItem<'sqlite'>[] = [];
  for (const b of breachFacts(clocks, 'cron')) items.push(...breachInserts(db, ticket, b, CRON, now));
  items.push(
    settleClocks(
      db,
      ticket.id,
      ticket.clockCheckAt as number,
      nextClockCheckAt(clocks),
      slaSummaryColumns(clocks),
    ),
  );
  return items;
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
    if (desk) items.push(...(await replayStatements(db, desk, ticket, now)));
  }
  const [first, ...rest] = items;
  if (first) await db.batch([first, ...rest]);
  return due.length;
}

/**
 * Replays one ticket's clocks right after a change (a reply, a status or severity change), so its SLA
 * summary — the queue's badge, filters and due order — is exact at once rather than after the next
 * cron run. Best effort: if it fails, the change stands and the cron's replay (the change set
 * `clock_check_at` to now) settles the ticket within a minute.
 */
export async function settleTicketClocks(
  db: Db,
  deskId: string,
  ticketId: string,
  now: number,
): Promise<void> {
  try {
    const [desk, ticket] = await Promise.all([findDesk(db, deskId), ticketForReplay(db, ticketId)]);
    if (!desk || !ticket || ticket.deskId !== deskId || ticket.clockCheckAt === null) return;
    const [first, ...rest] = await replayStatements(db, desk, ticket, now);
    if (first) await db.batch([first, ...rest]);
  } catch (err) {
    console.error('clock replay after a change failed; the cron will settle it', err);
  }
}
