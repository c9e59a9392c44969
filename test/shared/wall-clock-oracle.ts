import type { CalendarSpec } from '../../shared/calendar-schema';
import { INDONESIA_HOLIDAYS } from '../../shared/holidays/index';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** One Intl formatter per zone (building one is the slow part); every reading still goes through Intl. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Independent oracle: read the wall clock with Intl on every call, then check windows and closed dates. */
export function oracleIsOpen(spec: CalendarSpec, t: number): boolean {
  const parts = formatterFor(spec.timeZone).formatToParts(t);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday ?? '') + 1;
  const ms =
    ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + (((t % 1000) + 1000) % 1000);
  const closed = new Set(spec.closedDates ?? []);
  if (spec.holidays === 'id') {
    for (const y of Object.values(INDONESIA_HOLIDAYS.years)) {
      for (const h of y.national) closed.add(h.date);
      if (spec.closeCollectiveLeave) for (const h of y.collectiveLeave) closed.add(h.date);
    }
  }
  if (closed.has(date)) return false;
  const minute = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
  return spec.windows.some(
    (w) => w.days.includes(weekday as 1) && ms >= minute(w.start) && ms < minute(w.end),
  );
}
