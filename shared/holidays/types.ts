/** One named closed (or optionally closed) local date, 'YYYY-MM-DD'. */
export type Holiday = { date: string; name: string };

/** One year of a country's holidays: national days always close, collective leave only on request. */
export type HolidayYear = {
  national: Holiday[];
  collectiveLeave: Holiday[];
  source?: string;
  notes?: string;
};

/** A set of holiday years; a year absent from `years` has no data (not "no holidays"). */
export type HolidaySet = { source: string; notes?: string; years: Record<number, HolidayYear> };
