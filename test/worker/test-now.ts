import { env } from 'cloudflare:workers';
import { vi } from 'vitest';

// `TEST_NOW=2027-01-15T17:45:00+07:00 npx vitest run --project worker` runs the worker suite as if it
// were that instant (Date only; it keeps moving from there; timers stay real). Tests must pass at any
// hour of any day: a weekend night, a Friday just before closing, a holiday, a date a year on. A test
// that pins its own instant (pin-clock.ts) still wins.
const at = (env as unknown as { TEST_NOW?: string }).TEST_NOW;
if (at) {
  const now = Date.parse(at);
  if (Number.isNaN(now)) throw new Error(`TEST_NOW=${at} is not a date`);
  vi.useFakeTimers({ toFake: ['Date'], now, shouldAdvanceTime: true });
}
