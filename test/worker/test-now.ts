import { env } from 'cloudflare:workers';
import { vi } from 'vitest';

// `TEST_NOW=2027-01-15T17:45:00+07:00 npx vitest run --project worker` runs the worker suite as if it
// were that instant (Date only; it keeps moving from there; timers stay real). Tests must pass at any
// hour of any day: a weekend night, a Friday just before closing, a holiday, a date a year on. A test
// that pins its own instant (pin-clock.ts) still wins, and puts this clock back after it. The fixtures
// with fixed receipt times (2 November 2026) assume an instant after them.
const at = (env as unknown as { TEST_NOW?: string }).TEST_NOW;

/** Starts the TEST_NOW clock, when the run asks for one. */
export function useTestNow(): void {
  if (!at) return;
  const now = Date.parse(at);
  if (Number.isNaN(now)) throw new Error(`TEST_NOW=${at} is not a date`);
  vi.useFakeTimers({ toFake: ['Date'], now, shouldAdvanceTime: true });
}

useTestNow();
