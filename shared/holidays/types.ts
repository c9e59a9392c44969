/**
 * One named closed (or optionally closed) local date, 'YYYY-MM-DD'. A predicted date carries
 * `provisional: true`, the sources it rests on and, where sources disagree, the other dates they
 * give (`alternatives`): only `date` closes the calendar, alternatives are information for agents.
 */
export type Holiday = {
  date: string;
  name: string;
  provisional?: boolean;
  sources?: string;
  alternatives?: string[];
};

/** Where a year's dates come from: the joint ministerial decree (SKB), or predictions until it is out. */
export type HolidayYearStatus = 'decree' | 'provisional';

/** One year of a country's holidays: national days always close, collective leave only on request. */
export type HolidayYear = {
  national: Holiday[];
  collectiveLeave: Holiday[];
  source?: string;
  notes?: string;
  /** Absent means `decree` (every year shipped before 2027, and every year loaded by an admin). */
  status?: HolidayYearStatus;
};

/** A set of holiday years; a year absent from `years` has no data (not "no holidays"). */
export type HolidaySet = { source: string; notes?: string; years: Record<number, HolidayYear> };
