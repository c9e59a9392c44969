import { describe, expect, it } from 'vitest';
import type { TicketClock } from '../../shared/clock-types';
import {
  allBreaches,
  type ReviewBreach,
  type ReviewTicket,
  serviceReview,
} from '../../shared/service-review';

const H = 3_600_000;
const T0 = Date.parse('2026-11-30T02:00:00Z'); // Monday 09:00 WIB

const clock = (over: Partial<TicketClock>): TicketClock => ({
  kind: 'first_response',
  cycle: 1,
  state: 'running',
  startedAt: T0,
  countsFrom: T0,
  atRiskAt: null,
  dueAt: T0 + 4 * H,
  stoppedAt: null,
  stoppedBy: null,
  breachedAt: null,
  breach: null,
  severity: 2,
  businessMinutes: 240,
  elapsedMinutes: 60,
  pausedMinutes: 0,
  ...over,
});

const ticket = (id: string, severity: ReviewTicket['severity'], clocks: TicketClock[]): ReviewTicket => ({
  id,
  number: Number(id.replace(/\D/g, '')),
  subject: `Subject ${id}`,
  severity,
  clocks,
  escalationTeams: [],
});

/** A first response past its due, as the replay shows it (the record may or may not exist yet). */
const overdue = (severity: ReviewTicket['severity'], minutes: number) =>
  clock({
    state: 'breached',
    severity,
    businessMinutes: minutes,
    dueAt: T0 + (minutes / 60) * H,
    breachedAt: T0 + (minutes / 60) * H,
    breach: { severity, businessMinutes: minutes },
    elapsedMinutes: minutes + 90,
  });

const recordOf = (ticketId: string, c: TicketClock, over: Partial<ReviewBreach> = {}): ReviewBreach => ({
  ticketId,
  kind: c.kind,
  cycle: c.cycle,
  severity: c.breach?.severity ?? c.severity,
  businessMinutes: c.breach?.businessMinutes ?? 0,
  dueAt: c.dueAt ?? 0,
  breachedAt: c.breachedAt ?? 0,
  ...over,
});

const line = (review: ReturnType<typeof serviceReview>, severity: number) =>
  review.severities.find((s) => s.severity === severity);

describe('service review: breaches the cron has not recorded yet', () => {
  it('counts a first response past its due before the hourly cron records it', () => {
    const review = serviceReview([ticket('t2', 2, [overdue(2, 240)])], []);
    expect(line(review, 2)?.firstResponses).toEqual({ met: 0, breached: 1, pending: 0 });
    expect(review.breaches).toMatchObject([
      { ticketId: 't2', number: 2, severity: 2, targetBusinessMinutes: 240, lateBusinessMinutes: 90 },
    ]);
  });

  it('counts a breach once when it is both recorded and replayed, with the record’s facts', () => {
    const c = overdue(2, 240);
    // the record says what was in force at the breach; the ticket was since downgraded to 4
    const t = ticket('t7', 4, [{ ...c, severity: 4, businessMinutes: 1080 }]);
    const review = serviceReview([t], [recordOf('t7', c)]);
    expect(review.breaches).toHaveLength(1);
    expect(line(review, 2)?.firstResponses.breached).toBe(1);
    expect(line(review, 4)?.firstResponses.breached).toBe(0);
  });

  it('keeps a recorded breach whose clock the replay no longer shows as breached', () => {
    const c = overdue(1, 120);
    const t = ticket('t3', 3, [clock({ state: 'met', stoppedBy: 'agent_reply', stoppedAt: T0 + 5 * H })]);
    const review = serviceReview([t], [recordOf('t3', c)]);
    expect(line(review, 1)?.firstResponses.breached).toBe(1);
    expect(review.breaches.map((b) => b.ticketId)).toEqual(['t3']);
  });

  it('tells breaches of different clocks and cycles apart', () => {
    const first = overdue(2, 240);
    const next = { ...overdue(2, 240), kind: 'next_response' as const, cycle: 2, breachedAt: T0 + 30 * H };
    const all = allBreaches([ticket('t4', 2, [first, next])], [recordOf('t4', first)]);
    expect(all.map((b) => `${b.kind}/${b.cycle}`)).toEqual(['first_response/1', 'next_response/2']);
  });

  it('lists the breaches in the order they happened', () => {
    const late = { ...overdue(3, 540), breachedAt: T0 + 20 * H };
    const early = { ...overdue(1, 120), breachedAt: T0 + 2 * H };
    const all = allBreaches([ticket('t5', 3, [late]), ticket('t6', 1, [early])], []);
    expect(all.map((b) => b.ticketId)).toEqual(['t6', 't5']);
  });

  it('puts every ticket of a severity in one of met, breached or pending', () => {
    const tickets = [
      ticket('t1', 2, [clock({})]), // running, within target
      ticket('t2', 2, [overdue(2, 240)]), // past due, not recorded yet
      ticket('t3', 2, [clock({ state: 'met', stoppedBy: 'agent_reply', stoppedAt: T0 + H })]),
      ticket('t4', 2, [clock({ state: 'paused', dueAt: null })]),
    ];
    const s = line(serviceReview(tickets, []), 2);
    expect(s?.tickets).toBe(4);
    expect(s?.firstResponses).toEqual({ met: 1, breached: 1, pending: 2 });
  });

  it('does not count a clock without a breach, or with no due time', () => {
    const noTarget = clock({
      state: 'breached',
      dueAt: null,
      breachedAt: T0,
      breach: { severity: 2, businessMinutes: 240 },
    });
    expect(allBreaches([ticket('t8', 2, [clock({}), noTarget])], [])).toEqual([]);
  });
});
