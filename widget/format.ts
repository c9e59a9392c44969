import type { Locale } from '../shared/schema';

// Worker code (GET /v1/widget/config, GET /v1/response-targets and POST /v1/tickets send these words,
// like the hours of ./hours.ts) and the lazy conversation chunk (zoneLabel): the panel shows the
// server's text and ships no Intl date formatting (issue 12's weight, about 700 B gzip).

/** The support calendar's zone when the tenant's config is unknown (guide section 5: WIB). */
export const WIB = 'Asia/Jakarta';

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
  const clock = (timeZone: string, withDate: boolean) =>
    new Intl.DateTimeFormat(tag(locale), {
      timeZone,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
  const day = (timeZone: string, withDate: boolean) =>
    `${clock(timeZone, withDate)} ${zoneLabel(timeZone, locale, at)}`;
  try {
    const support = day(supportZone, true);
    // The same day and minute on both clocks is the same UTC offset at this instant (no tz database
    // shipped: Intl knows the zones).
    if (clock(userTimeZone, true) === clock(supportZone, true)) return support;
    return `${day(userTimeZone, true)} (${day(supportZone, false)})`;
  } catch {
    return day(WIB, true); // an unknown zone name: WIB alone is still correct for the standard hours
  }
}

/**
 * `iso` worded in both languages by `formatDue`: the `dueText`/`nextOpenText`/`firstResponseDueText` of
 * the widget routes. A user zone that is absent or that Intl does not know is WIB (the text names it),
 * beside the support zone as for any other user.
 */
export function timeTexts(
  iso: string,
  userTimeZone: string | undefined,
  supportZone = WIB,
): Record<Locale, string> {
  const zone = userTimeZone && isTimeZone(userTimeZone) ? userTimeZone : WIB;
  return { en: formatDue(iso, 'en', zone, supportZone), id: formatDue(iso, 'id', zone, supportZone) };
}

/** Whether Intl knows the IANA time zone `name` ("Europe/London", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
