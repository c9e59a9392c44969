import { and, gt, gte, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { addBusinessMinutes, isOpen, nextOpening } from '../shared/calendar';
import type { Severity, SlaState } from '../shared/schema';
import { AT_RISK_SHARE } from '../shared/sla';
import { type Coverage, firstResponseDue } from '../shared/targets';
import { tickets } from './db/schema';

/**
 * The stored `at_risk_at` of a ticket: the last instant at which at least 25% of the target is left.
 * When 75% of the target is reached exactly at a closing time, the share left stays at 25% until the
 * next opening, so the instant moves there; with `at_risk_at < now` the SQL then agrees with
 * shared/sla.ts `slaState` at every instant (test/worker/sla-sql.test.ts).
 */
export function atRiskAt(
  cov: Coverage,
  severity: Severity,
  clockStartsAt: number,
  businessMinutes: number,
): number {
  const cal = cov.targets[severity].calendar;
  const t = addBusinessMinutes(cal, clockStartsAt, (1 - AT_RISK_SHARE) * businessMinutes);
  return isOpen(cal, t) ? t : nextOpening(cal, t);
}

/**
 * The stored clock of a ticket of `severity` created at `createdAt`: clock start, first-response due time
 * and `at_risk_at`, as intake (widget and email) and a severity change write them.
 */
export function ticketClock(cov: Coverage, severity: Severity, createdAt: number) {
  const due = firstResponseDue(cov, severity, createdAt);
  return { ...due, atRiskAt: atRiskAt(cov, severity, due.clockStartsAt, due.businessMinutes) };
}

/** The columns the SLA state is derived from, as stored. */
export type SlaRow = { firstResponseAt: number | null; firstResponseDueAt: number; atRiskAt: number };

/** SLA state of a stored ticket at `now`: the TypeScript twin of `slaCondition` (same rule, same columns). */
export function slaStateOfRow(t: SlaRow, now: number): SlaState {
  if (t.firstResponseAt !== null) return t.firstResponseAt <= t.firstResponseDueAt ? 'met' : 'breached';
  if (t.firstResponseDueAt <= now) return 'breached';
  return t.atRiskAt < now ? 'at_risk' : 'on_track';
}

/** SQL condition selecting tickets in an SLA state at `now` (lets lists filter and page in the database). */
export function slaCondition(state: SlaState, now: number): SQL {
  const due = tickets.firstResponseDueAt;
  const responded = tickets.firstResponseAt;
  switch (state) {
    case 'met':
      return and(isNotNull(responded), lte(responded, due)) as SQL;
    case 'breached':
      return or(and(isNotNull(responded), gt(responded, due)), and(isNull(responded), lte(due, now))) as SQL;
    case 'at_risk':
      return and(isNull(responded), gt(due, now), sql`${tickets.atRiskAt} < ${now}`) as SQL;
    case 'on_track':
      return and(isNull(responded), gt(due, now), gte(tickets.atRiskAt, now)) as SQL;
  }
}
