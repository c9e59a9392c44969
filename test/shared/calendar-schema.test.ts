import { describe, expect, it } from 'vitest';
import { CalendarSpecSchema, CoverageSpecSchema, HolidayYearSchema } from '../../shared/calendar-schema';
import { INDONESIA_HOLIDAYS } from '../../shared/holidays/index';
import { STANDARD_COVERAGE } from '../../shared/targets';

const window = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

describe('CalendarSpecSchema', () => {
  it('defaults the zone to Asia/Jakarta and holidays to the Indonesian set', () => {
    expect(CalendarSpecSchema.parse({ windows: [window] })).toEqual({
      timeZone: 'Asia/Jakarta',
      windows: [window],
      holidays: 'id',
    });
  });

  it('accepts 24:00 as an end and the other Indonesian zones', () => {
    for (const timeZone of ['Asia/Makassar', 'Asia/Jayapura', 'Europe/Amsterdam']) {
      expect(
        CalendarSpecSchema.safeParse({ timeZone, windows: [{ days: [7], start: '00:00', end: '24:00' }] })
          .success,
      ).toBe(true);
    }
  });

  it.each([
    ['an unknown zone', { timeZone: 'Asia/Atlantis', windows: [window] }],
    ['no windows', { windows: [] }],
    ['weekday 0', { windows: [{ ...window, days: [0] }] }],
    ['an end before the start', { windows: [{ ...window, start: '18:00', end: '09:00' }] }],
    ['an empty window', { windows: [{ ...window, end: '09:00' }] }],
    ['24:30', { windows: [{ ...window, end: '24:30' }] }],
    ['an impossible closed date', { windows: [window], closedDates: ['2026-02-30'] }],
    ['an unknown holiday set', { windows: [window], holidays: 'us' }],
    ['an unknown key', { windows: [window], open247: true }],
  ])('rejects %s', (_name, spec) => {
    expect(CalendarSpecSchema.safeParse(spec).success).toBe(false);
  });
});

describe('CoverageSpecSchema', () => {
  it('accepts the standard coverage and a severity-1 24x7 override', () => {
    expect(CoverageSpecSchema.parse(STANDARD_COVERAGE)).toEqual(STANDARD_COVERAGE);
    const calendar = {
      windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
      holidays: 'none',
    };
    const spec = {
      ...STANDARD_COVERAGE,
      targets: { ...STANDARD_COVERAGE.targets, '1': { businessMinutes: 60, calendar } },
    };
    expect(CoverageSpecSchema.parse(spec).targets['1'].calendar?.timeZone).toBe('Asia/Jakarta');
  });

  it('rejects a missing severity and non-positive or fractional minutes', () => {
    const { '4': _dropped, ...three } = STANDARD_COVERAGE.targets;
    expect(CoverageSpecSchema.safeParse({ ...STANDARD_COVERAGE, targets: three }).success).toBe(false);
    for (const businessMinutes of [0, -5, 1.5]) {
      const targets = { ...STANDARD_COVERAGE.targets, '2': { businessMinutes } };
      expect(CoverageSpecSchema.safeParse({ ...STANDARD_COVERAGE, targets }).success).toBe(false);
    }
  });
});

describe('HolidayYearSchema', () => {
  it('accepts the shipped 2026 data and rejects a malformed date', () => {
    expect(HolidayYearSchema.safeParse(INDONESIA_HOLIDAYS.years[2026]).success).toBe(true);
    expect(
      HolidayYearSchema.safeParse({ national: [{ date: '2027-13-01', name: 'x' }], collectiveLeave: [] })
        .success,
    ).toBe(false);
  });
});
