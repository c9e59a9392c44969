import type { Severity, Status } from './schema';

/**
 * One fact of a ticket's life that the clocks read, in the order it happened. Only public messages
 * are entries: an internal note answers nobody and moves no clock.
 */
export type TimelineEntry =
  | { at: number; kind: 'severity_changed'; severity: Severity }
  | { at: number; kind: 'agent_reply' }
  | { at: number; kind: 'customer_reply' }
  | { at: number; kind: 'status_changed'; status: Status };

/** A ticket's timeline: when it was received (a past instant for agent-logged tickets), at which severity, and what followed. */
export type TicketTimeline = {
  receivedAt: number;
  severity: Severity;
  entries: readonly TimelineEntry[];
};

/** Business-minute targets per severity; a severity without one is measured but cannot breach. */
export type SeverityMinutes = Partial<Record<Severity, number>>;

/**
 * Targets beyond the first response (guide section 5), as an order form sets them: without
 * `nextResponse` no next-response clock runs; without `resolution` the resolution clock only measures.
 */
export type ClockTargets = { nextResponse?: SeverityMinutes; resolution?: SeverityMinutes };

/**
 * The entries at or before `now`, stably sorted by instant (ties keep their input order); entries
 * after `now` have not happened yet. Throws on an entry before the ticket was received.
 */
export function entriesUntil(timeline: TicketTimeline, now: number): TimelineEntry[] {
  for (const e of timeline.entries) {
    if (!Number.isFinite(e.at)) throw new RangeError(`timeline entry at a non-finite instant: ${e.at}`);
    if (e.at < timeline.receivedAt)
      throw new RangeError(`timeline entry ${e.kind} before the ticket was received`);
  }
  return timeline.entries
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.at <= now)
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);
}
