import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../shared/calendar';
import { msIn, reachedAt, type Segment } from '../../shared/clock-segments';
import { STANDARD_CALENDAR } from '../../shared/targets';

const wib = (local: string) => Date.parse(`${local}Z`) - 7 * 3_600_000;
const cal = compileCalendar(STANDARD_CALENDAR);
const seg = (local: string, mode: Segment['mode']): Segment => ({ from: wib(local), mode });

describe('clock segments', () => {
  const paused = [
    seg('2026-11-30T09:00', 'active'),
    seg('2026-11-30T10:00', 'paused'),
    seg('2026-11-30T16:00', 'active'),
  ];

  it('reaches a target over active stretches only, skipping the paused one', () => {
    expect(reachedAt(cal, paused, 60)).toBe(wib('2026-11-30T10:00'));
    expect(reachedAt(cal, paused, 120)).toBe(wib('2026-11-30T17:00'));
    expect(reachedAt(cal, paused, 240)).toBe(wib('2026-12-01T10:00'));
  });

  it('has no due time while the last stretch is paused or stopped, unless projected open-ended', () => {
    const stopped = [seg('2026-11-30T09:00', 'active'), seg('2026-11-30T10:00', 'stopped')];
    expect(reachedAt(cal, stopped, 120)).toBeNull();
    expect(reachedAt(cal, stopped, 120, true)).toBe(wib('2026-11-30T11:00'));
    expect(reachedAt(cal, stopped, 30)).toBe(wib('2026-11-30T09:30')); // reached before it stopped
  });

  it('counts business milliseconds per mode up to an instant', () => {
    const until = wib('2026-11-30T17:00');
    expect(msIn(cal, paused, 'active', until)).toBe(120 * 60_000);
    expect(msIn(cal, paused, 'paused', until)).toBe(360 * 60_000);
    expect(msIn(cal, paused, 'paused', wib('2026-11-30T09:30'))).toBe(0);
  });
});
