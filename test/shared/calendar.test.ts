import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  compileCalendar,
  isOpen,
  localYearsBetween,
  missingHolidayYears,
  nextOpening,
  provisionalHolidayYears,
} from '../../shared/calendar';
import type { CalendarSpec } from '../../shared/calendar-schema';
import { STANDARD_CALENDAR } from '../../shared/targets';

/** An instant from a local wall time written with an explicit UTC offset, e.g. at('2026-11-27T17:30', 7). */
const at = (local: string, offsetHours: number) => Date.parse(`${local}Z`) - offsetHours * 3_600_000;
const wib = (local: string) => at(local, 7);
const calendar = (over: Partial<CalendarSpec> = {}) => compileCalendar({ ...STANDARD_CALENDAR, ...over });

describe('addBusinessMinutes on the standard WIB calendar (issue 2 examples)', () => {
  const cal = calendar();
  it.each([
    ['severity 1 late on Friday rolls to Monday', '2026-11-27T17:30', 120, '2026-11-30T10:30'],
    ['severity 2 on Saturday starts the clock on Monday 09:00', '2026-11-28T11:00', 240, '2026-11-30T13:00'],
    [
      'severity 1 ending exactly at closing is due at 18:00, not the next morning',
      '2026-11-30T16:00',
      120,
      '2026-11-30T18:00',
    ],
    [
      'severity 3 on collective leave (open) skips Christmas and the weekend',
      '2026-12-24T10:00',
      540,
      '2026-12-28T10:00',
    ],
    ['severity 4 from Monday 09:00 is due Tuesday 18:00', '2026-03-16T09:00', 1080, '2026-03-17T18:00'],
  ])('%s', (_name, from, minutes, due) => {
    expect(addBusinessMinutes(cal, wib(from), minutes)).toBe(wib(due));
  });

  it('closes cuti bersama when the calendar asks, moving the 24 December case to 28 December 18:00', () => {
    const closing = calendar({ closeCollectiveLeave: true });
    expect(addBusinessMinutes(closing, wib('2026-12-24T10:00'), 540)).toBe(wib('2026-12-28T18:00'));
    expect(isOpen(closing, wib('2026-12-24T10:00'))).toBe(false);
  });

  it('closes extra closedDates', () => {
    const closing = calendar({ closedDates: ['2026-11-30'] });
    expect(addBusinessMinutes(closing, wib('2026-11-27T17:30'), 120)).toBe(wib('2026-12-01T10:30'));
  });

  it('walks across the Lebaran closure (national days and cuti bersama both closed on request)', () => {
    const closing = calendar({ closeCollectiveLeave: true });
    // Tue 17 March is the last open day before 18–24 March (Nyepi, Idul Fitri and their leave).
    expect(addBusinessMinutes(closing, wib('2026-03-17T17:00'), 120)).toBe(wib('2026-03-25T10:00'));
    // With collective leave open, Fri 20 and Mon 23–Tue 24 March are business days.
    expect(addBusinessMinutes(cal, wib('2026-03-17T17:00'), 120)).toBe(wib('2026-03-18T10:00'));
  });
});

describe('boundary instants on the standard calendar', () => {
  const cal = calendar();
  it('is open at exactly 09:00 and closed at exactly 18:00 (half-open windows)', () => {
    expect(isOpen(cal, wib('2026-11-30T09:00'))).toBe(true);
    expect(isOpen(cal, wib('2026-11-30T09:00') - 1)).toBe(false);
    expect(isOpen(cal, wib('2026-11-30T17:59:59.999'))).toBe(true);
    expect(isOpen(cal, wib('2026-11-30T18:00'))).toBe(false);
  });

  it('starts the clock at T when open, else at the next opening', () => {
    expect(nextOpening(cal, wib('2026-11-30T09:00'))).toBe(wib('2026-11-30T09:00'));
    expect(nextOpening(cal, wib('2026-11-30T18:00'))).toBe(wib('2026-12-01T09:00'));
    expect(nextOpening(cal, wib('2026-11-30T17:59:59.999'))).toBe(wib('2026-11-30T17:59:59.999'));
    expect(nextOpening(cal, wib('2026-12-24T20:00'))).toBe(wib('2026-12-28T09:00'));
  });

  it('counts 1 ms left at 17:59:59.999 and rolls the rest to the next morning', () => {
    expect(addBusinessMinutes(cal, wib('2026-11-30T17:59:59.999'), 1)).toBe(wib('2026-12-01T09:00:59.999'));
    expect(businessMinutesBetween(cal, wib('2026-11-30T17:59:59.999'), wib('2026-11-30T18:00'))).toBeCloseTo(
      1 / 60_000,
      12,
    );
  });

  it('gives the clock start itself for zero minutes', () => {
    expect(addBusinessMinutes(cal, wib('2026-11-28T11:00'), 0)).toBe(wib('2026-11-30T09:00'));
  });

  it('rejects negative minutes and non-finite instants', () => {
    expect(() => addBusinessMinutes(cal, wib('2026-11-30T09:00'), -1)).toThrow(RangeError);
    expect(() => isOpen(cal, Number.NaN)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  const cal = calendar();
  it('counts only open time across a weekend and a holiday', () => {
    expect(businessMinutesBetween(cal, wib('2026-12-24T10:00'), wib('2026-12-28T10:00'))).toBe(540);
    expect(businessMinutesBetween(cal, wib('2026-11-27T20:00'), wib('2026-11-30T08:00'))).toBe(0);
  });
  it('is antisymmetric', () => {
    expect(businessMinutesBetween(cal, wib('2026-11-30T13:00'), wib('2026-11-30T10:00'))).toBe(-180);
  });
});

describe('Indonesian time zones other than WIB', () => {
  it('runs a Makassar (WITA, UTC+8) calendar on Makassar hours', () => {
    const cal = calendar({ timeZone: 'Asia/Makassar' });
    expect(addBusinessMinutes(cal, at('2026-11-27T17:30', 8), 120)).toBe(at('2026-11-30T10:30', 8));
    expect(isOpen(cal, at('2026-11-30T09:00', 8))).toBe(true);
    expect(isOpen(cal, at('2026-11-30T09:00', 7))).toBe(true);
    expect(isOpen(cal, at('2026-11-30T17:30', 7))).toBe(false); // 18:30 WITA
  });
  it('runs a Jayapura (WIT, UTC+9) calendar on Jayapura hours and holidays', () => {
    const cal = calendar({ timeZone: 'Asia/Jayapura' });
    expect(addBusinessMinutes(cal, at('2026-12-24T10:00', 9), 540)).toBe(at('2026-12-28T10:00', 9));
    // 08:30 WIB on Monday is 10:30 WIT: open in Jayapura, not yet in Jakarta.
    expect(isOpen(cal, wib('2026-11-30T08:30'))).toBe(true);
    expect(isOpen(calendar(), wib('2026-11-30T08:30'))).toBe(false);
  });
});

describe('other coverage shapes', () => {
  it('24x7 with no holidays counts wall time, even on Christmas', () => {
    const cal = calendar({
      windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
      holidays: 'none',
    });
    expect(addBusinessMinutes(cal, wib('2026-12-24T23:30'), 120)).toBe(wib('2026-12-25T01:30'));
    expect(isOpen(cal, wib('2026-12-25T00:00'))).toBe(true);
    expect(businessMinutesBetween(cal, wib('2026-12-24T00:00'), wib('2026-12-31T00:00'))).toBe(7 * 1440);
  });
  it('extended 07:00–22:00 every day still closes national holidays', () => {
    const cal = calendar({ windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '22:00' }] });
    expect(addBusinessMinutes(cal, wib('2026-11-28T21:00'), 120)).toBe(wib('2026-11-29T08:00'));
    expect(addBusinessMinutes(cal, wib('2026-12-24T21:30'), 60)).toBe(wib('2026-12-26T07:30'));
  });
  it('merges overlapping and adjacent windows, including one that runs to midnight', () => {
    const cal = calendar({
      windows: [
        { days: [1], start: '09:00', end: '13:00' },
        { days: [1], start: '12:00', end: '24:00' },
        { days: [2], start: '00:00', end: '02:00' },
      ],
      holidays: 'none',
    });
    expect(addBusinessMinutes(cal, wib('2026-11-30T23:00'), 120)).toBe(wib('2026-12-01T01:00'));
    expect(addBusinessMinutes(cal, wib('2026-11-30T09:00'), 15 * 60)).toBe(wib('2026-12-01T00:00'));
    expect(businessMinutesBetween(cal, wib('2026-11-30T00:00'), wib('2026-12-02T00:00'))).toBe(17 * 60);
  });
});

describe('daylight-saving zones', () => {
  const weekdays = (timeZone: string) => calendar({ timeZone, holidays: 'none' });
  it('New York: Friday 17:00 EST + 2h is Monday 10:00 EDT after the March change', () => {
    expect(addBusinessMinutes(weekdays('America/New_York'), Date.parse('2026-03-06T22:00Z'), 120)).toBe(
      Date.parse('2026-03-09T14:00Z'),
    );
  });
  it('New York: opens at 09:00 EST again after the November change', () => {
    const cal = weekdays('America/New_York');
    expect(nextOpening(cal, Date.parse('2026-10-31T12:00Z'))).toBe(Date.parse('2026-11-02T14:00Z'));
    expect(isOpen(cal, Date.parse('2026-11-02T13:30Z'))).toBe(false);
  });
  it('Amsterdam 24x7: the spring Sunday has 23 hours, the autumn Sunday 25', () => {
    const cal = calendar({
      timeZone: 'Europe/Amsterdam',
      windows: [{ days: [7], start: '00:00', end: '24:00' }],
      holidays: 'none',
    });
    expect(
      businessMinutesBetween(cal, Date.parse('2026-03-27T00:00Z'), Date.parse('2026-03-31T00:00Z')),
    ).toBe(23 * 60);
    expect(
      businessMinutesBetween(cal, Date.parse('2026-10-23T00:00Z'), Date.parse('2026-10-27T00:00Z')),
    ).toBe(25 * 60);
  });
  it('Amsterdam: a night window 01:00–05:00 holds 3 hours on the spring Sunday and 5 on the autumn one', () => {
    const cal = calendar({
      timeZone: 'Europe/Amsterdam',
      windows: [{ days: [7], start: '01:00', end: '05:00' }],
      holidays: 'none',
    });
    expect(addBusinessMinutes(cal, Date.parse('2026-03-28T12:00Z'), 180)).toBe(
      Date.parse('2026-03-29T03:00Z'),
    );
    expect(
      businessMinutesBetween(cal, Date.parse('2026-10-24T12:00Z'), Date.parse('2026-10-25T12:00Z')),
    ).toBe(300);
  });
  it('Amsterdam: a window starting in the skipped hour opens at the change itself', () => {
    const cal = calendar({
      timeZone: 'Europe/Amsterdam',
      windows: [{ days: [7], start: '02:30', end: '05:00' }],
      holidays: 'none',
    });
    expect(nextOpening(cal, Date.parse('2026-03-28T12:00Z'))).toBe(Date.parse('2026-03-29T01:00Z'));
    expect(nextOpening(cal, Date.parse('2026-10-24T12:00Z'))).toBe(Date.parse('2026-10-25T00:30Z'));
  });
  it('Santiago: a Sunday whose midnight is skipped starts at 01:00', () => {
    const cal = calendar({
      timeZone: 'America/Santiago',
      windows: [{ days: [7], start: '00:00', end: '24:00' }],
      holidays: 'none',
    });
    expect(nextOpening(cal, Date.parse('2026-09-05T12:00Z'))).toBe(Date.parse('2026-09-06T04:00Z'));
    expect(
      businessMinutesBetween(cal, Date.parse('2026-09-05T12:00Z'), Date.parse('2026-09-08T12:00Z')),
    ).toBe(23 * 60);
  });
});

describe('holiday coverage', () => {
  it('reports 2028 as missing for an Indonesian calendar and nothing for holidays none', () => {
    expect(missingHolidayYears(calendar(), [2026, 2027, 2028, 2028])).toEqual([2028]);
    expect(missingHolidayYears(calendar({ holidays: 'none' }), [2028])).toEqual([]);
  });
  it('reports 2027 as provisional (present, not missing) and nothing for holidays none', () => {
    expect(provisionalHolidayYears(calendar(), [2026, 2027, 2027, 2028])).toEqual([2027]);
    expect(provisionalHolidayYears(calendar({ holidays: 'none' }), [2027])).toEqual([]);
  });
  it('closes 1 January 2027 (certain) and the predicted Idul Fitri, not its alternative date', () => {
    const cal = calendar();
    expect(isOpen(cal, wib('2027-01-01T10:00'))).toBe(false);
    expect(isOpen(cal, wib('2027-03-10T10:00'))).toBe(false);
    expect(isOpen(cal, wib('2027-03-09T10:00'))).toBe(true);
  });
  it('lists the local years an interval touches (New Year in WIB, not UTC)', () => {
    expect(localYearsBetween(calendar(), wib('2026-12-31T23:00'), wib('2027-01-01T01:00'))).toEqual([
      2026, 2027,
    ]);
    expect(localYearsBetween(calendar(), wib('2026-12-31T06:00'), wib('2026-12-31T08:00'))).toEqual([2026]);
  });
  it('accepts a holiday set passed in (e.g. loaded from the database)', () => {
    const cal = compileCalendar(STANDARD_CALENDAR, {
      source: 'test',
      years: { 2027: { national: [{ date: '2027-01-01', name: 'Tahun Baru' }], collectiveLeave: [] } },
    });
    expect(missingHolidayYears(cal, [2026, 2027])).toEqual([2026]);
    expect(isOpen(cal, wib('2027-01-01T10:00'))).toBe(false);
    expect(isOpen(cal, wib('2026-12-25T10:00'))).toBe(true);
  });
});
