import type { Severity, Status } from '../shared/schema';
import type { Coverage } from '../shared/targets';
import type { Ticket } from './db/schema';
import { ApiError } from './errors';
import { ticketClock } from './sla-sql';
import { iso } from './ticket-view';

/** What an agent asked to change. */
export type TicketPatch = { severity?: Severity; reason?: string; status?: Status; assignee?: string | null };

/** The column changes and audit events a patch amounts to (nothing when it changes nothing). */
export type PatchPlan = {
  set: Partial<
    Pick<
      Ticket,
      'severity' | 'status' | 'assignee' | 'clockStartsAt' | 'firstResponseDueAt' | 'atRiskAt' | 'slaNotified'
    >
  >;
  events: { type: string; data: Record<string, unknown> }[];
};

/**
 * Plans a PATCH: a severity change needs a reason and recomputes the due time and at-risk instant from
 * the ticket's creation time; the SLA announcement state restarts, so the cron announces the new due time.
 */
export function planTicketPatch(t: Ticket, patch: TicketPatch, cov: Coverage): PatchPlan {
  const plan: PatchPlan = { set: {}, events: [] };
  if (patch.severity !== undefined && patch.severity !== t.severity) {
    if (!patch.reason) {
      throw new ApiError(400, 'reason_required', 'A severity change needs a reason.', [
        { path: 'reason', message: 'required when severity changes' },
      ]);
    }
    const due = ticketClock(cov, patch.severity, t.createdAt);
    plan.set = {
      severity: patch.severity,
      clockStartsAt: due.clockStartsAt,
      firstResponseDueAt: due.dueAt,
      atRiskAt: due.atRiskAt,
      slaNotified: 'on_track',
    };
    plan.events.push({
      type: 'severity_changed',
      data: {
        from: t.severity,
        to: patch.severity,
        reason: patch.reason,
        firstResponseDueAt: { from: iso(t.firstResponseDueAt), to: iso(due.dueAt) },
      },
    });
  }
  if (patch.status !== undefined && patch.status !== t.status) {
    plan.set.status = patch.status;
    plan.events.push({ type: 'status_changed', data: { from: t.status, to: patch.status } });
  }
  if (patch.assignee !== undefined && patch.assignee !== t.assignee) {
    plan.set.assignee = patch.assignee;
    plan.events.push({ type: 'assignee_changed', data: { from: t.assignee, to: patch.assignee } });
  }
  return plan;
}
