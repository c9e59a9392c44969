import type { Locale } from '../shared/schema';

/** The support calendar's zone when the tenant's config is unknown (guide section 5: WIB). */
export const WIB = 'Asia/Jakarta';

/** Minutes east of UTC of a time zone at an instant, read from Intl (no tz database shipped). */
function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

// Intl names these "GMT+7"/"GMT+8"/"GMT+9" in English; Indonesians know them as WIB, WITA and WIT.
const INDONESIAN_ZONES: Record<string, string> = {
  [WIB]: 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** The Intl language tag of a locale. */
export const tag = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

/** A short name for a time zone at an instant: WIB/WITA/WIT for Indonesia, else Intl's ("SGT", "GMT+8"). */
export function zoneLabel(timeZone: string, locale: Locale, at = new Date()): string {
  return (
    INDONESIAN_ZONES[timeZone] ??
    new Intl.DateTimeFormat(tag(locale), { timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ??
    timeZone
  );
}

/**
 * "Mon 30 Nov, 13:00 WIB" in the user's locale and time zone. When the user's zone is not at the
 * support zone's offset, the time is shown in their zone with its name, followed by the support
 * zone's time, so both sides of the support hours are plain.
 */
export function formatDue(iso: string, locale: Locale, userTimeZone: string, supportZone = WIB): string {
  const at = new Date(iso);
  const day = (timeZone: string, withDate: boolean) =>
    `${new Intl.DateTimeFormat(tag(locale), {
      timeZone,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at)} ${zoneLabel(timeZone, locale, at)}`;
  try {
    const support = day(supportZone, true);
    if (offsetMinutes(userTimeZone, at) === offsetMinutes(supportZone, at)) return support;
    return `${day(userTimeZone, true)} (${day(supportZone, false)})`;
  } catch {
    return day(WIB, true); // an unknown zone name: WIB alone is still correct for the standard hours
  }
}
