import { type Calendar, isOpen, nextOpening } from './calendar';
import { type ClockMode, msIn, reachedAt, type Segment } from './clock-segments';
import { entriesUntil, type TimelineEntry } from './clock-timeline';
import type { ClockKind, ClocksInput, StopReason, TicketClock } from './clock-types';
import type { Severity, Status } from './schema';
import { AT_RISK_SHARE } from './sla';

export type { ClockKind, ClockState, ClocksInput, StopReason, TicketClock } from './clock-types';

type Run = {
  kind: ClockKind;
  cycle: number;
  startedAt: number;
  segments: Segment[];
  /** Stopped by its answer: never resumes. */
  answered: boolean;
  stoppedBy: StopReason | null;
  breachedAt: number | null;
  breach: { severity: Severity; businessMinutes: number; dueAt: number } | null;
  /**
   * The severity the clock is measured against: the ticket's while the clock runs or waits, kept
   * as it was when the clock stopped (a met or breached answer is history; a reopening takes the
   * ticket's severity again).
   */
  severity: Severity;
};

type Ticket = { severity: Severity; status: Status; lastPublic: 'agent' | 'customer'; answered: boolean };

const MINUTE_MS = 60_000;
const isDone = (status: Status) => status === 'resolved' || status === 'closed';

function targetOf(input: ClocksInput, kind: ClockKind, severity: Severity): number | null {
  if (kind === 'first_response') return input.coverage.targets[severity].businessMinutes;
  const minutes = kind === 'next_response' ? input.targets?.nextResponse : input.targets?.resolution;
  return minutes?.[severity] ?? null;
}

/**
 * The mode a clock should be in for the ticket as it stands. The first-response clock never
 * pauses on `pending`: "waiting on the customer" is a customer delay only once the customer has
 * been answered, and an agent could otherwise park a new ticket in `pending` before replying and
 * stop its clock without responding. Next-response and resolution pause while pending (guide
 * sections 6 and 7: delays caused by the customer affect response and resolution times), but only
 * once the ticket has had a public answer: for the same reason, `pending` on a ticket nobody has
 * answered yet is not waiting on the customer and pauses nothing.
 */
function modeFor(run: Run, t: Ticket): ClockMode {
  if (run.answered || isDone(t.status)) return 'stopped';
  if (run.kind !== 'first_response' && t.status === 'pending' && t.answered) return 'paused';
  return 'active';
}

function apply(runs: Run[], t: Ticket, e: TimelineEntry, canFollowUp: boolean): void {
  if (e.kind === 'severity_changed') t.severity = e.severity;
  else if (e.kind === 'status_changed') t.status = e.status;
  else if (e.kind === 'customer_reply') {
    if (t.status === 'pending') t.status = 'open';
    if (t.lastPublic === 'agent' && canFollowUp) {
      const cycle = runs.filter((r) => r.kind === 'next_response').length + 1;
      runs.push(newRun('next_response', cycle, e.at, t.severity));
    }
    t.lastPublic = 'customer';
  } else {
    t.lastPublic = 'agent';
    t.answered = true;
    for (const r of runs) {
      if (r.kind === 'resolution' || r.answered) continue;
      r.answered = true;
      r.stoppedBy = 'agent_reply';
    }
  }
}

function newRun(kind: ClockKind, cycle: number, at: number, severity: Severity): Run {
  return {
    severity,
    kind,
    cycle,
    startedAt: at,
    segments: [{ from: at, mode: 'active' }],
    answered: false,
    stoppedBy: null,
    breachedAt: null,
    breach: null,
  };
}

function lastMode(r: Run): ClockMode {
  return (r.segments[r.segments.length - 1] as Segment).mode;
}

/** Records a breach at `at` if the clock has reached its target by `limit` (strictly before it when `strict`). */
function checkBreach(input: ClocksInput, r: Run, at: number | null, limit: number, strict: boolean): void {
  if (r.breach || lastMode(r) === 'stopped') return;
  const minutes = targetOf(input, r.kind, r.severity);
  if (minutes === null) return;
  const due = reachedAt(calendarOf(input, r.severity), r.segments, minutes);
  if (due === null || (strict ? due >= limit : due > limit)) return;
  r.breachedAt = at ?? due;
  r.breach = { severity: r.severity, businessMinutes: minutes, dueAt: due };
}

function calendarOf(input: ClocksInput, severity: Severity): Calendar {
  return input.coverage.targets[severity].calendar;
}

/**
 * The clocks of a ticket at `now`, replayed from its timeline (entries after `now` are ignored).
 * Entries at one instant all apply before that instant is judged: a reply at the due instant is
 * met, a pause or a lower target at it is not. A severity change recomputes, from its start, every
 * clock still running or paused that has not breached; a stopped clock (answered, or the ticket
 * resolved or closed) keeps the severity, target and due time it stopped with, and takes the
 * ticket's severity again only if a reopening resumes it. A breach, once recorded with the severity
 * and target then in force, is never erased by a later severity change, closure or reopening.
 * `pending` pauses the next-response and resolution clocks once the ticket has been answered, and
 * never the first-response clock (an unanswered ticket parked in `pending` is not a customer delay).
 * Resolving or closing stops every clock; reopening resumes those not yet answered, and the time
 * in between counts neither as elapsed nor as paused.
 */
export function ticketClocks(input: ClocksInput): TicketClock[] {
  const { timeline, now } = input;
  if (!(now >= timeline.receivedAt)) throw new RangeError('now is before the ticket was received');
  const t: Ticket = { severity: timeline.severity, status: 'new', lastPublic: 'customer', answered: false };
  const runs = [
    newRun('first_response', 1, timeline.receivedAt, t.severity),
    newRun('resolution', 1, timeline.receivedAt, t.severity),
  ];
  const entries = entriesUntil(timeline, now);
  for (let i = 0; i < entries.length; ) {
    const at = (entries[i] as TimelineEntry).at;
    for (const r of runs) checkBreach(input, r, null, at, true);
    for (; i < entries.length && (entries[i] as TimelineEntry).at === at; i++) {
      apply(runs, t, entries[i] as TimelineEntry, input.targets?.nextResponse !== undefined);
    }
    for (const r of runs) {
      const mode = modeFor(r, t);
      if (mode !== lastMode(r)) r.segments.push({ from: at, mode });
      if (mode === 'stopped' && r.stoppedBy === null)
        r.stoppedBy = t.status === 'closed' ? 'closed' : 'resolved';
      if (mode !== 'stopped' && !r.answered) r.stoppedBy = null;
      // A stopped clock keeps the severity it stopped at: only clocks still counting are recomputed.
      if (mode !== 'stopped') r.severity = t.severity;
      checkBreach(input, r, at, at, false);
    }
  }
  for (const r of runs) checkBreach(input, r, null, now, false);
  return runs.map((r) => view(input, r));
}

function view(input: ClocksInput, r: Run): TicketClock {
  const { severity } = r;
  const cal = calendarOf(input, severity);
  const mode = lastMode(r);
  const minutes = targetOf(input, r.kind, severity);
  const stoppedAt = mode === 'stopped' ? (r.segments[r.segments.length - 1] as Segment).from : null;
  let dueAt: number | null = null;
  if (r.breach) dueAt = r.breach.dueAt;
  else if (minutes !== null && mode !== 'paused') dueAt = reachedAt(cal, r.segments, minutes, true);
  let atRiskAt: number | null = null;
  if (!r.breach && minutes !== null && mode === 'active') {
    const t = reachedAt(cal, r.segments, (1 - AT_RISK_SHARE) * minutes, true) as number;
    atRiskAt = isOpen(cal, t) ? t : nextOpening(cal, t);
  }
  return {
    kind: r.kind,
    cycle: r.cycle,
    state: r.breach ? 'breached' : mode === 'stopped' ? 'met' : mode === 'paused' ? 'paused' : 'running',
    startedAt: r.startedAt,
    countsFrom: isOpen(cal, r.startedAt) ? r.startedAt : nextOpening(cal, r.startedAt),
    atRiskAt,
    dueAt,
    stoppedAt,
    stoppedBy: mode === 'stopped' ? r.stoppedBy : null,
    breachedAt: r.breachedAt,
    breach: r.breach && { severity: r.breach.severity, businessMinutes: r.breach.businessMinutes },
    severity,
    businessMinutes: minutes,
    elapsedMinutes: msIn(cal, r.segments, 'active', input.now) / MINUTE_MS,
    pausedMinutes: msIn(cal, r.segments, 'paused', input.now) / MINUTE_MS,
  };
}
