import { describe, expect, it } from 'vitest';
import type { ClockTargets, TimelineEntry } from '../../shared/clock-timeline';
import { type ClockKind, type TicketClock, ticketClocks } from '../../shared/clocks';
import type { Severity } from '../../shared/schema';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';

const wib = (local: string) => Date.parse(`${local}Z`) - 7 * 3_600_000;
const cov = compileCoverage(STANDARD_COVERAGE);
const MON = '2026-11-30'; // a Monday without holidays; Tue 1 Dec, Wed 2 Dec follow

const reply = (local: string): TimelineEntry => ({ at: wib(local), kind: 'agent_reply' });
const customer = (local: string): TimelineEntry => ({ at: wib(local), kind: 'customer_reply' });
const status = (local: string, s: 'open' | 'pending' | 'resolved' | 'closed'): TimelineEntry => ({
  at: wib(local),
  kind: 'status_changed',
  status: s,
});
const severity = (local: string, s: Severity): TimelineEntry => ({
  at: wib(local),
  kind: 'severity_changed',
  severity: s,
});

/** The clocks of a ticket received Monday 09:00 WIB at `sev`, judged at `now`. */
function clocksOf(
  entries: TimelineEntry[],
  now: string,
  { sev = 1 as Severity, received = `${MON}T09:00`, targets = undefined as ClockTargets | undefined } = {},
): TicketClock[] {
  return ticketClocks({
    coverage: cov,
    timeline: { receivedAt: wib(received), severity: sev, entries },
    now: wib(now),
    ...(targets ? { targets } : {}),
  });
}
const pick = (clocks: TicketClock[], kind: ClockKind, cycle = 1) => {
  const c = clocks.find((x) => x.kind === kind && x.cycle === cycle);
  if (!c) throw new Error(`no ${kind} clock ${cycle}`);
  return c;
};

describe('first_response clock', () => {
  it('is met by a public reply before the due time, with the due time it was held to', () => {
    const c = pick(clocksOf([reply(`${MON}T10:30`)], `${MON}T15:00`), 'first_response');
    expect(c).toMatchObject({
      state: 'met',
      startedAt: wib(`${MON}T09:00`),
      dueAt: wib(`${MON}T11:00`),
      stoppedAt: wib(`${MON}T10:30`),
      stoppedBy: 'agent_reply',
      breachedAt: null,
      breach: null,
      severity: 1,
      businessMinutes: 120,
      elapsedMinutes: 90,
      pausedMinutes: 0,
    });
  });

  it('runs towards the due time and breaches at it when nobody answers', () => {
    const running = pick(clocksOf([], `${MON}T10:59`), 'first_response');
    expect(running).toMatchObject({ state: 'running', dueAt: wib(`${MON}T11:00`), elapsedMinutes: 119 });
    const breached = pick(clocksOf([], `${MON}T11:00`), 'first_response');
    expect(breached).toMatchObject({
      state: 'breached',
      breachedAt: wib(`${MON}T11:00`),
      breach: { severity: 1, businessMinutes: 120 },
    });
  });

  it('counts a reply at the due instant as met and one a minute later as breached', () => {
    expect(pick(clocksOf([reply(`${MON}T11:00`)], `${MON}T12:00`), 'first_response').state).toBe('met');
    const late = pick(clocksOf([reply(`${MON}T11:01`)], `${MON}T12:00`), 'first_response');
    expect(late).toMatchObject({
      state: 'breached',
      breachedAt: wib(`${MON}T11:00`),
      stoppedAt: wib(`${MON}T11:01`),
    });
  });

  it('agrees with firstResponseDue for tickets received at night, at the weekend and before New Year', () => {
    for (const [received, sev] of [
      ['2026-11-27T17:30', 1],
      ['2026-11-28T11:00', 2],
      ['2026-12-24T10:00', 3],
      ['2026-12-31T17:00', 1],
    ] as const) {
      const c = pick(clocksOf([], received, { sev, received }), 'first_response');
      expect(c.dueAt).toBe(firstResponseDue(cov, sev, wib(received)).dueAt);
    }
  });

  it('does not pause while pending: an agent cannot park an unanswered ticket', () => {
    const clocks = clocksOf([status(`${MON}T09:30`, 'pending')], `${MON}T11:00`);
    expect(pick(clocks, 'first_response')).toMatchObject({ state: 'breached', pausedMinutes: 0 });
    // Nobody has answered, so the customer owes nothing: the resolution clock keeps running too.
    expect(pick(clocks, 'resolution')).toMatchObject({
      state: 'running',
      pausedMinutes: 0,
      elapsedMinutes: 120,
    });
  });

  it('keeps running after the answer even while the ticket stays pending', () => {
    const clocks = clocksOf([status(`${MON}T09:30`, 'pending'), reply(`${MON}T10:00`)], `${MON}T11:00`);
    expect(pick(clocks, 'first_response')).toMatchObject({ state: 'met', stoppedAt: wib(`${MON}T10:00`) });
    // Pending since 09:30, but it became waiting-on-the-customer only with the answer at 10:00.
    expect(pick(clocks, 'resolution')).toMatchObject({
      state: 'paused',
      pausedMinutes: 60,
      elapsedMinutes: 60,
    });
  });

  it('counts from the next opening when received outside support hours, and from receipt inside them', () => {
    const night = pick(clocksOf([], `${MON}T10:00`, { received: `${MON}T06:28` }), 'first_response');
    expect(night).toMatchObject({ startedAt: wib(`${MON}T06:28`), countsFrom: wib(`${MON}T09:00`) });
    const day = pick(clocksOf([], `${MON}T10:00`, { received: `${MON}T09:10` }), 'resolution');
    expect(day).toMatchObject({ startedAt: wib(`${MON}T09:10`), countsFrom: wib(`${MON}T09:10`) });
    // A customer's reply in the evening starts the next-response clock; it counts from Tuesday 09:00.
    const next = pick(
      clocksOf([reply(`${MON}T09:30`), customer(`${MON}T19:00`)], '2026-12-01T10:00', {
        targets: { nextResponse: { 1: 60 } },
      }),
      'next_response',
    );
    expect(next).toMatchObject({ startedAt: wib(`${MON}T19:00`), countsFrom: wib('2026-12-01T09:00') });
  });

  it('ignores customer replies: only an agent answers it', () => {
    const c = pick(clocksOf([customer(`${MON}T09:10`)], `${MON}T10:00`), 'first_response');
    expect(c).toMatchObject({ state: 'running', dueAt: wib(`${MON}T11:00`) });
  });
});

describe('severity changes', () => {
  it('recompute a running clock from its start before a breach (4 → 1 at 10:00 is due 11:00)', () => {
    const c = pick(clocksOf([severity(`${MON}T10:00`, 1)], `${MON}T10:30`, { sev: 4 }), 'first_response');
    expect(c).toMatchObject({
      state: 'running',
      severity: 1,
      businessMinutes: 120,
      dueAt: wib(`${MON}T11:00`),
    });
  });

  it('lengthen a running clock on a downgrade (1 → 3 at 10:00 is due 18:00)', () => {
    const c = pick(clocksOf([severity(`${MON}T10:00`, 3)], `${MON}T17:00`), 'first_response');
    expect(c).toMatchObject({ state: 'running', severity: 3, dueAt: wib(`${MON}T18:00`) });
  });

  it('breach at the change when the new, shorter target has already passed', () => {
    const c = pick(clocksOf([severity(`${MON}T12:00`, 1)], `${MON}T12:30`, { sev: 4 }), 'first_response');
    expect(c).toMatchObject({
      state: 'breached',
      dueAt: wib(`${MON}T11:00`),
      breachedAt: wib(`${MON}T12:00`),
      breach: { severity: 1, businessMinutes: 120 },
    });
  });

  it('never erase a breach: a downgrade after it keeps the severity and target of the breach', () => {
    const entries = [severity(`${MON}T12:00`, 4), reply(`${MON}T12:30`)];
    const c = pick(clocksOf(entries, `${MON}T13:00`), 'first_response');
    expect(c).toMatchObject({
      state: 'breached',
      breachedAt: wib(`${MON}T11:00`),
      breach: { severity: 1, businessMinutes: 120 },
      dueAt: wib(`${MON}T11:00`),
      severity: 4,
      businessMinutes: 1080,
    });
  });

  it('leave a met clock as it stopped: a downgrade after the answer keeps its severity, target and due', () => {
    const c = pick(
      clocksOf([reply(`${MON}T09:30`), severity(`${MON}T12:00`, 4)], `${MON}T13:00`),
      'first_response',
    );
    expect(c).toMatchObject({
      state: 'met',
      stoppedAt: wib(`${MON}T09:30`),
      severity: 1,
      businessMinutes: 120,
      dueAt: wib(`${MON}T11:00`),
      elapsedMinutes: 30,
    });
  });

  it('leave a met clock met on an upgrade after the answer, whose new target it would have missed', () => {
    // Received as severity 4 (due Tue 1 Dec 18:00), answered Monday 12:00, then raised to 1 (120 min).
    const c = pick(
      clocksOf([reply(`${MON}T12:00`), severity(`${MON}T13:00`, 1)], `${MON}T14:00`, { sev: 4 }),
      'first_response',
    );
    expect(c).toMatchObject({
      state: 'met',
      severity: 4,
      businessMinutes: 1080,
      dueAt: wib('2026-12-01T18:00'),
      breach: null,
    });
  });

  it('keep a late answer as it was: a breached, answered clock keeps the due it missed and the severity it stopped at', () => {
    const entries = [reply(`${MON}T12:00`), severity(`${MON}T13:00`, 4)];
    const c = pick(clocksOf(entries, `${MON}T14:00`), 'first_response');
    expect(c).toMatchObject({
      state: 'breached',
      breach: { severity: 1, businessMinutes: 120 },
      dueAt: wib(`${MON}T11:00`),
      severity: 1,
      businessMinutes: 120,
    });
  });

  it('recompute only the clocks still running: after the answer, the resolution clock follows the new severity', () => {
    const targets = { resolution: { 1: 240, 3: 1080 } };
    const clocks = clocksOf([reply(`${MON}T09:30`), severity(`${MON}T10:00`, 3)], `${MON}T11:00`, {
      targets,
    });
    expect(pick(clocks, 'first_response')).toMatchObject({ state: 'met', severity: 1, businessMinutes: 120 });
    // 1080 minutes from Monday 09:00: two business days, due Tuesday 18:00.
    expect(pick(clocks, 'resolution')).toMatchObject({
      state: 'running',
      severity: 3,
      businessMinutes: 1080,
      dueAt: wib('2026-12-01T18:00'),
    });
  });

  it('apply a change at the instant of the answer to the clocks still counting only', () => {
    const targets = { resolution: { 1: 240, 3: 1080 } };
    const clocks = clocksOf([reply(`${MON}T10:00`), severity(`${MON}T10:00`, 3)], `${MON}T11:00`, {
      targets,
    });
    expect(pick(clocks, 'first_response')).toMatchObject({ state: 'met', severity: 1 });
    expect(pick(clocks, 'resolution')).toMatchObject({ state: 'running', severity: 3 });
  });

  it('keep a resolved clock as it stopped, and measure it at the ticket’s severity again once reopened', () => {
    const targets = { resolution: { 1: 240, 3: 1080 } };
    const entries = [
      reply(`${MON}T09:30`),
      status(`${MON}T10:00`, 'resolved'),
      severity(`${MON}T11:00`, 3),
      status(`${MON}T12:00`, 'open'),
    ];
    const resolved = pick(clocksOf(entries, `${MON}T11:30`, { targets }), 'resolution');
    expect(resolved).toMatchObject({
      state: 'met',
      severity: 1,
      businessMinutes: 240,
      dueAt: wib(`${MON}T13:00`),
    });
    const reopened = pick(clocksOf(entries, `${MON}T12:30`, { targets }), 'resolution');
    // 60 minutes before resolving, 30 since reopening; 1020 left from 12:00: 360 Monday, 540 Tuesday, 120 Wednesday.
    expect(reopened).toMatchObject({
      state: 'running',
      severity: 3,
      businessMinutes: 1080,
      elapsedMinutes: 90,
      dueAt: wib('2026-12-02T11:00'),
    });
  });
});

describe('closure and reopening', () => {
  it('keep a breach through closing and reopening', () => {
    const entries = [status(`${MON}T12:00`, 'closed'), status(`${MON}T13:00`, 'open'), reply(`${MON}T13:30`)];
    const c = pick(clocksOf(entries, `${MON}T14:00`), 'first_response');
    expect(c).toMatchObject({ state: 'breached', breachedAt: wib(`${MON}T11:00`), stoppedBy: 'agent_reply' });
  });

  it('stop an unanswered first-response clock on closure (stoppedBy closed, not a breach) and resume it on reopening', () => {
    const closed = pick(clocksOf([status(`${MON}T10:00`, 'closed')], `${MON}T17:00`), 'first_response');
    expect(closed).toMatchObject({
      state: 'met',
      stoppedBy: 'closed',
      stoppedAt: wib(`${MON}T10:00`),
      breachedAt: null,
    });
    const reopened = pick(
      clocksOf([status(`${MON}T10:00`, 'closed'), status(`${MON}T15:00`, 'open')], `${MON}T15:30`),
      'first_response',
    );
    // 60 minutes counted before closing, 60 left from 15:00.
    expect(reopened).toMatchObject({
      state: 'running',
      dueAt: wib(`${MON}T16:00`),
      stoppedBy: null,
      elapsedMinutes: 90,
    });
  });

  it('stop the resolution clock on resolve and keep counting only after a reopening (resolved time is not paused time)', () => {
    const targets = { resolution: { 1: 600 } };
    const entries = [
      reply(`${MON}T09:30`),
      status(`${MON}T12:00`, 'resolved'),
      status(`${MON}T15:00`, 'open'),
    ];
    const resolved = pick(clocksOf(entries.slice(0, 2), `${MON}T14:00`, { targets }), 'resolution');
    expect(resolved).toMatchObject({
      state: 'met',
      stoppedBy: 'resolved',
      stoppedAt: wib(`${MON}T12:00`),
      elapsedMinutes: 180,
    });
    const reopened = pick(clocksOf(entries, `${MON}T16:00`, { targets }), 'resolution');
    // 180 before resolve + 60 since reopening; 360 left from 16:00: 120 on Monday, 240 on Tuesday.
    expect(reopened).toMatchObject({
      state: 'running',
      elapsedMinutes: 240,
      pausedMinutes: 0,
      dueAt: wib('2026-12-01T13:00'),
    });
  });

  it('keep resolved and closed as one stop: closing a resolved ticket keeps its stop instant', () => {
    const c = pick(
      clocksOf([status(`${MON}T10:00`, 'resolved'), status(`${MON}T11:00`, 'closed')], `${MON}T12:00`),
      'resolution',
    );
    expect(c).toMatchObject({ stoppedAt: wib(`${MON}T10:00`), stoppedBy: 'resolved' });
  });
});

describe('resolution clock', () => {
  it('is always measured; without a target it has no due time and never breaches', () => {
    const c = pick(clocksOf([], '2027-03-01T10:00'), 'resolution');
    expect(c).toMatchObject({ state: 'running', dueAt: null, businessMinutes: null, breachedAt: null });
    expect(c.elapsedMinutes).toBeGreaterThan(10_000);
  });

  it('pauses while waiting on the customer and resumes on their reply, counting paused business minutes', () => {
    const targets = { resolution: { 1: 480 } };
    // Answered 09:30 and pending until the customer writes on Tuesday 10:00.
    const entries = [reply(`${MON}T09:30`), status(`${MON}T09:30`, 'pending'), customer('2026-12-01T10:00')];
    const paused = pick(clocksOf(entries, '2026-12-01T09:30', { targets }), 'resolution');
    expect(paused).toMatchObject({
      state: 'paused',
      dueAt: null,
      elapsedMinutes: 30,
      pausedMinutes: 510 + 30,
    });
    const resumed = pick(clocksOf(entries, '2026-12-01T11:00', { targets }), 'resolution');
    // 450 minutes left from Tuesday 10:00: 10:00 + 7.5 h = 17:30.
    expect(resumed).toMatchObject({
      state: 'running',
      elapsedMinutes: 90,
      pausedMinutes: 570,
      dueAt: wib('2026-12-01T17:30'),
    });
  });

  it('resumes when an agent moves the ticket out of pending without a customer reply', () => {
    const targets = { resolution: { 1: 480 } };
    const entries = [
      reply(`${MON}T09:30`),
      status(`${MON}T10:00`, 'pending'),
      status(`${MON}T11:00`, 'open'),
    ];
    const c = pick(clocksOf(entries, `${MON}T12:00`, { targets }), 'resolution');
    expect(c).toMatchObject({
      state: 'running',
      pausedMinutes: 60,
      elapsedMinutes: 120,
      dueAt: wib(`${MON}T18:00`),
    });
  });

  it('breaches against its target and records it', () => {
    const c = pick(
      clocksOf([reply(`${MON}T09:30`)], `${MON}T18:00`, { targets: { resolution: { 1: 240 } } }),
      'resolution',
    );
    expect(c).toMatchObject({
      state: 'breached',
      breachedAt: wib(`${MON}T13:00`),
      breach: { severity: 1, businessMinutes: 240 },
    });
  });
});

describe('next_response clocks', () => {
  const targets = { nextResponse: { 1: 60, 2: 120, 3: 240, 4: 480 } };

  it('are off unless an order form gives targets for them', () => {
    const clocks = clocksOf([reply(`${MON}T09:30`), customer(`${MON}T10:00`)], `${MON}T12:00`);
    expect(clocks.map((c) => c.kind)).toEqual(['first_response', 'resolution']);
  });

  it('start at each customer reply that follows an agent reply and stop at the next agent reply', () => {
    const entries = [
      customer(`${MON}T09:10`), // before any answer: adds to the report, starts nothing
      reply(`${MON}T09:30`),
      customer(`${MON}T10:00`),
      customer(`${MON}T10:05`), // the same wait: no second clock
      reply(`${MON}T10:40`),
      customer(`${MON}T11:00`),
    ];
    const clocks = clocksOf(entries, `${MON}T12:30`, { targets });
    expect(clocks.filter((c) => c.kind === 'next_response').map((c) => c.cycle)).toEqual([1, 2]);
    expect(pick(clocks, 'next_response', 1)).toMatchObject({
      state: 'met',
      startedAt: wib(`${MON}T10:00`),
      dueAt: wib(`${MON}T11:00`),
      stoppedAt: wib(`${MON}T10:40`),
      stoppedBy: 'agent_reply',
    });
    expect(pick(clocks, 'next_response', 2)).toMatchObject({
      state: 'breached',
      breachedAt: wib(`${MON}T12:00`),
    });
  });

  it('pause while pending and resume on the customer reply', () => {
    const entries = [
      reply(`${MON}T09:30`),
      customer(`${MON}T10:00`),
      status(`${MON}T10:20`, 'pending'),
      customer(`${MON}T11:00`),
    ];
    const c = pick(clocksOf(entries, `${MON}T11:10`, { targets }), 'next_response');
    expect(c).toMatchObject({
      state: 'running',
      pausedMinutes: 40,
      elapsedMinutes: 30,
      dueAt: wib(`${MON}T11:40`),
    });
  });

  it('breach at the due instant when the ticket is only set pending then, not answered', () => {
    const entries = [reply(`${MON}T09:30`), customer(`${MON}T10:00`), status(`${MON}T11:00`, 'pending')];
    const c = pick(clocksOf(entries, `${MON}T12:00`, { targets }), 'next_response');
    expect(c).toMatchObject({ state: 'breached', breachedAt: wib(`${MON}T11:00`) });
  });

  it('follow the severity: a change recomputes a running next-response clock from its start', () => {
    const entries = [reply(`${MON}T09:30`), customer(`${MON}T10:00`), severity(`${MON}T10:30`, 3)];
    const c = pick(clocksOf(entries, `${MON}T10:45`, { targets }), 'next_response');
    expect(c).toMatchObject({
      state: 'running',
      severity: 3,
      businessMinutes: 240,
      dueAt: wib(`${MON}T14:00`),
    });
  });
});

describe('per-severity calendars', () => {
  it('count a severity 1 clock on its own 24x7 calendar, and switch calendars when the severity changes', () => {
    const always = compileCoverage({
      ...STANDARD_COVERAGE,
      targets: {
        ...STANDARD_COVERAGE.targets,
        '1': {
          businessMinutes: 120,
          calendar: {
            timeZone: 'Asia/Jakarta',
            windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
            holidays: 'none',
          },
        },
      },
    });
    const at = (entries: TimelineEntry[], now: string, sev: Severity) =>
      ticketClocks({
        coverage: always,
        timeline: { receivedAt: wib('2026-11-28T11:00'), severity: sev, entries },
        now: wib(now),
      })[0];
    expect(at([], '2026-11-28T12:00', 1)).toMatchObject({ state: 'running', dueAt: wib('2026-11-28T13:00') });
    // Received Saturday as severity 2 (clock waits for Monday), raised to 1 on Saturday 14:00: from the start on 24x7.
    expect(at([severity('2026-11-28T14:00', 1)], '2026-11-28T14:00', 2)).toMatchObject({
      state: 'breached',
      dueAt: wib('2026-11-28T13:00'),
      breachedAt: wib('2026-11-28T14:00'),
    });
  });
});

describe('the timeline as input', () => {
  it('ignores entries after now and sorts entries given out of order (ties keep their order)', () => {
    const later = clocksOf([reply(`${MON}T12:00`)], `${MON}T10:00`);
    expect(pick(later, 'first_response').state).toBe('running');
    const shuffled = clocksOf([customer(`${MON}T10:00`), reply(`${MON}T09:30`)], `${MON}T10:30`, {
      targets: { nextResponse: { 1: 60 } },
    });
    expect(pick(shuffled, 'next_response').startedAt).toBe(wib(`${MON}T10:00`));
  });

  it('rejects an entry before the ticket was received and a now before it', () => {
    expect(() => clocksOf([reply(`${MON}T08:00`)], `${MON}T10:00`)).toThrow(RangeError);
    expect(() => clocksOf([], `${MON}T08:00`)).toThrow(RangeError);
  });

  it('handles an agent-logged ticket received in the past: the breach is already there', () => {
    const clocks = clocksOf([], `${MON}T16:00`, { received: `${MON}T09:00` });
    expect(pick(clocks, 'first_response')).toMatchObject({
      state: 'breached',
      breachedAt: wib(`${MON}T11:00`),
    });
  });
});
