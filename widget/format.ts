import type { Locale } from '../shared/schema';

const WIB = 'Asia/Jakarta';

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

// Intl names these "GMT+8"/"GMT+9" in English; Indonesians know them as WITA and WIT.
const INDONESIAN_ZONES: Record<string, string> = { 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

const tag = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

/**
 * "Mon 30 Nov, 13:00 WIB" in the user's locale and time zone. When the user's zone is not at WIB's
 * offset, the time is shown in their zone with its name, followed by the WIB time, so both sides of
 * the support hours are plain.
 */
export function formatDue(iso: string, locale: Locale, userTimeZone: string): string {
  const at = new Date(iso);
  const day = (timeZone: string, withDate: boolean, zoneName: boolean) =>
    new Intl.DateTimeFormat(tag(locale), {
      timeZone,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(zoneName ? { timeZoneName: 'short' } : {}),
    }).format(at);
  const wib = `${day(WIB, true, false)} WIB`;
  try {
    if (offsetMinutes(userTimeZone, at) === offsetMinutes(WIB, at)) return wib;
    const local = INDONESIAN_ZONES[userTimeZone];
    const mine = local ? `${day(userTimeZone, true, false)} ${local}` : day(userTimeZone, true, true);
    return `${mine} (${day(WIB, false, false)} WIB)`;
  } catch {
    return wib; // an unknown zone name: WIB alone is still correct
  }
}
