import { describe, expect, it } from 'vitest';
import type { ClockTargets, TimelineEntry } from '../../shared/clock-timeline';
import { type TicketClock, ticketClocks } from '../../shared/clocks';
import type { Severity } from '../../shared/schema';
import { NO_DUE, slaStateOfSummary, slaSummary, summaryDueAt } from '../../shared/sla-summary';
import { compileCoverage, STANDARD_COVERAGE } from '../../shared/targets';
import { ticketClock } from '../../shared/ticket-clock';

const wib = (local: string) => Date.parse(`${local}Z`) - 7 * 3_600_000;
const cov = compileCoverage(STANDARD_COVERAGE);
const MON = '2026-11-30';
const targets: ClockTargets = {
  nextResponse: { 1: 60, 2: 120, 3: 480, 4: 960 },
  resolution: { 1: 960, 2: 1920, 3: 4800, 4: 9600 },
};
const at = (local: string, kind: TimelineEntry['kind'], extra: object = {}) =>
  ({ at: wib(local), kind, ...extra }) as TimelineEntry;

function clocks(entries: TimelineEntry[], now: string, t: ClockTargets | null = targets, sev: Severity = 1) {
  return ticketClocks({
    coverage: cov,
    timeline: { receivedAt: wib(`${MON}T09:00`), severity: sev, entries },
    now: wib(now),
    ...(t ? { targets: t } : {}),
  });
}

describe('slaSummary: the clock due next decides', () => {
  it('an unanswered ticket: the first-response clock, with its at-risk instant', () => {
    expect(slaSummary(clocks([], `${MON}T09:30`))).toEqual({
      clock: 'first_response',
      dueAt: wib(`${MON}T11:00`),
      atRiskAt: wib(`${MON}T10:30`),
      rest: 'met',
    });
  });

  it('after the answer: resolution; after the customer’s reply: the next response, due first', () => {
    const answered = slaSummary(clocks([at(`${MON}T10:00`, 'agent_reply')], `${MON}T10:05`));
    expect(answered.clock).toBe('resolution');
    const followed = slaSummary(
      clocks([at(`${MON}T10:00`, 'agent_reply'), at(`${MON}T12:00`, 'customer_reply')], `${MON}T12:05`),
    );
    expect(followed).toMatchObject({
      clock: 'next_response',
      dueAt: wib(`${MON}T13:00`),
      atRiskAt: wib(`${MON}T12:45`),
    });
  });

  it('waiting on the customer after an answer: paused; no target anywhere: met', () => {
    const entries = [
      at(`${MON}T10:00`, 'agent_reply'),
      at(`${MON}T10:01`, 'status_changed', { status: 'pending' }),
    ];
    expect(slaSummary(clocks(entries, `${MON}T11:00`))).toEqual({
      clock: null,
      dueAt: NO_DUE,
      atRiskAt: NO_DUE,
      rest: 'paused',
    });
    // Standard coverage: resolution is measured only, so a paused resolution clock pauses no target.
    expect(slaSummary(clocks(entries, `${MON}T11:00`, null)).rest).toBe('met');
  });

  it('an overdue unanswered clock keeps deciding (breached, due in the past); a late answer leaves `breached`', () => {
    const overdue = slaSummary(clocks([], `${MON}T12:00`, null));
    expect(overdue).toMatchObject({ clock: 'first_response', dueAt: wib(`${MON}T11:00`) });
    expect(
      slaStateOfSummary(
        { slaDueAt: overdue.dueAt, slaAtRiskAt: overdue.atRiskAt, slaRest: overdue.rest },
        wib(`${MON}T12:00`),
      ),
    ).toBe('breached');
    const late = slaSummary(clocks([at(`${MON}T12:00`, 'agent_reply')], `${MON}T12:05`, null));
    expect(late).toEqual({ clock: null, dueAt: NO_DUE, atRiskAt: NO_DUE, rest: 'breached' });
  });

  it('resolved: every clock stopped, nothing due', () => {
    const s = slaSummary(
      clocks(
        [at(`${MON}T10:00`, 'agent_reply'), at(`${MON}T10:30`, 'status_changed', { status: 'resolved' })],
        `${MON}T11:00`,
      ),
    );
    expect(s).toEqual({ clock: null, dueAt: NO_DUE, atRiskAt: NO_DUE, rest: 'met' });
  });
});

describe('slaStateOfSummary at every instant', () => {
  const row = { slaDueAt: 1_000_000, slaAtRiskAt: 750_000, slaRest: 'met' as const };
  it.each([
    [700_000, 'on_track'],
    [750_000, 'on_track'],
    [750_001, 'at_risk'],
    [999_999, 'at_risk'],
    [1_000_000, 'breached'],
    [5_000_000, 'breached'],
  ])('running clock at %i → %s', (now, state) => {
    expect(slaStateOfSummary(row, now)).toBe(state);
  });
  it.each(['met', 'breached', 'paused'] as const)(
    'nothing running → the rest state %s, at any instant',
    (rest) => {
      const r = { slaDueAt: NO_DUE, slaAtRiskAt: NO_DUE, slaRest: rest };
      expect(slaStateOfSummary(r, 0)).toBe(rest);
      expect(slaStateOfSummary(r, 8e15)).toBe(rest);
      expect(summaryDueAt(r)).toBeNull();
    },
  );
});

describe('a clock’s at-risk instant', () => {
  it('equals the stored at_risk_at of intake for an unanswered first response, over two weeks of receipts', () => {
    let checked = 0;
    for (let m = 0; m < 14 * 24 * 60; m += 37) {
      const receivedAt = wib(`${MON}T00:00`) + m * 60_000;
      for (const sev of [1, 2, 3, 4] as const) {
        const [first] = ticketClocks({
          coverage: cov,
          timeline: { receivedAt, severity: sev, entries: [] },
          now: receivedAt,
        }) as [TicketClock];
        expect(first.atRiskAt, `sev ${sev} at ${new Date(receivedAt).toISOString()}`).toBe(
          ticketClock(cov, sev, receivedAt).atRiskAt,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('moves with a pause: a paused resolution clock resumes with its at-risk instant pushed by the pause', () => {
    const base = [at(`${MON}T10:00`, 'agent_reply')];
    const running = clocks(base, `${MON}T10:30`).find((c) => c.kind === 'resolution') as TicketClock;
    const paused = clocks(
      [
        ...base,
        at(`${MON}T10:30`, 'status_changed', { status: 'pending' }),
        at(`${MON}T11:30`, 'customer_reply'),
      ],
      `${MON}T11:40`,
    ).find((c) => c.kind === 'resolution') as TicketClock;
    expect((paused.atRiskAt as number) - (running.atRiskAt as number)).toBe(60 * 60_000);
    expect(
      clocks([...base, at(`${MON}T10:30`, 'status_changed', { status: 'pending' })], `${MON}T11:00`).find(
        (c) => c.kind === 'resolution',
      )?.atRiskAt,
    ).toBeNull();
  });
});
