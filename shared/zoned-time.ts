/**
 * Wall-clock arithmetic for one IANA time zone. Intl is slow (microseconds a call), so it is only
 * asked for UTC offsets while a local day is first built; every result is cached per zone.
 * "Local ms" below means a wall-clock time written as if it were UTC (Date.UTC of the local fields).
 */

/** Milliseconds in a 24-hour day. */
export const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of a local date 'YYYY-MM-DD'. */
export function dayNumberOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Gregorian year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** UTC offsets and local-midnight instants of one time zone, cached. */
export type ZoneClock = {
  readonly timeZone: string;
  /** UTC offset in ms (local minus UTC) at a UTC instant. */
  offsetAt(utc: number): number;
  /** The UTC instant of a local wall time; a skipped time maps to the transition, a repeated one to its first occurrence. */
  localToUtc(localMs: number): number;
  /** The UTC instant at which local day `day` begins (its first existing instant). */
  dayStart(day: number): number;
};

const clocks = new Map<string, ZoneClock>();

/** The shared, cached clock for a time zone (throws RangeError for an unknown zone). */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = makeZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

function makeZoneClock(timeZone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsets = new Map<number, number>();
  const starts = new Map<number, number>();

  function offsetAt(utc: number): number {
    const second = Math.floor(utc / 1000) * 1000;
    let offset = offsets.get(second);
    if (offset === undefined) {
      const f: Record<string, number> = {};
      for (const part of format.formatToParts(second)) f[part.type] = Number(part.value);
      const local = Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day, (f.hour ?? 0) % 24, f.minute, f.second);
      offset = local - second;
      if (offsets.size > 50_000) offsets.clear();
      offsets.set(second, offset);
    }
    return offset;
  }

  // Offsets a day either side bracket any single transition near `localMs` (zones never change
  // offset twice within two days), as Temporal's "compatible" disambiguation does.
  function localToUtc(localMs: number): number {
    const before = offsetAt(localMs - DAY_MS);
    const after = offsetAt(localMs + DAY_MS);
    if (before === after) return localMs - before;
    const early = localMs - Math.max(before, after);
    const late = localMs - Math.min(before, after);
    const earlyOk = offsetAt(early) === Math.max(before, after);
    const lateOk = offsetAt(late) === Math.min(before, after);
    if (earlyOk) return early; // repeated hour, or the only valid reading
    if (lateOk) return late;
    return transitionIn(localMs - after, localMs - before);
  }

  // A wall time in a skipped hour: the window opens (or the day starts) at the first instant
  // whose reading is past it, i.e. the transition itself. Bisect whole seconds; rare, cached.
  function transitionIn(lo: number, hi: number): number {
    const first = offsetAt(lo);
    let a = Math.floor(lo / 1000);
    let b = Math.ceil(hi / 1000);
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (offsetAt(mid * 1000) === first) a = mid;
      else b = mid;
    }
    return b * 1000;
  }

  function dayStart(day: number): number {
    let start = starts.get(day);
    if (start === undefined) {
      start = localToUtc(day * DAY_MS);
      starts.set(day, start);
    }
    return start;
  }

  return { timeZone, offsetAt, localToUtc, dayStart };
}
