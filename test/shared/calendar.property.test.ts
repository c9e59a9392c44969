import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  compileCalendar,
  isOpen,
  nextOpening,
} from '../../shared/calendar';
import type { CalendarSpec } from '../../shared/calendar-schema';
import { STANDARD_CALENDAR } from '../../shared/targets';
import { oracleIsOpen } from './wall-clock-oracle';

// Window edges stay clear of the 01:00–03:00 hours in which these zones change offset, so a
// wall-clock oracle has one unambiguous answer for every instant.
const specs: Record<string, CalendarSpec> = {
  'standard WIB': STANDARD_CALENDAR,
  'WIB, cuti bersama closed': {
    ...STANDARD_CALENDAR,
    closeCollectiveLeave: true,
    closedDates: ['2026-07-01'],
  },
  'Makassar 07:00–22:00 daily': {
    timeZone: 'Asia/Makassar',
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '22:00' }],
    holidays: 'id',
  },
  'Jayapura night shift across midnight': {
    timeZone: 'Asia/Jayapura',
    windows: [
      { days: [1, 2, 3, 4, 5], start: '20:00', end: '24:00' },
      { days: [2, 3, 4, 5, 6], start: '00:00', end: '06:00' },
    ],
    holidays: 'id',
  },
  'Amsterdam 24x7': {
    timeZone: 'Europe/Amsterdam',
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
    holidays: 'none',
  },
  'Amsterdam 07:00–19:00 daily': {
    timeZone: 'Europe/Amsterdam',
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '19:00' }],
    holidays: 'none',
  },
  'New York split days': {
    timeZone: 'America/New_York',
    windows: [
      { days: [1, 2, 3, 4, 5], start: '09:00', end: '12:00' },
      { days: [1, 2, 3, 4, 5], start: '13:00', end: '17:30' },
      { days: [6, 7], start: '10:00', end: '14:00' },
    ],
    holidays: 'none',
    closedDates: ['2026-11-26', '2026-12-25'],
  },
  'Sydney long days': {
    timeZone: 'Australia/Sydney',
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '20:00' }],
    holidays: 'none',
  },
};

// Offset changes in 2026 (Europe, US, Sydney): half the instants land within four days of one.
const changes = [
  '2026-03-08T07:00Z',
  '2026-03-29T01:00Z',
  '2026-04-04T16:00Z',
  '2026-10-03T16:00Z',
  '2026-10-25T01:00Z',
  '2026-11-01T06:00Z',
];
const nearChange = fc
  .tuple(
    fc.constantFrom(...changes.map(Date.parse)),
    fc.integer({ min: -4 * 86_400_000, max: 4 * 86_400_000 }),
  )
  .map(([change, delta]) => change + delta);
const instant = fc.oneof(
  fc.integer({ min: Date.parse('2025-12-01T00:00Z'), max: Date.parse('2027-02-01T00:00Z') }),
  nearChange,
);
const minutes = fc.integer({ min: 0, max: 3000 });
const runs = { numRuns: 300 };

describe.each(Object.entries(specs))('calendar properties: %s', (_name, spec) => {
  const cal = compileCalendar(spec);

  it('agrees with a wall-clock oracle on isOpen', () => {
    fc.assert(
      fc.property(instant, (t) => isOpen(cal, t) === oracleIsOpen(spec, t)),
      { numRuns: 500 },
    );
  });

  it('nextOpening(T) is open, not before T, with no business time in between', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const open = nextOpening(cal, t);
        return open >= t && isOpen(cal, open) && businessMinutesBetween(cal, t, open) === 0;
      }),
      runs,
    );
  });

  it('due is never inside a closed period: open just before it, or the clock start itself for 0 minutes', () => {
    fc.assert(
      fc.property(instant, minutes, (t, n) => {
        const due = addBusinessMinutes(cal, t, n);
        if (n === 0) return due === nextOpening(cal, t) && isOpen(cal, due);
        return due > t && isOpen(cal, due - 1) && oracleIsOpen(spec, due - 1);
      }),
      runs,
    );
  });

  it('businessMinutesBetween(T, addBusinessMinutes(T, N)) = N', () => {
    fc.assert(
      fc.property(
        instant,
        minutes,
        (t, n) => businessMinutesBetween(cal, t, addBusinessMinutes(cal, t, n)) === n,
      ),
      runs,
    );
  });

  it('due is monotonic in T and in N', () => {
    fc.assert(
      fc.property(instant, instant, minutes, minutes, (a, b, m, n) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = m <= n ? [m, n] : [n, m];
        return (
          addBusinessMinutes(cal, t1, n1) <= addBusinessMinutes(cal, t2, n1) &&
          addBusinessMinutes(cal, t1, n1) <= addBusinessMinutes(cal, t1, n2)
        );
      }),
      runs,
    );
  });

  it('elapsed time is additive over consecutive intervals', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
        const sum = businessMinutesBetween(cal, x, y) + businessMinutesBetween(cal, y, z);
        expect(sum).toBeCloseTo(businessMinutesBetween(cal, x, z), 6);
      }),
      runs,
    );
  });
});
