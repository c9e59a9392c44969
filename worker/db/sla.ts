import { and, eq, gt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SlaState } from '../../shared/schema';
import { NO_DUE } from '../../shared/sla-summary';
import { tickets } from './schema';

/**
 * SQL condition selecting tickets in an SLA state at `now` (lets lists filter and page in the
 * database), over every clock through the stored summary: the twin of shared/sla-summary.ts
 * `slaStateOfSummary`, same rule, same columns.
 */
export function slaCondition(state: SlaState, now: number): SQL {
  const due = tickets.slaDueAt;
  const running = sql`${due} <> ${NO_DUE}`;
  switch (state) {
    case 'on_track':
      return and(running, gt(due, now), sql`${tickets.slaAtRiskAt} >= ${now}`) as SQL;
    case 'at_risk':
      return and(running, gt(due, now), sql`${tickets.slaAtRiskAt} < ${now}`) as SQL;
    case 'breached':
      return or(and(running, lte(due, now)), and(eq(due, NO_DUE), eq(tickets.slaRest, 'breached'))) as SQL;
    case 'met':
    case 'paused':
      return and(eq(due, NO_DUE), eq(tickets.slaRest, state)) as SQL;
  }
}
