import { describe, expect, it } from 'vitest';
import { notificationDeadlineAt, PERSONAL_DATA_NOTIFICATION_HOURS } from '../../shared/security';

describe('notificationDeadlineAt (UU 27/2022 art. 46)', () => {
  it('is 72 wall-clock hours after the report, across a weekend and a holiday', () => {
    expect(PERSONAL_DATA_NOTIFICATION_HOURS).toBe(72);
    // Thu 31 Dec 2026 17:00 WIB → Sun 3 Jan 2027 17:00 WIB: New Year and the weekend count.
    expect(notificationDeadlineAt(Date.parse('2026-12-31T17:00:00+07:00'))).toBe(
      Date.parse('2027-01-03T17:00:00+07:00'),
    );
  });

  it('keeps milliseconds and rejects a non-finite instant', () => {
    expect(notificationDeadlineAt(1)).toBe(1 + 72 * 3_600_000);
    expect(() => notificationDeadlineAt(Number.NaN)).toThrow(RangeError);
  });
});
