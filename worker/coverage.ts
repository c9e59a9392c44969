import { type CoverageSpec, CoverageSpecSchema } from '../shared/calendar-schema';
import type { HolidaySet, HolidayYear } from '../shared/holidays/index';
import { INDONESIA_HOLIDAYS } from '../shared/holidays/index';
import { withHolidayYear } from '../shared/holidays/provisional';
import { type Coverage, compileCoverage, STANDARD_COVERAGE } from '../shared/targets';
import type { Db } from './db/client';
import { allHolidayRows } from './db/holidays';

/** How long an isolate reuses the `holidays` table before reading it again. */
export const HOLIDAY_TABLE_TTL_MS = 60_000;

type HolidayRow = { setName: string; date: string; name: string; kind: 'national' | 'collective_leave' };

/**
 * The shipped Indonesian set with the rows added at run time: a year that has rows (e.g. next year's
 * decree, loaded through `PUT /v1/admin/holidays/id/{year}`) replaces the shipped year wholesale, so
 * a decree drops the provisional predictions it supersedes.
 */
export function mergeHolidays(base: HolidaySet, rows: HolidayRow[]): HolidaySet {
  const loaded: Record<number, HolidayYear> = {};
  for (const row of rows) {
    if (row.setName !== 'id') continue;
    const year = Number(row.date.slice(0, 4));
    let entry = loaded[year];
    if (!entry) {
      entry = { national: [], collectiveLeave: [], source: 'Loaded through the admin API.' };
      loaded[year] = entry;
    }
    const list = row.kind === 'national' ? entry.national : entry.collectiveLeave;
    if (!list.some((h) => h.date === row.date)) list.push({ date: row.date, name: row.name });
  }
  let set: HolidaySet = { ...base, years: { ...base.years } };
  for (const [year, data] of Object.entries(loaded)) set = withHolidayYear(set, Number(year), data);
  return set;
}

let holidayCache: { at: number; set: HolidaySet; version: string } | undefined;

/** The merged holiday set, read from D1 at most once per TTL per isolate; `version` changes with the rows. */
export async function loadHolidaySet(db: Db, now: number): Promise<{ set: HolidaySet; version: string }> {
  if (holidayCache && now - holidayCache.at < HOLIDAY_TABLE_TTL_MS) return holidayCache;
  const rows = await allHolidayRows(db);
  const version = rows.map((r) => `${r.setName}${r.date}${r.kind}`).join('|');
  holidayCache = { at: now, set: mergeHolidays(INDONESIA_HOLIDAYS, rows), version };
  return holidayCache;
}

/**
 * The merged holiday set read from D1 now, bypassing (and refreshing) this isolate's cache: what a
 * recompute right after a holiday write must use. Other isolates see the rows within the TTL.
 */
export async function reloadHolidaySet(db: Db, now: number): Promise<{ set: HolidaySet; version: string }> {
  holidayCache = undefined;
  return loadHolidaySet(db, now);
}

/** A holder's order form compiled on a given holiday set (no cache: for recomputes on fresh data). */
export function compileHolderCoverage(holder: { coverage: unknown }, set: HolidaySet): Coverage {
  return compileCoverage(parseCoverage(holder.coverage).spec, set);
}

/** A compiled coverage and what was wrong with its stored order form, if anything. */
export interface CompiledCoverage {
  coverage: Coverage;
  warnings: string[];
}

const coverageCache = new Map<string, { key: string; value: CompiledCoverage }>();

/** Parses a stored order form; an unreadable one falls back to standard coverage, loudly. */
export function parseCoverage(stored: unknown): { spec: CoverageSpec; warnings: string[] } {
  const parsed = CoverageSpecSchema.safeParse(stored);
  if (parsed.success) return { spec: parsed.data, warnings: [] };
  return {
    spec: STANDARD_COVERAGE,
    warnings: [
      'the coverage on file is invalid; standard coverage (guide section 5) applies until it is fixed',
    ],
  };
}

/** Whatever carries an order form: an organisation, or a desk (its standard coverage). */
export type CoverageHolder = { id: string; updatedAt: number; coverage: unknown };

/**
 * Organisation (or desk) row → compiled coverage, cached per isolate by id + updatedAt + holiday rows,
 * so the calendar's per-day cache survives across requests (compiling is the expensive part).
 */
export async function coverageOf(db: Db, holder: CoverageHolder, now: number): Promise<CompiledCoverage> {
  const { set, version } = await loadHolidaySet(db, now);
  const key = `${holder.updatedAt}:${version}`;
  const hit = coverageCache.get(holder.id);
  if (hit && hit.key === key) return hit.value;
  const { spec, warnings } = parseCoverage(holder.coverage);
  const value = { coverage: compileCoverage(spec, set), warnings };
  coverageCache.set(holder.id, { key, value });
  return value;
}

/** Per severity: the first-response target and whether its clock runs on a calendar of its own (e.g. 24x7). */
export function coverageSummary(o: { coverage: unknown }) {
  const { spec } = parseCoverage(o.coverage);
  return ([1, 2, 3, 4] as const).map((severity) => {
    const t = spec.targets[`${severity}`];
    return { severity, businessMinutes: t.businessMinutes, ownCalendar: t.calendar !== undefined };
  });
}
