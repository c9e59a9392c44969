import type { ClockKind } from '../../shared/clock-types';
import type { SlaState } from '../../shared/schema';
import { type SlaSummaryRow, slaStateOfSummary, summaryDueAt } from '../../shared/sla-summary';
import type { DeskLang, Strings } from './strings';

/** The desk works in WIB; every time the console shows is in Asia/Jakarta. */
export const DESK_TIME_ZONE = 'Asia/Jakarta';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `ms` in WIB with the day parts or the time of day alone, each formatter made once per language. */
function wib(ms: number, lang: DeskLang, withDate: boolean): string {
  const key = `${lang}:${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      timeZone: DESK_TIME_ZONE,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return `${f.format(ms)} WIB`;
}

/** An instant as "Mon 30 Nov, 13:00 WIB" (English) or "Sen 30 Nov, 13.00 WIB" (Indonesian). */
export const formatTime = (ms: number, lang: DeskLang): string => wib(ms, lang, true);

/** An instant's time of day as "09:00 WIB" (English) or "09.00 WIB" (Indonesian), for a second time on the same day. */
export const formatTimeOfDay = (ms: number, lang: DeskLang): string => wib(ms, lang, false);

/** A date as YYYY-MM-DD in WIB (the report form's date fields). */
export function wibDate(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Midnight WIB of a YYYY-MM-DD date, as epoch ms (NaN when it is not one). */
export function wibMidnight(date: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00+07:00`) : Number.NaN;
}

/** A duration as its two largest units, e.g. "2 h 15 min", "3 d 4 h" (wall-clock time). */
export function formatDuration(ms: number, t: Strings): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} ${t.units.d} ${h} ${t.units.h}` : `${d} ${t.units.d}`;
  if (h > 0) return m > 0 ? `${h} ${t.units.h} ${m} ${t.units.m}` : `${h} ${t.units.h}`;
  return `${m} ${t.units.m}`;
}

/** What an SLA badge shows: the state and its time. */
export type SlaBadge = { state: SlaState; label: string; detail: string };

/** The SLA badge of a ticket at `now` over every clock: the clock due next with its time left or overdue. */
export function slaBadge(
  t: SlaSummaryRow & { slaClock: ClockKind | null; firstResponseAt: number | null },
  now: number,
  lang: DeskLang,
  s: Strings,
): SlaBadge {
  const state = slaStateOfSummary(t, now);
  const due = summaryDueAt(t);
  if (due !== null) {
    const left = due - now;
    const time = left > 0 ? s.left(formatDuration(left, s)) : s.overdue(formatDuration(left, s));
    // The first-response clock is the usual case: name the clock only when another one is due.
    const detail =
      t.slaClock && t.slaClock !== 'first_response' ? `${s.clockName[t.slaClock]}: ${time}` : time;
    return { state, label: s.sla[state], detail };
  }
  if (state === 'paused') return { state, label: s.sla.paused, detail: s.pausedDetail };
  const detail = t.firstResponseAt !== null ? s.respondedAt(formatTime(t.firstResponseAt, lang)) : '';
  return { state, label: s.sla[state], detail };
}

/** A severity in words, as every console page and form names it: "S1 Critical". */
export const severityLabel = (n: number, s: Pick<Strings, 'sevName'>) => `S${n} ${s.sevName[n]}`;
