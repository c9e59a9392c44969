import { addBusinessMinutes, isOpen, nextOpening } from './calendar';
import type { Severity, SlaState } from './schema';
import { AT_RISK_SHARE } from './sla';
import { type Coverage, firstResponseDue } from './targets';

/**
 * The stored `at_risk_at` of a ticket: the last instant at which at least 25% of the target is left.
 * When 75% of the target is reached exactly at a closing time, the share left stays at 25% until the
 * next opening, so the instant moves there; with `at_risk_at < now` the SQL (worker/db/sla.ts) then
 * agrees with shared/sla.ts `slaState` at every instant (test/worker/sla-sql.test.ts).
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
 * The stored clock of a ticket of `severity` reported at `receivedAt`: clock start, first-response due
 * time and `at_risk_at`, as every intake channel and a severity change write them.
 */
export function ticketClock(cov: Coverage, severity: Severity, receivedAt: number) {
  const due = firstResponseDue(cov, severity, receivedAt);
  return { ...due, atRiskAt: atRiskAt(cov, severity, due.clockStartsAt, due.businessMinutes) };
}

/** The columns the SLA state is derived from, as stored. */
export type SlaRow = { firstResponseAt: number | null; firstResponseDueAt: number; atRiskAt: number };

/** SLA state of a stored ticket at `now`: the TypeScript twin of worker/db/sla.ts `slaCondition`. */
export function slaStateOfRow(t: SlaRow, now: number): SlaState {
  if (t.firstResponseAt !== null) return t.firstResponseAt <= t.firstResponseDueAt ? 'met' : 'breached';
  if (t.firstResponseDueAt <= now) return 'breached';
  return t.atRiskAt < now ? 'at_risk' : 'on_track';
}
