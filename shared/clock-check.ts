import type { TicketClock } from './clock-types';

/**
 * When the clocks of a ticket next need a look: the earliest due time of a clock still running to
 * a target. Null when none is (all stopped, paused, breached or without a target): then only a
 * change of the ticket (a reply, a status or severity change) can start one again.
 */
export function nextClockCheckAt(clocks: readonly TicketClock[]): number | null {
  let at: number | null = null;
  for (const c of clocks) {
    if (c.state !== 'running' || c.dueAt === null) continue;
    if (at === null || c.dueAt < at) at = c.dueAt;
  }
  return at;
}
