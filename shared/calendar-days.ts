import type { CalendarSpec } from './calendar-schema';
import type { HolidaySet } from './holidays/index';
import { DAY_MS, dayNumberOf, isoWeekdayOf, yearOfDay, type ZoneClock } from './zoned-time';

/** One local day of a calendar: its UTC bounds and open intervals as flat UTC [start, end, ...]. */
export type Day = {
  readonly day: number;
  readonly year: number;
  readonly start: number;
  readonly end: number;
  readonly open: number[];
};

const MINUTE_MS = 60_000;

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Weekly windows per ISO weekday (index 1..7) as sorted, merged flat [startMin, endMin, ...]. */
export function compileWeekly(windows: CalendarSpec['windows']): number[][] {
  const week: [number, number][][] = Array.from({ length: 8 }, () => []);
  for (const w of windows) {
    for (const d of new Set(w.days)) week[d]?.push([minutesOf(w.start), minutesOf(w.end)]);
  }
  return week.map((spans) => {
    const flat: number[] = [];
    for (const [s, e] of spans.sort((a, b) => a[0] - b[0])) {
      if (flat.length > 0 && s <= (flat[flat.length - 1] as number)) {
        flat[flat.length - 1] = Math.max(flat[flat.length - 1] as number, e);
      } else flat.push(s, e);
    }
    return flat;
  });
}

/** Local day numbers the calendar is closed on: national holidays, opted-in cuti bersama, extras. */
export function closedDays(spec: CalendarSpec, holidays: HolidaySet): Set<number> {
  const closed = new Set<number>((spec.closedDates ?? []).map(dayNumberOf));
  if (spec.holidays === 'none') return closed;
  for (const year of Object.values(holidays.years)) {
    for (const h of year.national) closed.add(dayNumberOf(h.date));
    if (spec.closeCollectiveLeave) for (const h of year.collectiveLeave) closed.add(dayNumberOf(h.date));
  }
  return closed;
}

/** Builds local day `day`: Intl runs only here, and only on the rare days whose offset changes. */
export function buildDay(zone: ZoneClock, weekly: number[][], closed: Set<number>, day: number): Day {
  const start = zone.dayStart(day);
  const end = zone.dayStart(day + 1);
  const open: number[] = [];
  const year = yearOfDay(day);
  if (closed.has(day)) return { day, year, start, end, open };
  const spans = weekly[isoWeekdayOf(day)] ?? [];
  // A day of exactly 24 hours has one UTC offset throughout (no zone changes twice in a day).
  const steady = end - start === DAY_MS;
  for (let k = 0; k < spans.length; k += 2) {
    const s = at(zone, steady, start, end, day, spans[k] as number);
    const e = at(zone, steady, start, end, day, spans[k + 1] as number);
    if (e <= s) continue; // a window wholly inside a skipped (DST) hour
    if (open.length > 0 && s <= (open[open.length - 1] as number)) open[open.length - 1] = e;
    else open.push(s, e);
  }
  return { day, year, start, end, open };
}

function at(
  zone: ZoneClock,
  steady: boolean,
  start: number,
  end: number,
  day: number,
  minute: number,
): number {
  if (minute === 0) return start;
  if (minute === 1440) return end;
  if (steady) return start + minute * MINUTE_MS;
  return Math.min(Math.max(zone.localToUtc(day * DAY_MS + minute * MINUTE_MS), start), end);
}
