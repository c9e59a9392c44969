import type { ClockKind, TicketClock } from './clock-types';
import type { SlaState } from './schema';

/**
 * "No clock is running to a target": the stored due and at-risk instants of such a ticket (the
 * largest instant a Date holds). A sentinel, not NULL, keeps `(desk_id, sla_due_at, id)` one
 * ordered index for the queue's due-time sort and its keyset cursor.
 */
export const NO_DUE = 8_640_000_000_000_000;

/** What a ticket's SLA state is when no clock runs to a target. */
export type SlaRest = 'met' | 'breached' | 'paused';

/**
 * The SLA summary of a ticket as stored beside it (so lists filter, sort and badge in SQL): the clock
 * that is due next and its instants, and what the ticket's state is when none is running.
 */
export type SlaSummary = {
  /** The clock due first among those still waiting for their answer, or null when none is. */
  clock: ClockKind | null;
  dueAt: number;
  atRiskAt: number;
  rest: SlaRest;
};

/**
 * The summary of a ticket's clocks (shared/clocks.ts at the instant they were computed). The clock
 * that decides is the one due first among those still waiting for their answer: running to a target,
 * or breached and not yet stopped (an overdue ticket stays at the top of the due order). When none is: `paused` if a
 * clock with a target waits on the customer, else `breached` if any clock ever breached, else `met`.
 * Clocks without a target (measured only) never decide.
 */
export function slaSummary(clocks: readonly TicketClock[]): SlaSummary {
  let next: TicketClock | null = null;
  for (const c of clocks) {
    const waiting = c.state === 'running' || (c.state === 'breached' && c.stoppedAt === null);
    if (!waiting || c.dueAt === null) continue;
    if (next === null || (next.dueAt as number) > c.dueAt) next = c;
  }
  if (next) {
    return {
      clock: next.kind,
      dueAt: next.dueAt as number,
      atRiskAt: next.atRiskAt ?? (next.dueAt as number),
      rest: 'met',
    };
  }
  const paused = clocks.some((c) => c.state === 'paused' && c.businessMinutes !== null);
  const breached = clocks.some((c) => c.breach !== null);
  return {
    clock: null,
    dueAt: NO_DUE,
    atRiskAt: NO_DUE,
    rest: paused ? 'paused' : breached ? 'breached' : 'met',
  };
}

/** The stored columns the ticket-level SLA state is read from. */
export type SlaSummaryRow = { slaDueAt: number; slaAtRiskAt: number; slaRest: SlaRest };

/**
 * The ticket's SLA state at `now` from its stored summary: the TypeScript twin of worker/db/sla.ts
 * `slaCondition` (same rule, same columns). A running clock is breached from its due instant and
 * at risk once `at_risk_at < now`.
 */
export function slaStateOfSummary(t: SlaSummaryRow, now: number): SlaState {
  if (t.slaDueAt === NO_DUE) return t.slaRest;
  if (t.slaDueAt <= now) return 'breached';
  return t.slaAtRiskAt < now ? 'at_risk' : 'on_track';
}

/** The due time to show beside the state: the running clock's, none when nothing runs. */
export const summaryDueAt = (t: Pick<SlaSummaryRow, 'slaDueAt'>): number | null =>
  t.slaDueAt === NO_DUE ? null : t.slaDueAt;

/** The stored columns of a ticket's SLA summary, as intake and every replay write them. */
export function slaSummaryColumns(clocks: readonly TicketClock[]) {
  const s = slaSummary(clocks);
  return { slaClock: s.clock, slaDueAt: s.dueAt, slaAtRiskAt: s.atRiskAt, slaRest: s.rest };
}
