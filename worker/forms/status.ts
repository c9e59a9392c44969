import { type Calendar, isOpen, nextOpening } from '../../shared/calendar';
import type { Locale } from '../../shared/schema';
import { fill } from '../../widget/fill';
import { formatDue } from '../../widget/format';
import type { FormStrings } from './strings';

/** An instant as the widget words it, on the support calendar's own clock ("Mon 30 Nov, 13:00 WIB"). */
export function supportTime(at: number, cal: Calendar, lang: Locale): string {
  const zone = cal.spec.timeZone;
  return formatDue(new Date(at).toISOString(), lang, zone, zone);
}

/** "Support is open now." or "Support is closed now; it opens again Mon 30 Nov, 09:00 WIB." */
export function supportStatus(cal: Calendar, now: number, s: FormStrings, lang: Locale): string {
  return isOpen(cal, now)
    ? s.openNow
    : fill(s.closedNow, { time: supportTime(nextOpening(cal, now), cal, lang) });
}
