import { addBusinessMinutes, businessMinutesBetween, type Calendar } from './calendar';

/** What a clock does over a stretch of time: counts, waits on the customer, or is stopped. */
export type ClockMode = 'active' | 'paused' | 'stopped';

/** A stretch that starts at `from` and lasts until the next segment's `from` (the last one is open-ended). */
export type Segment = { readonly from: number; readonly mode: ClockMode };

const MINUTE_MS = 60_000;

function end(segments: readonly Segment[], k: number, until: number): number {
  return Math.min(segments[k + 1]?.from ?? until, until);
}

/** Business milliseconds spent in `mode` from the first segment until `until`, on `cal`. */
export function msIn(cal: Calendar, segments: readonly Segment[], mode: ClockMode, until: number): number {
  let ms = 0;
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k] as Segment;
    if (s.mode !== mode || s.from >= until) continue;
    ms += Math.round(businessMinutesBetween(cal, s.from, end(segments, k, until)) * MINUTE_MS);
  }
  return ms;
}

/**
 * The earliest instant at which the active stretches hold `minutes` business minutes: the due
 * time. Null when they never do because the clock is paused or stopped (no end is known).
 * `openEnded` treats a last stretch that is paused or stopped as active (a projection).
 */
export function reachedAt(
  cal: Calendar,
  segments: readonly Segment[],
  minutes: number,
  openEnded = false,
): number | null {
  let left = Math.round(minutes * MINUTE_MS);
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k] as Segment;
    const last = k === segments.length - 1;
    if (s.mode !== 'active' && !(last && openEnded)) continue;
    if (last) return addBusinessMinutes(cal, s.from, left / MINUTE_MS);
    const span = Math.round(businessMinutesBetween(cal, s.from, end(segments, k, Infinity)) * MINUTE_MS);
    if (left <= span) return addBusinessMinutes(cal, s.from, left / MINUTE_MS);
    left -= span;
  }
  return null;
}
