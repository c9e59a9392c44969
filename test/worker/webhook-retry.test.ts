import { describe, expect, it } from 'vitest';
import { MAX_WEBHOOK_ATTEMPTS, RETRY_CAP_MS, retrySchedule } from '../../worker/webhooks/retry';

const MIN = 60_000;
const HOUR = 60 * MIN;

function totalWait(random: () => number): number {
  let total = 0;
  for (let attempt = 1; ; attempt++) {
    const wait = retrySchedule(attempt, random());
    if (wait === null) return total;
    total += wait;
  }
}

describe('retrySchedule', () => {
  it('doubles from one minute without jitter', () => {
    expect([1, 2, 3, 4, 9].map((a) => (retrySchedule(a, 0) ?? 0) / MIN)).toEqual([1, 2, 4, 8, 256]);
  });

  it('caps a single wait at eight hours', () => {
    expect(retrySchedule(10, 0)).toBe(RETRY_CAP_MS);
    expect(retrySchedule(MAX_WEBHOOK_ATTEMPTS - 1, 0)).toBe(8 * HOUR);
  });

  it('stretches each wait by up to a quarter, never shortens it', () => {
    expect(retrySchedule(1, 0.5)).toBe(67_500);
    expect(retrySchedule(3, 0.999_999)).toBeLessThanOrEqual(4 * MIN * 1.25);
    expect(retrySchedule(3, 0.999_999)).toBeGreaterThan(4 * MIN * 1.24);
    expect(retrySchedule(10, -5)).toBe(RETRY_CAP_MS); // clamped
    expect(retrySchedule(10, 7)).toBe(RETRY_CAP_MS * 1.25);
  });

  it('spreads deliveries that failed together', () => {
    const waits = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => retrySchedule(6, r)));
    expect(waits.size).toBe(5);
  });

  it('keeps trying for at least three days and at most four, then gives up', () => {
    expect(totalWait(() => 0)).toBe((511 + 8 * 480) * MIN); // 72 h 31 min
    expect(totalWait(() => 0)).toBeGreaterThanOrEqual(72 * HOUR);
    expect(totalWait(() => 0.999_999)).toBeLessThan(4 * 24 * HOUR);
    expect(retrySchedule(MAX_WEBHOOK_ATTEMPTS, 0)).toBeNull();
    expect(retrySchedule(MAX_WEBHOOK_ATTEMPTS + 5, 0)).toBeNull();
  });

  it('refuses attempt numbers that are not positive integers', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => retrySchedule(bad, 0)).toThrow(RangeError);
  });
});
