import type { ClockKind, TicketClock } from './clock-types';
import type { Severity } from './schema';
import { summarizeMinutes } from './sla';
import { SEVERITIES } from './targets';

/**
 * The service review (guide section 8) as pure arithmetic over facts: tickets with their clocks
 * (shared/clocks.ts), the recorded breaches (sla_breaches) and escalations. First responses
 * breached are counted by the severity at the breach, so a later downgrade never hides one; a
 * ticket closed or resolved before anyone answered it, and before its first response was due, is
 * its own line ("closed without reply"), not a breach.
 */

/** One ticket as the review reads it. */
export type ReviewTicket = {
  id: string;
  number: number;
  subject: string;
  /** Its severity now (the line it is counted on). */
  severity: Severity;
  clocks: readonly TicketClock[];
  escalationTeams: readonly string[];
};

/** One recorded breach. */
export type ReviewBreach = {
  ticketId: string;
  kind: ClockKind;
  cycle: number;
  severity: Severity;
  businessMinutes: number;
  dueAt: number;
  breachedAt: number;
};

/** The review of one severity. */
export type SeverityReview = {
  severity: Severity;
  tickets: number;
  firstResponses: { met: number; breached: number; pending: number };
  closedWithoutReply: number;
  businessMinutesToFirstResponse: { median: number | null; p90: number | null };
  resolution: { resolved: number; businessMinutesMedian: number | null; businessMinutesP90: number | null };
  /** Business minutes the resolution clocks spent paused, waiting on the customer. */
  pausedOnCustomerMinutes: number;
  escalations: Record<string, number>;
};

/** One line of the breach list. */
export type BreachLine = {
  ticketId: string;
  number: number;
  subject: string;
  clock: ClockKind;
  cycle: number;
  /** The severity and target in force at the breach. */
  severity: Severity;
  targetBusinessMinutes: number;
  dueAt: number;
  breachedAt: number;
  /** Business minutes past the target: until the answer or stop, or until now while still running. */
  lateBusinessMinutes: number | null;
  stillRunning: boolean;
};

/** The whole review. */
export type ServiceReview = {
  severities: SeverityReview[];
  closedWithoutReply: { tickets: number; numbers: number[] };
  breaches: BreachLine[];
};

const round = (m: number | null) => (m === null ? null : Math.round(m * 10) / 10);
const firstResponseOf = (t: ReviewTicket) => t.clocks.find((c) => c.kind === 'first_response');
const closedWithoutReply = (t: ReviewTicket) => {
  const c = firstResponseOf(t);
  return c?.state === 'met' && (c.stoppedBy === 'resolved' || c.stoppedBy === 'closed');
};

/** The breach a replayed clock shows, as a fact (severity and target in force at the breach); null for none. */
export function breachOfClock(c: TicketClock): Omit<ReviewBreach, 'ticketId'> | null {
  if (!c.breach || c.breachedAt === null || c.dueAt === null) return null;
  return {
    kind: c.kind,
    cycle: c.cycle,
    severity: c.breach.severity,
    businessMinutes: c.breach.businessMinutes,
    dueAt: c.dueAt,
    breachedAt: c.breachedAt,
  };
}

/**
 * The recorded breaches, and those the replayed clocks show that are not recorded yet: a clock past its
 * due between two cron runs (hourly), or in a local demo where the cron has not run. Each is then
 * counted exactly once, and a recorded one keeps its record's severity and target (the replay's are the
 * same facts, by clocks.ts, until the record exists).
 */
export function allBreaches(
  tickets: readonly ReviewTicket[],
  recorded: readonly ReviewBreach[],
): ReviewBreach[] {
  const key = (ticketId: string, kind: ClockKind, cycle: number) => `${ticketId} ${kind} ${cycle}`;
  const known = new Set(recorded.map((b) => key(b.ticketId, b.kind, b.cycle)));
  const unrecorded: ReviewBreach[] = [];
  for (const t of tickets)
    for (const c of t.clocks) {
      const fact = breachOfClock(c);
      if (fact && !known.has(key(t.id, c.kind, c.cycle))) unrecorded.push({ ticketId: t.id, ...fact });
    }
  return [...recorded, ...unrecorded].sort((a, b) => a.breachedAt - b.breachedAt);
}

/** Aggregates tickets and breaches (recorded, and replayed not yet recorded: allBreaches) into the review. */
export function serviceReview(
  tickets: readonly ReviewTicket[],
  recorded: readonly ReviewBreach[],
): ServiceReview {
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const breaches = allBreaches(tickets, recorded);
  const severities = SEVERITIES.map((severity): SeverityReview => {
    const mine = tickets.filter((t) => t.severity === severity);
    const toFirst: number[] = [];
    const toResolve: number[] = [];
    let met = 0;
    let pending = 0;
    let paused = 0;
    const escalations: Record<string, number> = {};
    for (const t of mine) {
      const first = firstResponseOf(t);
      if (first?.stoppedBy === 'agent_reply') toFirst.push(first.elapsedMinutes);
      if (first?.state === 'met' && first.stoppedBy === 'agent_reply') met++;
      if (first?.state === 'running' || first?.state === 'paused') pending++;
      const resolution = t.clocks.find((c) => c.kind === 'resolution');
      if (resolution) {
        paused += resolution.pausedMinutes;
        if (resolution.stoppedAt !== null) toResolve.push(resolution.elapsedMinutes);
      }
      for (const team of t.escalationTeams) escalations[team] = (escalations[team] ?? 0) + 1;
    }
    const first = summarizeMinutes(toFirst);
    const resolve = summarizeMinutes(toResolve);
    return {
      severity,
      tickets: mine.length,
      firstResponses: {
        met,
        breached: breaches.filter((b) => b.kind === 'first_response' && b.severity === severity).length,
        pending,
      },
      closedWithoutReply: mine.filter(closedWithoutReply).length,
      businessMinutesToFirstResponse: { median: round(first.median), p90: round(first.p90) },
      resolution: {
        resolved: toResolve.length,
        businessMinutesMedian: round(resolve.median),
        businessMinutesP90: round(resolve.p90),
      },
      pausedOnCustomerMinutes: round(paused) ?? 0,
      escalations,
    };
  });
  const closed = tickets.filter(closedWithoutReply);
  const lines: BreachLine[] = [];
  for (const b of breaches) {
    const t = byId.get(b.ticketId);
    if (!t) continue;
    const clock = t.clocks.find((c) => c.kind === b.kind && c.cycle === b.cycle);
    lines.push({
      ticketId: b.ticketId,
      number: t.number,
      subject: t.subject,
      clock: b.kind,
      cycle: b.cycle,
      severity: b.severity,
      targetBusinessMinutes: b.businessMinutes,
      dueAt: b.dueAt,
      breachedAt: b.breachedAt,
      lateBusinessMinutes: clock ? round(Math.max(0, clock.elapsedMinutes - b.businessMinutes)) : null,
      stillRunning: clock ? clock.stoppedAt === null : false,
    });
  }
  return {
    severities,
    closedWithoutReply: {
      tickets: closed.length,
      numbers: closed.map((t) => t.number).sort((a, b) => a - b),
    },
    breaches: lines,
  };
}

const CSV_COLUMNS = [
  'section',
  'severity',
  'metric',
  'value',
  'ticket_number',
  'subject',
  'clock',
  'cycle',
  'target_business_minutes',
  'due_at',
  'breached_at',
  'late_business_minutes',
] as const;

/** One CSV field: quoted when needed; a leading =, +, - or @ is defused (spreadsheet formula injection). */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The review as one CSV table in long form: a `summary` row per severity and metric, a
 * `closed_without_reply` row per such ticket, a `breach` row per breach. Instants are ISO 8601 UTC.
 */
export function serviceReviewCsv(r: ServiceReview): string {
  const rows: (string | number | null)[][] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const s of r.severities) {
    const metrics: [string, number | null][] = [
      ['tickets', s.tickets],
      ['first_responses_met', s.firstResponses.met],
      ['first_responses_breached', s.firstResponses.breached],
      ['first_responses_pending', s.firstResponses.pending],
      ['closed_without_reply', s.closedWithoutReply],
      ['first_response_median_business_minutes', s.businessMinutesToFirstResponse.median],
      ['first_response_p90_business_minutes', s.businessMinutesToFirstResponse.p90],
      ['resolved', s.resolution.resolved],
      ['resolution_median_business_minutes', s.resolution.businessMinutesMedian],
      ['resolution_p90_business_minutes', s.resolution.businessMinutesP90],
      ['paused_on_customer_business_minutes', s.pausedOnCustomerMinutes],
      ...Object.entries(s.escalations).map(([team, n]): [string, number] => [`escalations_${team}`, n]),
    ];
    for (const [metric, value] of metrics) rows.push(['summary', s.severity, metric, value]);
  }
  for (const n of r.closedWithoutReply.numbers) rows.push(['closed_without_reply', null, null, null, n]);
  for (const b of r.breaches) {
    rows.push([
      'breach',
      b.severity,
      null,
      null,
      b.number,
      b.subject,
      b.clock,
      b.cycle,
      b.targetBusinessMinutes,
      iso(b.dueAt),
      iso(b.breachedAt),
      b.lateBusinessMinutes,
    ]);
  }
  return `${[CSV_COLUMNS.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\r\n')}\r\n`;
}
