import { describe, expect, it } from 'vitest';
import { businessMinutesToFirstResponse, slaState, summarizeMinutes } from '../../shared/sla';
import { compileCoverage, STANDARD_COVERAGE } from '../../shared/targets';

const wib = (local: string) => Date.parse(`${local}Z`) - 7 * 3_600_000;
const cov = compileCoverage(STANDARD_COVERAGE);
/** Severity 1 created Monday 2026-11-30 09:00 WIB, due 11:00. */
const makeTicket = (over: { firstResponseAt?: number | null } = {}) => ({
  severity: 1 as const,
  createdAt: wib('2026-11-30T09:00'),
  dueAt: wib('2026-11-30T11:00'),
  ...over,
});

describe('slaState', () => {
  it('is met when the first response comes at or before the due time', () => {
    expect(
      slaState(cov, makeTicket({ firstResponseAt: wib('2026-11-30T11:00') }), wib('2026-12-05T00:00')),
    ).toBe('met');
  });
  it('is breached when the first response came after the due time', () => {
    expect(
      slaState(cov, makeTicket({ firstResponseAt: wib('2026-11-30T11:00') + 1 }), wib('2026-11-30T12:00')),
    ).toBe('breached');
  });
  it('is breached at the due instant with no response', () => {
    expect(slaState(cov, makeTicket(), wib('2026-11-30T11:00'))).toBe('breached');
    expect(slaState(cov, makeTicket({ firstResponseAt: null }), wib('2026-11-30T10:59'))).toBe('at_risk');
  });
  it('turns at risk when fewer than 25% of the business minutes are left (30 of 120)', () => {
    expect(slaState(cov, makeTicket(), wib('2026-11-30T10:30'))).toBe('on_track');
    expect(slaState(cov, makeTicket(), wib('2026-11-30T10:30') + 1)).toBe('at_risk');
  });
  it('counts business minutes, not wall time, for the remaining share', () => {
    // Severity 1 at Friday 17:30 is due Monday 10:30: on Saturday 90 business minutes remain.
    const friday = {
      severity: 1 as const,
      createdAt: wib('2026-11-27T17:30'),
      dueAt: wib('2026-11-30T10:30'),
    };
    expect(slaState(cov, friday, wib('2026-11-28T12:00'))).toBe('on_track');
    expect(slaState(cov, friday, wib('2026-11-30T10:01'))).toBe('at_risk');
  });
  it('uses the ticket target when given, e.g. a due time computed under an older order form', () => {
    expect(slaState(cov, { ...makeTicket(), businessMinutes: 600 }, wib('2026-11-30T10:00'))).toBe('at_risk');
  });
});

describe('businessMinutesToFirstResponse', () => {
  it('counts business minutes on the severity calendar, across the weekend', () => {
    const t = {
      severity: 2 as const,
      createdAt: wib('2026-11-27T17:00'),
      firstResponseAt: wib('2026-11-30T09:30'),
    };
    expect(businessMinutesToFirstResponse(cov, t)).toBe(90);
    expect(businessMinutesToFirstResponse(cov, { ...t, firstResponseAt: null })).toBeNull();
  });
});

describe('summarizeMinutes', () => {
  it('gives nearest-rank median and p90', () => {
    expect(summarizeMinutes([50, 10, 40, 20, 30, 60, 70, 80, 90, 100])).toEqual({
      count: 10,
      median: 50,
      p90: 90,
    });
    expect(summarizeMinutes([7])).toEqual({ count: 1, median: 7, p90: 7 });
    expect(summarizeMinutes([])).toEqual({ count: 0, median: null, p90: null });
  });
});
