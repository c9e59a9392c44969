import type { HolidaySet } from '../../shared/holidays/index';
import { coverageWithTargets } from '../../shared/policy';
import type { Severity } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import { ticketClock } from '../../shared/ticket-clock';
import { compileHolderCoverage, loadHolidaySet } from '../coverage';
import type { Db } from '../db/client';
import { findDesk, findOrganisation } from '../db/desks';
import { dueRecomputeItems, type RecomputeScope, runningClockPage } from '../db/due-recompute';
import type { Ticket } from '../db/schema';

/** Rows read and written per D1 batch while recomputing. */
export const RECOMPUTE_BATCH = 200;

/** What a recompute did: tickets looked at and tickets whose due time (or clock) moved. */
export type RecomputeResult = { examined: number; changed: number };

/**
 * Recomputes the stored first-response clock (start, due, at-risk) of every running clock in `scope`
 * from when the customer reported it, on `set` (pass the freshly merged holidays: the isolate's cache
 * may still hold the old ones) and each ticket's current order form, with the targets recorded on
 * the ticket (a later order form never changes those). Stopped clocks (answered, resolved, closed,
 * already past due) never move. All pages are processed in this call, `RECOMPUTE_BATCH` rows per D1
 * batch: a desk has at most a few thousand open tickets, so the work stays bounded and the answer
 * can say exactly how many moved.
 */
export async function recomputeRunningDueTimes(
  db: Db,
  scope: RecomputeScope,
  w: { set: HolidaySet; reason: string; now: number; clockCheckAt?: number },
): Promise<RecomputeResult> {
  // One compile per order form (compiling is the expensive part), not per ticket.
  const compiled = new Map<string, Coverage | undefined>();
  const coverageFor = async (t: Ticket) => {
    const key = t.organisationId ?? `desk:${t.deskId}`;
    if (!compiled.has(key)) {
      const org = t.organisationId ? await findOrganisation(db, t.deskId, t.organisationId) : undefined;
      const holder = org ?? (await findDesk(db, t.deskId));
      compiled.set(key, holder ? compileHolderCoverage(holder, w.set) : undefined);
    }
    return compiled.get(key);
  };
  const result: RecomputeResult = { examined: 0, changed: 0 };
  let afterId = '';
  for (;;) {
    const page = await runningClockPage(db, scope, w.now, afterId, RECOMPUTE_BATCH);
    const items = [];
    for (const row of page) {
      const t = row.ticket;
      const base = await coverageFor(t);
      if (!base) continue;
      const cov = coverageWithTargets(base, t.policyTargets);
      const due = ticketClock(cov, t.severity as Severity, t.receivedAt);
      const same =
        due.dueAt === t.firstResponseDueAt &&
        due.clockStartsAt === t.clockStartsAt &&
        due.atRiskAt === t.atRiskAt;
      if (same) continue;
      result.changed += 1;
      const clock = { clockStartsAt: due.clockStartsAt, dueAt: due.dueAt, atRiskAt: due.atRiskAt };
      items.push(
        ...dueRecomputeItems(db, row, clock, {
          reason: w.reason,
          clockCheckAt: w.clockCheckAt ?? w.now,
          now: w.now,
        }),
      );
    }
    result.examined += page.length;
    const [first, ...rest] = items;
    if (first) await db.batch([first, ...rest]);
    const last = page.at(-1);
    if (!last || page.length < RECOMPUTE_BATCH) return result;
    afterId = last.ticket.id;
  }
}

const DAY_MS = 86_400_000;

/** The instants a holiday year can affect, with a day's margin for every time zone a coverage may use. */
export function yearSpan(year: number): { from: number; to: number } {
  return { from: Date.UTC(year, 0, 1) - DAY_MS, to: Date.UTC(year + 1, 0, 1) + DAY_MS };
}

/**
 * After an order form was edited (desk or organisation): recomputes the running due times of its
 * tickets when the coverage really changed, else nothing (undefined).
 */
export async function recomputeIfCoverageChanged(
  db: Db,
  scope: RecomputeScope,
  before: unknown,
  after: unknown,
  now: number,
): Promise<RecomputeResult | undefined> {
  if (after === undefined || JSON.stringify(after) === JSON.stringify(before)) return undefined;
  const { set } = await loadHolidaySet(db, now);
  return recomputeRunningDueTimes(db, scope, { set, reason: 'coverage changed', now });
}
