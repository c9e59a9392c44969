import { describe, expect, it } from 'vitest';
import { compileCalendar, isOpen, missingHolidayYears, provisionalHolidayYears } from '../../shared/calendar';
import { INDONESIA_HOLIDAYS } from '../../shared/holidays/index';
import {
  HOLIDAY_DATA_PROVISIONAL,
  isProvisionalYear,
  provisionalYears,
  provisionalYearsIn,
  provisionalYearWarning,
  withHolidayYear,
} from '../../shared/holidays/provisional';
import type { HolidayYear } from '../../shared/holidays/types';
import { STANDARD_CALENDAR } from '../../shared/targets';

const wib = (local: string) => Date.parse(`${local}Z`) - 7 * 3_600_000;
const decree2027: HolidayYear = {
  source: 'SKB 2027 (test)',
  national: [
    { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' },
    { date: '2027-03-09', name: 'Hari Suci Nyepi' },
  ],
  collectiveLeave: [],
};

describe('provisional holiday years', () => {
  it('names 2027 as the only provisional year of the shipped set', () => {
    expect(provisionalYears(INDONESIA_HOLIDAYS)).toEqual([2027]);
    expect(isProvisionalYear(INDONESIA_HOLIDAYS.years[2027])).toBe(true);
    expect(isProvisionalYear(INDONESIA_HOLIDAYS.years[2026])).toBe(false);
    expect(isProvisionalYear(undefined)).toBe(false);
  });

  it('picks the provisional years out of a range, sorted and once each (for health: this year and next)', () => {
    expect(provisionalYearsIn(INDONESIA_HOLIDAYS, [2028, 2027, 2026, 2027])).toEqual([2027]);
    expect(provisionalYearsIn(INDONESIA_HOLIDAYS, [2026])).toEqual([]);
    expect(provisionalYearsIn(INDONESIA_HOLIDAYS, [2028])).toEqual([]); // missing, not provisional
  });

  it('gives a stable warning code and a sentence naming the year and the decree', () => {
    expect(HOLIDAY_DATA_PROVISIONAL).toBe('holiday_data_provisional');
    expect(provisionalYearWarning(2027)).toBe(
      'holiday data for 2027 is provisional until the joint ministerial decree (SKB) is loaded: ' +
        'moveable holidays are predictions and cuti bersama of 2027 is unknown',
    );
  });

  it('lets the decree replace the predictions wholesale: no longer provisional, its dates close', () => {
    const set = withHolidayYear(INDONESIA_HOLIDAYS, 2027, decree2027);
    expect(provisionalYears(set)).toEqual([]);
    expect(provisionalYears(INDONESIA_HOLIDAYS)).toEqual([2027]); // the shipped set is untouched
    const cal = compileCalendar(STANDARD_CALENDAR, set);
    expect(provisionalHolidayYears(cal, [2027])).toEqual([]);
    expect(missingHolidayYears(cal, [2027])).toEqual([]);
    expect(isOpen(cal, wib('2027-03-09T10:00'))).toBe(false);
    expect(isOpen(cal, wib('2027-03-08T10:00'))).toBe(true); // the predicted Nyepi is gone
  });
});
