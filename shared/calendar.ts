import { buildDay, closedDays, compileWeekly, type Day } from './calendar-days';
import type { CalendarSpec } from './calendar-schema';
import { type HolidaySet, holidayYearsCovered, INDONESIA_HOLIDAYS } from './holidays/index';
import { provisionalYears } from './holidays/provisional';
import { DAY_MS, type ZoneClock, zoneClock } from './zoned-time';

/** A compiled business calendar; local days are built on first use and cached. */
export type Calendar = {
  readonly spec: CalendarSpec;
  /** Years the holiday set has data for (empty when the calendar uses no holidays). */
  readonly holidayYears: readonly number[];
  /** Of those, the years whose data is provisional (predictions awaiting the decree). */
  readonly provisionalYears: readonly number[];
  readonly zone: ZoneClock;
  readonly weekly: number[][];
  readonly closed: Set<number>;
  readonly days: Map<number, Day>;
  last: Day;
};

const MINUTE_MS = 60_000;
/** How far a walk may go before the calendar is declared to have no (more) business time. */
const MAX_WALK_DAYS = 366 * 20;

/** Compiles a calendar spec; holidays default to the shipped Indonesian set. */
export function compileCalendar(spec: CalendarSpec, holidays: HolidaySet = INDONESIA_HOLIDAYS): Calendar {
  const zone = zoneClock(spec.timeZone);
  const weekly = compileWeekly(spec.windows);
  const closed = closedDays(spec, holidays);
  const holidayYears = spec.holidays === 'none' ? [] : holidayYearsCovered(holidays);
  const provisional = spec.holidays === 'none' ? [] : provisionalYears(holidays);
  const last = buildDay(zone, weekly, closed, 0);
  const days = new Map([[0, last]]);
  return { spec, holidayYears, provisionalYears: provisional, zone, weekly, closed, days, last };
}

function dayOf(cal: Calendar, day: number): Day {
  let d = cal.days.get(day);
  if (d === undefined) {
    d = buildDay(cal.zone, cal.weekly, cal.closed, day);
    cal.days.set(day, d);
  }
  return d;
}

function dayAt(cal: Calendar, t: number): Day {
  let d = cal.last;
  if (t >= d.start && t < d.end) return d;
  if (!Number.isFinite(t)) throw new RangeError(`not a finite instant: ${t}`);
  // Guess with the last day's offset, then step: at most one step across a DST change.
  d = dayOf(cal, Math.floor((t + d.day * DAY_MS - d.start) / DAY_MS));
  while (t < d.start) d = dayOf(cal, d.day - 1);
  while (t >= d.end) d = dayOf(cal, d.day + 1);
  cal.last = d;
  return d;
}

/** True when `at` lies inside a business window on a day that is not closed. */
export function isOpen(cal: Calendar, at: number): boolean {
  const o = dayAt(cal, at).open;
  for (let k = 0; k < o.length; k += 2) if (at >= (o[k] as number) && at < (o[k + 1] as number)) return true;
  return false;
}

/** The first open instant at or after `at` (`at` itself when open): when the clock starts. */
export function nextOpening(cal: Calendar, at: number): number {
  return addBusinessMinutes(cal, at, 0);
}

/** The earliest instant at which `minutes` business minutes have elapsed since `from` (the due time). */
export function addBusinessMinutes(cal: Calendar, from: number, minutes: number): number {
  let left = Math.round(minutes * MINUTE_MS);
  if (!(left >= 0)) throw new RangeError(`business minutes must be >= 0, got ${minutes}`);
  let d = dayAt(cal, from);
  let t = from;
  for (let i = 0; i < MAX_WALK_DAYS; i++) {
    const o = d.open;
    for (let k = 0; k < o.length; k += 2) {
      const e = o[k + 1] as number;
      if (e <= t) continue;
      const s = Math.max(o[k] as number, t);
      if (left <= e - s) return s + left; // exactly at closing time: due is the closing time
      left -= e - s;
      t = e;
    }
    d = dayOf(cal, d.day + 1);
  }
  throw new RangeError(`no business time to reach ${minutes} minutes within ${MAX_WALK_DAYS} days`);
}

/** Business minutes elapsed between two instants (negative when `to` is before `from`). */
export function businessMinutesBetween(cal: Calendar, from: number, to: number): number {
  if (to < from) return -businessMinutesBetween(cal, to, from);
  let ms = 0;
  for (let d = dayAt(cal, from); d.start < to; d = dayOf(cal, d.day + 1)) {
    const o = d.open;
    for (let k = 0; k < o.length; k += 2) {
      const span = Math.min(o[k + 1] as number, to) - Math.max(o[k] as number, from);
      if (span > 0) ms += span;
    }
  }
  return ms / MINUTE_MS;
}

/** The local calendar year of an instant in the calendar's time zone. */
export function localYear(cal: Calendar, at: number): number {
  return dayAt(cal, at).year;
}

/** Local years from `from` to `to` inclusive, e.g. to check holiday coverage of a due time. */
export function localYearsBetween(cal: Calendar, from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = localYear(cal, Math.min(from, to)); y <= localYear(cal, Math.max(from, to)); y++)
    years.push(y);
  return years;
}

/** Years this calendar needs holiday data for but has none (never silently treated as no holidays). */
export function missingHolidayYears(cal: Calendar, years: number[]): number[] {
  const missing: number[] = [];
  if (cal.spec.holidays === 'none') return missing;
  for (const y of years) if (!cal.holidayYears.includes(y) && !missing.includes(y)) missing.push(y);
  return missing.sort((a, b) => a - b);
}

/** Years of `years` this calendar has holiday data for only as provisional predictions. */
export function provisionalHolidayYears(cal: Calendar, years: number[]): number[] {
  return [...new Set(years)].filter((y) => cal.provisionalYears.includes(y)).sort((a, b) => a - b);
}
