import { afterEach, beforeEach, onTestFinished, vi } from 'vitest';
import { useTestNow } from './test-now';

/**
 * Runs each test of the calling file with Date stopped at `at` (the test and the worker share the
 * isolate, so the worker's Date.now() reads it too); timers stay real. For tests whose expectations are
 * fixed instants that must stay in the future, or that depend on whether support is open: without it
 * they would pass or fail by the day and hour CI runs.
 */
export function pinClock(at: string): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(at) });
  });
  afterEach(() => {
    vi.useRealTimers();
    useTestNow();
  });
}

/**
 * Stops Date at `at` for the rest of the calling test, and puts the clock back when it finishes: for one
 * test whose expectation holds only while the calendar has holiday data (a due time past the data's end
 * adds the `holiday_data_missing` flag), where the rest of its file should still run at TEST_NOW.
 */
export function pinNow(at: string): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(at) });
  onTestFinished(() => {
    vi.useRealTimers();
    useTestNow();
  });
}

/** An instant in support hours inside the holiday data (Wednesday 2 December 2026, 10:00 WIB). */
export const IN_HOURS_2026 = '2026-12-02T10:00:00+07:00';
