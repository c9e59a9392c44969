/** UU 27/2022 (personal data protection) art. 46: notify within 72 hours, wall-clock, not business time. */
export const PERSONAL_DATA_NOTIFICATION_HOURS = 72;

/**
 * The wall-clock deadline to notify data subjects and the authority of a personal-data breach:
 * 72 hours after the report, through nights, weekends and holidays alike.
 */
export function notificationDeadlineAt(reportedAt: number): number {
  if (!Number.isFinite(reportedAt)) throw new RangeError(`not a finite instant: ${reportedAt}`);
  return reportedAt + PERSONAL_DATA_NOTIFICATION_HOURS * 3_600_000;
}
