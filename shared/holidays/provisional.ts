import type { HolidaySet, HolidayYear } from './types';

/** Warning code for a year whose holidays are predictions, not the joint ministerial decree. */
export const HOLIDAY_DATA_PROVISIONAL = 'holiday_data_provisional';

/** True when a year's data is marked provisional (a year without `status` is a decree). */
export function isProvisionalYear(year: HolidayYear | undefined): boolean {
  return year?.status === 'provisional';
}

/** The years of a set whose data is provisional, ascending (e.g. for `/v1/health`). */
export function provisionalYears(set: HolidaySet): number[] {
  return Object.entries(set.years)
    .filter(([, data]) => isProvisionalYear(data))
    .map(([y]) => Number(y))
    .sort((a, b) => a - b);
}

/** Of `years`, those the set holds only provisional data for: ascending, without repeats. */
export function provisionalYearsIn(set: HolidaySet, years: readonly number[]): number[] {
  const provisional = provisionalYears(set);
  return [...new Set(years)].filter((y) => provisional.includes(y)).sort((a, b) => a - b);
}

/** The human-readable warning for one provisional year, e.g. "2027 is provisional until ...". */
export function provisionalYearWarning(year: number, where = ''): string {
  return (
    `holiday data for ${year} is provisional until the joint ministerial decree (SKB) is loaded${where}: ` +
    `moveable holidays are predictions and cuti bersama of ${year} is unknown`
  );
}

/** The set with `year` replaced wholesale by `data` (e.g. the decree replacing predictions). */
export function withHolidayYear(set: HolidaySet, year: number, data: HolidayYear): HolidaySet {
  return { ...set, years: { ...set.years, [year]: data } };
}
