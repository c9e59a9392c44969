import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarSpec, CoverageSpec } from '../../shared/calendar-schema';
import type { ClockTargets, TimelineEntry } from '../../shared/clock-timeline';
import { type ClockKind, ticketClocks } from '../../shared/clocks';
import type { Severity, Status } from '../../shared/schema';
import { compileCoverage, SEVERITIES, STANDARD_CALENDAR } from '../../shared/targets';
import { oracleIsOpen } from './wall-clock-oracle';

const MIN = 60_000;
const ALWAYS: CalendarSpec = {
  timeZone: 'Asia/Jakarta',
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
  holidays: 'none',
};
const MAKASSAR: CalendarSpec = {
  timeZone: 'Asia/Makassar',
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '22:00' }],
  holidays: 'id',
};

/** Memoised per spec and minute: the oracle reads the wall clock through Intl on every miss. */
const openCache = new Map<CalendarSpec, Map<number, boolean>>();
function open(spec: CalendarSpec, t: number): boolean {
  const m = openCache.get(spec) ?? new Map<number, boolean>();
  openCache.set(spec, m);
  const v = m.get(t) ?? oracleIsOpen(spec, t);
  m.set(t, v);
  return v;
}

type Case = {
  calendars: Record<Severity, CalendarSpec>;
  first: Record<Severity, number>;
  targets: ClockTargets;
  receivedAt: number;
  severity: Severity;
  entries: TimelineEntry[];
  now: number;
};

type OracleClock = {
  kind: ClockKind;
  cycle: number;
  state: string;
  stoppedAt: number | null;
  breachedAt: number | null;
  breach: { severity: Severity; businessMinutes: number } | null;
  severity: Severity;
  businessMinutes: number | null;
  elapsedMinutes: number;
  pausedMinutes: number;
  dueAt?: number | null;
};

/**
 * Walks the ticket minute by minute. At each minute boundary T it applies the entries at T, then
 * judges every clock: breached at T if not stopped and its active open minutes since the start
 * (counted on the calendar of the clock's severity) reach that severity's target. A clock's severity
 * is the ticket's at every minute it is not stopped, and stays what it was while it is stopped. Then it counts
 * minute [T, T+1) as active or paused where that calendar is open (reading the wall clock).
 */
function oracle(c: Case): OracleClock[] {
  type C = OracleClock & {
    answered: boolean;
    active: Record<Severity, number>;
    paused: Record<Severity, number>;
    mode: string;
    /** The ticket's severity while the clock is not stopped; frozen at its stop. */
    sev: Severity;
  };
  const zero = () => ({ 1: 0, 2: 0, 3: 0, 4: 0 });
  const make = (kind: ClockKind, cycle: number): C => ({
    kind,
    cycle,
    state: 'running',
    stoppedAt: null,
    breachedAt: null,
    breach: null,
    severity: sev,
    businessMinutes: null,
    elapsedMinutes: 0,
    pausedMinutes: 0,
    answered: false,
    active: zero(),
    paused: zero(),
    mode: 'active',
    sev,
  });
  let sev = c.severity;
  const clocks: C[] = [make('first_response', 1), make('resolution', 1)];
  let status: Status = 'new';
  let last: 'agent' | 'customer' = 'customer';
  let answered = false;
  const target = (k: ClockKind, s: Severity) =>
    k === 'first_response'
      ? c.first[s]
      : ((k === 'next_response' ? c.targets.nextResponse : c.targets.resolution)?.[s] ?? null);
  for (let t = c.receivedAt; t <= c.now; t += MIN) {
    for (const e of c.entries.filter((x) => x.at === t)) {
      if (e.kind === 'severity_changed') sev = e.severity;
      else if (e.kind === 'status_changed') status = e.status;
      else if (e.kind === 'customer_reply') {
        if (status === 'pending') status = 'open';
        if (last === 'agent' && c.targets.nextResponse)
          clocks.push(make('next_response', clocks.filter((k) => k.kind === 'next_response').length + 1));
        last = 'customer';
      } else {
        last = 'agent';
        answered = true;
        for (const k of clocks) if (k.kind !== 'resolution') k.answered = true;
      }
    }
    const done = status === 'resolved' || status === 'closed';
    for (const k of clocks) {
      const mode =
        k.answered || done
          ? 'stopped'
          : k.kind !== 'first_response' && status === 'pending' && answered
            ? 'paused'
            : 'active';
      if (mode === 'stopped' && k.mode !== 'stopped') k.stoppedAt = t;
      if (mode !== 'stopped') k.stoppedAt = null;
      if (mode !== 'stopped') k.sev = sev;
      k.mode = mode;
      const goal = target(k.kind, k.sev);
      if (!k.breach && mode !== 'stopped' && goal !== null && k.active[k.sev] >= goal) {
        k.breachedAt = t;
        k.breach = { severity: k.sev, businessMinutes: goal };
      }
      if (t === c.now) continue;
      for (const s of SEVERITIES) {
        if (mode !== 'stopped' && open(c.calendars[s], t)) k[mode === 'active' ? 'active' : 'paused'][s]++;
      }
    }
  }
  return clocks.map((k) => {
    let dueAt: number | null | undefined;
    const goal = target(k.kind, k.sev);
    if (!k.breach && k.mode === 'active' && goal !== null) {
      // Keep walking as if nothing else happened, to the instant the target is reached.
      let n = k.active[k.sev];
      let t = c.now;
      for (; n < goal; t += MIN) if (open(c.calendars[k.sev], t)) n++;
      dueAt = t;
    }
    return {
      kind: k.kind,
      cycle: k.cycle,
      state: k.breach
        ? 'breached'
        : k.mode === 'stopped'
          ? 'met'
          : k.mode === 'paused'
            ? 'paused'
            : 'running',
      stoppedAt: k.stoppedAt,
      breachedAt: k.breachedAt,
      breach: k.breach,
      severity: k.sev,
      businessMinutes: goal,
      elapsedMinutes: k.active[k.sev],
      pausedMinutes: k.paused[k.sev],
      ...(dueAt !== undefined ? { dueAt } : {}),
    };
  });
}

const severity = fc.constantFrom<Severity>(1, 2, 3, 4);
const entry = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('agent_reply' as const) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('customer_reply' as const) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('severity_changed' as const), severity }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('status_changed' as const),
      status: fc.constantFrom<Status>('open', 'pending', 'pending', 'resolved', 'closed'),
    }),
    weight: 3,
  },
);
const minutesBy = (min: number, max: number) =>
  fc
    .tuple(...SEVERITIES.map(() => fc.integer({ min, max })))
    .map(([a, b, c, d]) => ({ 1: a, 2: b, 3: c, 4: d }) as Record<Severity, number>);
const gen: fc.Arbitrary<Case> = fc
  .record({
    // Whole minutes from late November 2026 into January 2027: weekends, Christmas, New Year (provisional 2027 data).
    receivedAt: fc
      .integer({ min: 0, max: 50 * 1440 })
      .map((m) => Date.parse('2026-11-20T00:00:00Z') + m * MIN),
    severity,
    steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 720 }), entry), { maxLength: 8 }),
    tail: fc.integer({ min: 0, max: 900 }),
    calendar: fc.constantFrom(STANDARD_CALENDAR, MAKASSAR),
    sev1On24x7: fc.boolean(),
    first: minutesBy(1, 300),
    next: fc.option(minutesBy(1, 300), { nil: undefined }),
    resolution: fc.option(minutesBy(1, 900), { nil: undefined }),
  })
  .map((r) => {
    const entries: TimelineEntry[] = [];
    let at = r.receivedAt;
    for (const [gap, e] of r.steps) {
      at += gap * MIN;
      entries.push({ ...e, at } as TimelineEntry);
    }
    const calendars = { 1: r.sev1On24x7 ? ALWAYS : r.calendar, 2: r.calendar, 3: r.calendar, 4: r.calendar };
    const targets: ClockTargets = {
      ...(r.next ? { nextResponse: r.next } : {}),
      ...(r.resolution ? { resolution: r.resolution } : {}),
    };
    return {
      calendars,
      first: r.first,
      targets,
      receivedAt: r.receivedAt,
      severity: r.severity,
      entries,
      now: at + r.tail * MIN,
    };
  });

function coverageOf(c: Case) {
  const spec: CoverageSpec = {
    calendar: c.calendars[2],
    targets: {
      '1': { businessMinutes: c.first[1], calendar: c.calendars[1] },
      '2': { businessMinutes: c.first[2] },
      '3': { businessMinutes: c.first[3] },
      '4': { businessMinutes: c.first[4] },
    },
  };
  return compileCoverage(spec);
}

describe('ticketClocks against a minute-by-minute wall-clock oracle', () => {
  it('agrees on state, breach instant and severity, stop, elapsed and paused minutes, and due time', () => {
    const seen = {
      paused: 0,
      breached: 0,
      breachThenStopped: 0,
      nextResponse: 0,
      reopened: 0,
      stoppedBeforeSeverityChange: 0,
    };
    fc.assert(
      fc.property(gen, (c) => {
        const got = ticketClocks({
          coverage: coverageOf(c),
          timeline: { receivedAt: c.receivedAt, severity: c.severity, entries: c.entries },
          targets: c.targets,
          now: c.now,
        });
        const want = oracle(c);
        seen.paused += Number(want.some((k) => k.pausedMinutes > 0));
        seen.breached += Number(want.some((k) => k.breach));
        seen.breachThenStopped += Number(want.some((k) => k.breach && k.stoppedAt !== null));
        seen.nextResponse += Number(want.some((k) => k.kind === 'next_response'));
        const last = [...c.entries].reverse().find((e) => e.kind === 'severity_changed');
        seen.stoppedBeforeSeverityChange += Number(
          last?.kind === 'severity_changed' && want.some((k) => k.severity !== last.severity),
        );
        const done = (e: TimelineEntry) =>
          e.kind === 'status_changed' && (e.status === 'resolved' || e.status === 'closed');
        const firstDone = c.entries.findIndex(done);
        seen.reopened += Number(
          firstDone >= 0 && c.entries.slice(firstDone).some((e) => e.kind === 'status_changed' && !done(e)),
        );
        expect(
          got.map((k) => ({
            kind: k.kind,
            cycle: k.cycle,
            state: k.state,
            stoppedAt: k.stoppedAt,
            breachedAt: k.breachedAt,
            breach: k.breach,
            severity: k.severity,
            businessMinutes: k.businessMinutes,
            elapsedMinutes: k.elapsedMinutes,
            pausedMinutes: k.pausedMinutes,
            ...(want.find((w) => w.kind === k.kind && w.cycle === k.cycle && 'dueAt' in w)
              ? { dueAt: k.dueAt }
              : {}),
          })),
        ).toEqual(want);
      }),
      { numRuns: 200 },
    );
    // The generator must reach the cases that matter, or agreement proves little.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(5);
  }, 60_000);
});
