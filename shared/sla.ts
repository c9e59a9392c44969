import { businessMinutesBetween } from './calendar';
import type { Severity, SlaState } from './schema';
import type { Coverage } from './targets';

/** The fields of a ticket the SLA rules read. */
export type SlaTicket = {
  severity: Severity;
  createdAt: number;
  dueAt: number;
  firstResponseAt?: number | null;
  /** The target the due time was computed with; defaults to the coverage's current target. */
  businessMinutes?: number;
};

/** Share of the target below which an unanswered ticket is at risk. */
export const AT_RISK_SHARE = 0.25;

/**
 * SLA state at `now`: met (first response at or before due), breached (responded late, or no
 * response and now >= due), at_risk (fewer than 25% of the target's business minutes left), on_track.
 */
export function slaState(cov: Coverage, t: SlaTicket, now: number): SlaState {
  if (t.firstResponseAt != null) return t.firstResponseAt <= t.dueAt ? 'met' : 'breached';
  if (now >= t.dueAt) return 'breached';
  const target = cov.targets[t.severity];
  const left = businessMinutesBetween(target.calendar, now, t.dueAt);
  return left < AT_RISK_SHARE * (t.businessMinutes ?? target.businessMinutes) ? 'at_risk' : 'on_track';
}

/** Business minutes from creation to first response on the severity's calendar; null if unanswered. */
export function businessMinutesToFirstResponse(
  cov: Coverage,
  t: Pick<SlaTicket, 'severity' | 'createdAt' | 'firstResponseAt'>,
): number | null {
  if (t.firstResponseAt == null) return null;
  return businessMinutesBetween(cov.targets[t.severity].calendar, t.createdAt, t.firstResponseAt);
}

/** Median and 90th percentile (nearest rank) of a list of minutes; null values when empty. */
export function summarizeMinutes(values: number[]): {
  count: number;
  median: number | null;
  p90: number | null;
} {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
  return { count: sorted.length, median: rank(0.5), p90: rank(0.9) };
}
