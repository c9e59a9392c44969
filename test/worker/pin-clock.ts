import { afterEach, beforeEach, vi } from 'vitest';
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
