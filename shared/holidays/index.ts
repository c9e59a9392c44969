import { ID_2026 } from './id-2026';
import type { HolidaySet } from './types';

export type { Holiday, HolidaySet, HolidayYear } from './types';

/**
 * Indonesian national holidays and cuti bersama, one file per year. 2027 is deliberately absent:
 * its decree was not published when this was written, and shipping only the fixed-date 2027 days
 * (1 Jan, 1 May, 1 Jun, 17 Aug, 25 Dec) would make a partial year look complete and hide the
 * "no holiday data" warning. Add `id-2027.ts` once the SKB for 2027 is out.
 */
export const INDONESIA_HOLIDAYS: HolidaySet = {
  source: 'SKB 3 Menteri on national holidays and cuti bersama, per year (see each year for its decree).',
  notes: 'Years covered: 2026. 2027 missing until its decree is published.',
  years: { 2026: ID_2026 },
};

/** The years a holiday set has data for, ascending. */
export function holidayYearsCovered(set: HolidaySet): number[] {
  return Object.keys(set.years)
    .map(Number)
    .sort((a, b) => a - b);
}
