import type { Locale, WidgetConfig } from '../shared/schema';
import { fill } from './fill';
import { tag, WIB, zoneLabel } from './format';
import type { Strings } from './strings';

/** A tenant's support hours as GET /v1/widget/config sends them. */
export type Hours = WidgetConfig['hours'];

/** Guide section 5, shown when the tenant's config could not be loaded. */
export const STANDARD_HOURS: Hours = {
  timeZone: WIB,
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
  holidays: 'id',
  closeCollectiveLeave: false,
};

// Weekday names from Intl rather than strings: 2024-01-01 was a Monday, so ISO day d is Jan d.
const dayName = (d: number, locale: Locale) =>
  new Intl.DateTimeFormat(tag(locale), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, d));

/** ISO weekdays as runs: [1,2,3,4,5,7] -> "Monday–Friday, Sunday". */
function dayRuns(days: number[], locale: Locale): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const [a, b] = [sorted[i] ?? 1, sorted[j] ?? 1];
    runs.push(
      a === b ? dayName(a, locale) : `${dayName(a, locale)}${j > i + 1 ? '–' : ', '}${dayName(b, locale)}`,
    );
    i = j + 1;
  }
  return runs.join(', ');
}

/**
 * "Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays." from the tenant's
 * calendar: every window, the zone's short name and the holiday rule, in the user's locale. With
 * `severity`, the hours of that severity's own calendar: "Severity 1 is covered 24 hours a day,
 * 7 days a week." when its full-day windows cover every weekday, else its windows.
 */
export function describeHours(
  hours: Hours,
  locale: Locale,
  s: Strings,
  at = new Date(),
  severity?: number,
): string {
  // Indonesian writes times with a dot: 09.00
  const time = (t: string) => (locale === 'id' ? t.replace(':', '.') : t);
  const windows = hours.windows
    .map((w) => `${dayRuns(w.days, locale)}, ${time(w.start)}–${time(w.end)}`)
    .join('; ');
  const except =
    hours.holidays === 'id' ? (hours.closeCollectiveLeave ? s.exceptLeave : s.exceptHolidays) : '';
  const allDay = new Set(
    hours.windows.filter((w) => w.start === '00:00' && w.end === '24:00').flatMap((w) => w.days),
  );
  return fill(severity ? (allDay.size > 6 ? s.sevAllDay : s.sevHours) : s.hours, {
    n: severity ?? '',
    hours: `${windows} ${zoneLabel(hours.timeZone, locale, at)}`,
    except,
  });
}
