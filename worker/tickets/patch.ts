import type { Severity, Status } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import { ticketClock } from '../../shared/ticket-clock';
import type { Organisation, Ticket } from '../db/schema';
import { ApiError } from '../errors';
import { iso } from './view';

/** What an agent asked to change, with references already resolved (assignee id, organisation row). */
export type TicketPatch = {
  severity?: Severity;
  reason?: string;
  status?: Status;
  /** An agent id of the desk, or null to unassign. */
  assigneeId?: string | null;
  /** The organisation the request belongs to, with its coverage (for a ticket filed unverified). */
  organisation?: { row: Organisation; coverage: Coverage };
  /** The ticket's flags as they should be (needs a reason when it changes them). */
  flags?: string[];
  /** Whether the request is within standard support (needs a reason when it changes). */
  inScope?: boolean;
};

/** The column changes and audit events a patch amounts to (nothing when it changes nothing). */
export type PatchPlan = {
  set: Partial<
    Pick<
      Ticket,
      | 'severity'
      | 'status'
      | 'assigneeId'
      | 'organisationId'
      | 'flags'
      | 'inScope'
      | 'clockStartsAt'
      | 'firstResponseDueAt'
      | 'atRiskAt'
      | 'slaNotified'
    >
  >;
  events: { type: string; data: Record<string, unknown> }[];
};

const reasonRequired = (what: string) =>
  new ApiError(400, 'reason_required', `${what} needs a reason.`, [
    { path: 'reason', message: `required when ${what.toLowerCase()}` },
  ]);

/**
 * Plans a PATCH. A severity change needs a reason and recomputes the due time and at-risk instant from
 * when the customer reported it; setting the organisation of a ticket filed without a verified one moves
 * it onto that organisation's coverage (while unanswered) and drops `organisation_unverified`. Either way
 * the SLA announcement state restarts, so the cron announces the new due time.
 */
export function planTicketPatch(t: Ticket, patch: TicketPatch, cov: Coverage): PatchPlan {
  const plan: PatchPlan = { set: {}, events: [] };
  const org = patch.organisation;
  const orgChanges = org !== undefined && org.row.id !== t.organisationId;
  if (orgChanges && !patch.reason) throw reasonRequired('A change of organisation');
  const severity = patch.severity ?? (t.severity as Severity);
  const sevChanges = patch.severity !== undefined && patch.severity !== t.severity;
  if (sevChanges && !patch.reason) throw reasonRequired('A severity change');
  if (orgChanges) {
    plan.set.organisationId = org.row.id;
    plan.set.flags = t.flags.filter((f) => f !== 'organisation_unverified');
    plan.events.push({
      type: 'organisation_changed',
      data: { from: t.organisationId, to: org.row.id, reason: patch.reason },
    });
  }
  // A first response already given is a fact; only an open clock moves to the new rules.
  if ((sevChanges || orgChanges) && t.firstResponseAt === null) {
    const due = ticketClock(orgChanges ? org.coverage : cov, severity, t.receivedAt);
    Object.assign(plan.set, {
      clockStartsAt: due.clockStartsAt,
      firstResponseDueAt: due.dueAt,
      atRiskAt: due.atRiskAt,
      slaNotified: 'on_track',
    });
    if (due.dueAt !== t.firstResponseDueAt) {
      plan.events.push({
        type: 'due_changed',
        data: { from: iso(t.firstResponseDueAt), to: iso(due.dueAt), reason: patch.reason },
      });
    }
  }
  if (sevChanges) {
    plan.set.severity = severity;
    plan.events.push({
      type: 'severity_changed',
      data: {
        from: t.severity,
        to: severity,
        reason: patch.reason,
        firstResponseDueAt: {
          from: iso(t.firstResponseDueAt),
          to: iso(plan.set.firstResponseDueAt ?? t.firstResponseDueAt),
        },
      },
    });
  }
  // Flags and scope are the agent's call once a person has read the request; each change says why.
  const flagsNow = plan.set.flags ?? t.flags;
  const flags = patch.flags === undefined ? undefined : [...new Set(patch.flags)].sort();
  const flagsChange = flags !== undefined && flags.join() !== [...flagsNow].sort().join();
  const scopeChange = patch.inScope !== undefined && patch.inScope !== t.inScope;
  if ((flagsChange || scopeChange) && !patch.reason) throw reasonRequired('A change of flags or scope');
  if (flagsChange) {
    plan.set.flags = flags;
    plan.events.push({ type: 'flags_changed', data: { from: flagsNow, to: flags, reason: patch.reason } });
  }
  if (scopeChange) {
    plan.set.inScope = patch.inScope;
    plan.events.push({
      type: 'scope_changed',
      data: { from: t.inScope, to: patch.inScope, reason: patch.reason },
    });
  }
  if (patch.status !== undefined && patch.status !== t.status) {
    plan.set.status = patch.status;
    plan.events.push({ type: 'status_changed', data: { from: t.status, to: patch.status } });
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== t.assigneeId) {
    plan.set.assigneeId = patch.assigneeId;
    plan.events.push({ type: 'assignee_changed', data: { from: t.assigneeId, to: patch.assigneeId } });
  }
  return plan;
}
