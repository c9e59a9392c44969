import { and, gt, gte, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SlaState } from '../../shared/schema';
import { tickets } from './schema';

/**
 * SQL condition selecting tickets in an SLA state at `now` (lets lists filter and page in the
 * database): the twin of shared/ticket-clock.ts `slaStateOfRow`, same rule, same columns.
 */
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
