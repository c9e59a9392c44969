import { localYearsBetween } from '../../shared/calendar';
import type { Severity } from '../../shared/schema';
import { businessMinutesToFirstResponse, summarizeMinutes } from '../../shared/sla';
import { coverageWarnings, SEVERITIES } from '../../shared/targets';
import { type CompiledCoverage, coverageOf } from '../coverage';
import type { Db } from '../db/client';
import { findOrganisation } from '../db/desks';
import { ticketsForSlaReport } from '../db/reports';
import type { Desk, Organisation } from '../db/schema';
import { ApiError } from '../errors';

/** The longest period a report covers. */
export const MAX_REPORT_RANGE_MS = 400 * 86_400_000;

/** 400 unless `from` is before `to` and the period is at most MAX_REPORT_RANGE_MS long. */
export function assertReportRange(from: number, to: number): void {
  if (!(from < to) || to - from > MAX_REPORT_RANGE_MS) {
    throw new ApiError(400, 'invalid_range', '`from` must be before `to`, at most 400 days apart.');
  }
}

/** A ticket whose first response came late, or is overdue and still missing. */
export type Breach = {
  id: string;
  number: number;
  subject: string;
  organisationId: string | null;
  severity: number;
  firstResponseDueAt: number;
  firstResponseAt: number | null;
};

/** The first-response SLA of a desk (or one organisation) for tickets created in [from, to). */
export async function slaReport(
  db: Db,
  {
    desk,
    organisation,
    from,
    to,
    now,
  }: { desk: Desk; organisation?: Organisation; from: number; to: number; now: number },
) {
  assertReportRange(from, to);
  const org = organisation;
  const { coverage, warnings } = await coverageOf(db, org ?? desk, now);
  // Range filters on created_at: a ticket belongs to the period it was opened in.
  const rows = await ticketsForSlaReport(db, desk.id, from, to, org ? [org.id] : undefined);
  // Each ticket is measured on the coverage of its own organisation.
  const coverages = new Map<string | null, CompiledCoverage['coverage']>([[org?.id ?? null, coverage]]);
  for (const r of rows) {
    if (coverages.has(r.organisationId)) continue;
    const holder = r.organisationId ? await findOrganisation(db, desk.id, r.organisationId) : undefined;
    coverages.set(r.organisationId, (await coverageOf(db, holder ?? desk, now)).coverage);
  }
  const breaches: Breach[] = [];
  const severities = SEVERITIES.map((severity) => {
    const mine = rows.filter((r) => r.severity === severity);
    const minutes: number[] = [];
    let met = 0;
    let breached = 0;
    let pendingBreached = 0;
    for (const r of mine) {
      const m = businessMinutesToFirstResponse(coverages.get(r.organisationId) ?? coverage, {
        severity: r.severity as Severity,
        createdAt: r.receivedAt,
        firstResponseAt: r.firstResponseAt,
      });
      const late =
        r.firstResponseAt === null ? r.firstResponseDueAt <= now : r.firstResponseAt > r.firstResponseDueAt;
      if (late) breaches.push(r);
      if (m === null) {
        if (late) pendingBreached++;
        continue;
      }
      minutes.push(m);
      if (late) breached++;
      else met++;
    }
    const { median, p90 } = summarizeMinutes(minutes);
    return {
      severity,
      targetBusinessMinutes: coverage.targets[severity].businessMinutes,
      tickets: mine.length,
      firstResponses: { met, breached },
      pending: mine.length - minutes.length,
      pendingBreached,
      businessMinutesToFirstResponse: { median, p90 },
    };
  });
  const years = localYearsBetween(coverage.calendar, from, to - 1);
  breaches.sort((a, b) => a.firstResponseDueAt - b.firstResponseDueAt);
  return { severities, breaches, warnings: [...warnings, ...coverageWarnings(coverage, years)] };
}

/** Resolves an organisation reference for a report: undefined for the whole desk, 404 for an unknown one. */
export async function reportOrganisation(db: Db, deskId: string, ref: string | undefined) {
  if (!ref) return undefined;
  const org = await findOrganisation(db, deskId, ref);
  if (!org) throw new ApiError(404, 'not_found', 'No such organisation.');
  return org;
}
