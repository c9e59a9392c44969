import { describe, expect, it } from 'vitest';
import type { CalendarSpec, CoverageSpec } from '../../shared/calendar-schema';
import {
  compileCoverage,
  coverageWarnings,
  firstResponseDue,
  responseTargets,
  STANDARD_CALENDAR,
  STANDARD_COVERAGE,
  STANDARD_TARGET_MINUTES,
} from '../../shared/targets';

const wib = (local: string) => Date.parse(`${local}Z`) - 7 * 3_600_000;
const ALWAYS: CalendarSpec = {
  timeZone: 'Asia/Jakarta',
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
  holidays: 'none',
};
const withTarget = (severity: '1' | '2' | '3' | '4', target: CoverageSpec['targets']['1']): CoverageSpec => ({
  ...STANDARD_COVERAGE,
  targets: { ...STANDARD_COVERAGE.targets, [severity]: target },
});

describe('standard targets (guide section 5)', () => {
  it('are 120, 240, 540 and 1080 business minutes', () => {
    expect(STANDARD_TARGET_MINUTES).toEqual({ 1: 120, 2: 240, 3: 540, 4: 1080 });
  });
});

describe('firstResponseDue on the standard coverage', () => {
  const cov = compileCoverage(STANDARD_COVERAGE);
  it.each([
    [1, '2026-11-27T17:30', '2026-11-27T17:30', '2026-11-30T10:30'],
    [2, '2026-11-28T11:00', '2026-11-30T09:00', '2026-11-30T13:00'],
    [1, '2026-11-30T16:00', '2026-11-30T16:00', '2026-11-30T18:00'],
    [3, '2026-12-24T10:00', '2026-12-24T10:00', '2026-12-28T10:00'],
    [4, '2026-03-16T09:00', '2026-03-16T09:00', '2026-03-17T18:00'],
  ] as const)('severity %i at %s starts at %s and is due %s', (severity, created, starts, due) => {
    expect(firstResponseDue(cov, severity, wib(created))).toEqual({
      clockStartsAt: wib(starts),
      dueAt: wib(due),
      businessMinutes: STANDARD_TARGET_MINUTES[severity],
      missingHolidayYears: [],
      provisionalHolidayYears: [],
    });
  });

  it('names the missing year when the due time runs into 2028', () => {
    expect(firstResponseDue(cov, 4, wib('2027-12-31T10:00')).missingHolidayYears).toEqual([2028]);
    expect(firstResponseDue(cov, 1, wib('2027-12-30T10:00')).missingHolidayYears).toEqual([]);
  });

  it('skips New Year 2027: severity 1 at Thu 31 Dec 2026 17:00 WIB is due Mon 4 Jan 2027 10:00 WIB', () => {
    expect(firstResponseDue(cov, 1, wib('2026-12-31T17:00'))).toEqual({
      clockStartsAt: wib('2026-12-31T17:00'),
      dueAt: wib('2027-01-04T10:00'),
      businessMinutes: 120,
      missingHolidayYears: [],
      provisionalHolidayYears: [2027],
    });
  });

  it('names 2027 as provisional only when the clock reaches into it', () => {
    expect(firstResponseDue(cov, 4, wib('2026-12-31T10:00')).provisionalHolidayYears).toEqual([2027]);
    expect(firstResponseDue(cov, 1, wib('2026-12-30T10:00')).provisionalHolidayYears).toEqual([]);
  });
});

describe('per-severity coverage from the order form', () => {
  it('runs severity 1 on a 24x7 calendar with no holidays while the others keep office hours', () => {
    const cov = compileCoverage(withTarget('1', { businessMinutes: 120, calendar: ALWAYS }));
    expect(firstResponseDue(cov, 1, wib('2026-12-25T03:00')).dueAt).toBe(wib('2026-12-25T05:00'));
    expect(firstResponseDue(cov, 2, wib('2026-12-25T03:00')).dueAt).toBe(wib('2026-12-28T13:00'));
  });

  it('runs extended hours 07:00–22:00 every day', () => {
    const extended = {
      ...STANDARD_CALENDAR,
      windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '22:00' }],
    };
    const cov = compileCoverage({ ...STANDARD_COVERAGE, calendar: extended } as CoverageSpec);
    expect(firstResponseDue(cov, 2, wib('2026-11-28T20:00'))).toMatchObject({
      clockStartsAt: wib('2026-11-28T20:00'),
      dueAt: wib('2026-11-29T09:00'),
    });
  });

  it('uses the order form minutes, not the standard ones', () => {
    const cov = compileCoverage(withTarget('3', { businessMinutes: 60 }));
    expect(firstResponseDue(cov, 3, wib('2026-11-30T09:00'))).toMatchObject({
      dueAt: wib('2026-11-30T10:00'),
      businessMinutes: 60,
    });
  });
});

describe('responseTargets', () => {
  it('lists the four severities in order for a ticket created now', () => {
    const targets = responseTargets(compileCoverage(STANDARD_COVERAGE), wib('2026-11-28T11:00'));
    expect(targets.map((t) => [t.severity, t.businessMinutes])).toEqual([
      [1, 120],
      [2, 240],
      [3, 540],
      [4, 1080],
    ]);
    expect(targets.map((t) => t.dueAt)).toEqual(
      ['2026-11-30T11:00', '2026-11-30T13:00', '2026-11-30T18:00', '2026-12-01T18:00'].map(wib),
    );
    expect(new Set(targets.map((t) => t.clockStartsAt))).toEqual(new Set([wib('2026-11-30T09:00')]));
  });
});

describe('coverageWarnings', () => {
  it('warns about missing 2028 for the default calendar and not for 2026', () => {
    const cov = compileCoverage(STANDARD_COVERAGE);
    expect(coverageWarnings(cov, [2026])).toEqual([]);
    const [warning, ...rest] = coverageWarnings(cov, [2026, 2028]);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^no holiday data for 2028 \(Asia\/Jakarta calendar\): /);
  });

  it('warns that 2027 is provisional until the decree is loaded, not that it is missing', () => {
    const cov = compileCoverage(STANDARD_COVERAGE);
    expect(coverageWarnings(cov, [2026, 2027])).toEqual([
      'holiday data for 2027 is provisional until the joint ministerial decree (SKB) is loaded ' +
        '(Asia/Jakarta calendar): moveable holidays are predictions and cuti bersama of 2027 is unknown',
    ]);
  });

  it('says nothing about holidays for a calendar that uses none, in any year', () => {
    const cov = compileCoverage({
      ...STANDARD_COVERAGE,
      calendar: ALWAYS,
    });
    expect(coverageWarnings(cov, [2027, 2028])).toEqual([]);
  });

  it('names a severity override with holidays, and stays quiet for one without', () => {
    const makassar = { ...STANDARD_CALENDAR, timeZone: 'Asia/Makassar' };
    const cov = compileCoverage({
      ...STANDARD_COVERAGE,
      targets: {
        ...STANDARD_COVERAGE.targets,
        '1': { businessMinutes: 60, calendar: ALWAYS },
        '2': { businessMinutes: 240, calendar: makassar },
      },
    });
    const warnings = coverageWarnings(cov, [2028]);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^no holiday data for 2028 \(Asia\/Makassar calendar for severity 2\)/);
  });
});
