import type { ClockTargets, TicketTimeline } from './clock-timeline';
import type { Severity } from './schema';
import type { Coverage } from './targets';

/** The three clocks of a ticket (issue 10). */
export type ClockKind = 'first_response' | 'next_response' | 'resolution';
/** A clock's state: `met` is stopped in time (or stopped with no target to miss). */
export type ClockState = 'running' | 'paused' | 'met' | 'breached';
/** What stopped a clock: its answer, or the ticket being resolved or closed (a reopening resumes it). */
export type StopReason = 'agent_reply' | 'resolved' | 'closed';

/** One clock of a ticket at `now`. Minutes are business minutes on the severity's calendar. */
export type TicketClock = {
  kind: ClockKind;
  /** 1 for first_response and resolution; the n-th customer follow-up for next_response. */
  cycle: number;
  state: ClockState;
  /** The instant the clock started (receipt, or the customer's reply); counting begins at the next opening. */
  startedAt: number;
  /** The instant counting began: `startedAt` if its calendar was open then, else the next opening after it. */
  countsFrom: number;
  /**
   * Running with a target: the instant from which less than 25% of the target is left (moved to the
   * next opening when it falls at a closing, as shared/ticket-clock.ts `atRiskAt`); otherwise null.
   */
  atRiskAt: number | null;
  /** Due time: running → when it breaches; breached → the due it missed; met → the due it was held to; paused or no target → null. */
  dueAt: number | null;
  stoppedAt: number | null;
  stoppedBy: StopReason | null;
  breachedAt: number | null;
  /** The severity and target in force when the clock breached; never changed afterwards. */
  breach: { severity: Severity; businessMinutes: number } | null;
  /**
   * The severity and target the clock is measured against (null: no target, measured only): the
   * ticket's while it runs or is paused; for a stopped clock, those it stopped with (a later severity
   * change does not recompute a met or breached answer).
   */
  severity: Severity;
  businessMinutes: number | null;
  elapsedMinutes: number;
  pausedMinutes: number;
};

/** Everything the clocks are computed from: plain data and the instant to compute them at. */
export type ClocksInput = {
  coverage: Coverage;
  timeline: TicketTimeline;
  targets?: ClockTargets;
  now: number;
};
