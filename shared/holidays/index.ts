import { ID_2026 } from './id-2026';
import { ID_2027 } from './id-2027';
import type { HolidaySet } from './types';

export type { Holiday, HolidaySet, HolidayYear, HolidayYearStatus } from './types';

/**
 * Indonesian national holidays and cuti bersama, one file per year. 2026 is the decree; 2027 is
 * shipped as provisional predictions (its decree was not out), so that due times in early 2027 skip
 * 1 January and the other certain days, while every response can still say the year is provisional.
 * 2028 is absent: an absent year is reported as missing, never treated as having no holidays.
 */
export const INDONESIA_HOLIDAYS: HolidaySet = {
  source: 'SKB 3 Menteri on national holidays and cuti bersama, per year (see each year for its decree).',
  notes: 'Years covered: 2026 (decree), 2027 (provisional until its decree is loaded).',
  years: { 2026: ID_2026, 2027: ID_2027 },
};

/** The years a holiday set has data for, ascending. */
export function holidayYearsCovered(set: HolidaySet): number[] {
  return Object.keys(set.years)
    .map(Number)
    .sort((a, b) => a - b);
}
