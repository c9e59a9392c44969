import {
  addBusinessMinutes,
  type Calendar,
  compileCalendar,
  localYearsBetween,
  missingHolidayYears,
  nextOpening,
  provisionalHolidayYears,
} from './calendar';
import type { CalendarSpec, CoverageSpec } from './calendar-schema';
import type { HolidaySet } from './holidays/index';
import { provisionalYearWarning } from './holidays/provisional';
import type { Severity } from './schema';

/** Guide section 5: first-response targets in business minutes (3 = 1 business day, 4 = 2). */
export const STANDARD_TARGET_MINUTES: Record<Severity, number> = { 1: 120, 2: 240, 3: 540, 4: 1080 };

/** Guide section 5: Monday–Friday 09:00–18:00 WIB, Indonesian national holidays closed. */
export const STANDARD_CALENDAR: CalendarSpec = {
  timeZone: 'Asia/Jakarta',
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
  holidays: 'id',
  closeCollectiveLeave: false,
};

/** The standard order form: the standard targets on the standard calendar. */
export const STANDARD_COVERAGE: CoverageSpec = {
  calendar: STANDARD_CALENDAR,
  targets: {
    '1': { businessMinutes: STANDARD_TARGET_MINUTES[1] },
    '2': { businessMinutes: STANDARD_TARGET_MINUTES[2] },
    '3': { businessMinutes: STANDARD_TARGET_MINUTES[3] },
    '4': { businessMinutes: STANDARD_TARGET_MINUTES[4] },
  },
};

/** Severities in order, for iteration. */
export const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

/** A compiled coverage: each severity's target minutes and the calendar its clock runs on. */
export type Coverage = {
  readonly spec: CoverageSpec;
  readonly calendar: Calendar;
  readonly targets: Record<Severity, { businessMinutes: number; calendar: Calendar; override: boolean }>;
};

/** Compiles an order form; severities without their own calendar share the default one. */
export function compileCoverage(spec: CoverageSpec, holidays?: HolidaySet): Coverage {
  const calendar = compileCalendar(spec.calendar, holidays);
  const target = (s: Severity) => {
    const t = spec.targets[`${s}`];
    const own = t.calendar ? compileCalendar(t.calendar, holidays) : undefined;
    return { businessMinutes: t.businessMinutes, calendar: own ?? calendar, override: own !== undefined };
  };
  return { spec, calendar, targets: { 1: target(1), 2: target(2), 3: target(3), 4: target(4) } };
}

/** When the clock starts and when the first response is due for a ticket created at `createdAt`. */
export function firstResponseDue(
  cov: Coverage,
  severity: Severity,
  createdAt: number,
): {
  clockStartsAt: number;
  dueAt: number;
  businessMinutes: number;
  missingHolidayYears: number[];
  provisionalHolidayYears: number[];
} {
  const { businessMinutes, calendar } = cov.targets[severity];
  const clockStartsAt = nextOpening(calendar, createdAt);
  const dueAt = addBusinessMinutes(calendar, clockStartsAt, businessMinutes);
  const years = localYearsBetween(calendar, createdAt, dueAt);
  return {
    clockStartsAt,
    dueAt,
    businessMinutes,
    missingHolidayYears: missingHolidayYears(calendar, years),
    provisionalHolidayYears: provisionalHolidayYears(calendar, years),
  };
}

/** The four severities' targets for a ticket created at `at`, severity 1 first. */
export function responseTargets(
  cov: Coverage,
  at: number,
): { severity: Severity; businessMinutes: number; clockStartsAt: number; dueAt: number }[] {
  return SEVERITIES.map((severity) => {
    const { businessMinutes, clockStartsAt, dueAt } = firstResponseDue(cov, severity, at);
    return { severity, businessMinutes, clockStartsAt, dueAt };
  });
}

/**
 * Human-readable warnings for years a coverage's calendars lack holiday data, or hold it only as
 * provisional predictions (e.g. 2027 before its decree), for the API's `warnings`.
 */
export function coverageWarnings(cov: Coverage, years: number[]): string[] {
  const labelled: [Calendar, string][] = [[cov.calendar, '']];
  for (const s of SEVERITIES) {
    const t = cov.targets[s];
    if (t.override) labelled.push([t.calendar, ` for severity ${s}`]);
  }
  const warnings: string[] = [];
  for (const [cal, suffix] of labelled) {
    for (const year of missingHolidayYears(cal, years)) {
      warnings.push(
        `no holiday data for ${year} (${cal.spec.timeZone} calendar${suffix}): ` +
          `national holidays and cuti bersama of ${year} are unknown, so due times treat them as business days`,
      );
    }
    for (const year of provisionalHolidayYears(cal, years)) {
      warnings.push(provisionalYearWarning(year, ` (${cal.spec.timeZone} calendar${suffix})`));
    }
  }
  return warnings;
}
