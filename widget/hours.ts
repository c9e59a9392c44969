import type { Locale, WidgetConfig } from '../shared/schema';
import { fill } from './fill';
import { tag, WIB, zoneLabel } from './format';

// The worker words the support hours (GET /v1/widget/config sends `hoursText` in both languages, from
// this file): the panel ships neither this code nor these words (issue 12's weight), and shows the
// guide's standard hours (`standardHours` of its locale) when the config could not be loaded.

/** A tenant's support hours as GET /v1/widget/config sends them. */
export type Hours = WidgetConfig['hours'];

/** Guide section 5, the desk's standard hours: the widget's `standardHours` sentence says these. */
export const STANDARD_HOURS: Hours = {
  timeZone: WIB,
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
  holidays: 'id',
  closeCollectiveLeave: false,
};

/** The words of an hours sentence; `{x}` marks a value filled in by `fill`. */
export const HOURS_WORDS = {
  en: {
    hours: 'Support hours: {hours}{except}.',
    sevHours: 'Severity {n} support hours: {hours}{except}.',
    sevAllDay: 'Severity {n} is covered 24 hours a day, 7 days a week{except}.',
    exceptHolidays: ', except national holidays',
    exceptLeave: ', except national holidays and collective leave days (cuti bersama)',
  },
  id: {
    hours: 'Jam dukungan: {hours}{except}.',
    sevHours: 'Jam dukungan severity {n}: {hours}{except}.',
    sevAllDay: 'Severity {n} dilayani 24 jam sehari, 7 hari seminggu{except}.',
    exceptHolidays: ', kecuali hari libur nasional',
    exceptLeave: ', kecuali hari libur nasional dan cuti bersama',
  },
} satisfies Record<Locale, Record<string, string>>;

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
 * calendar: every window, the zone's short name and the holiday rule, in `locale`. With
 * `severity`, the hours of that severity's own calendar: "Severity 1 is covered 24 hours a day,
 * 7 days a week." when its full-day windows cover every weekday, else its windows.
 */
export function describeHours(hours: Hours, locale: Locale, at = new Date(), severity?: number): string {
  const s = HOURS_WORDS[locale];
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

/**
 * The hours sentence in both languages (the config's `hoursText`), at `at` (a zone's short name can
 * change with daylight saving time); a calendar Intl cannot read (an unknown zone) says the standard hours.
 */
export function hoursTexts(hours: Hours, at = new Date(), severity?: number): Record<Locale, string> {
  const text = (locale: Locale) => {
    try {
      return describeHours(hours, locale, at, severity);
    } catch {
      return describeHours(STANDARD_HOURS, locale, at, severity);
    }
  };
  return { en: text('en'), id: text('id') };
}
