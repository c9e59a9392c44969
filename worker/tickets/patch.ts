import { policyTargetsOf } from '../../shared/policy';
import type { Severity, Status } from '../../shared/schema';
import { applyFlagChange, inScopeOf } from '../../shared/scope';
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
  /** Exclusion flags to set and clear (the schema requires a reason). */
  flags?: { add?: readonly string[]; remove?: readonly string[] };
  /** The organisation the request belongs to, with its coverage (for a ticket filed unverified). */
  organisation?: { row: Organisation; coverage: Coverage; coverageVersion: string };
  /** Who asks: downgrading a security incident needs role `lead` or team `security` (guide section 11). */
  by: { role: string; teams: readonly string[] };
};

/** True when `by` may lower the severity of a security incident: a lead, or a member of the security team. */
export function mayDowngradeSecurityIncident(by: TicketPatch['by']): boolean {
  return by.role === 'lead' || by.teams.includes('security');
}

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
      | 'clockStartsAt'
      | 'firstResponseDueAt'
      | 'atRiskAt'
      | 'slaNotified'
      | 'policyTargets'
      | 'coverageVersion'
      | 'inScope'
    >
  >;
  events: { type: string; data: Record<string, unknown> }[];
};

const reasonRequired = (what: string) =>
  new ApiError(400, 'reason_required', `${what} needs a reason.`, [
    { path: 'reason', message: `required when ${what.toLowerCase()}` },
  ]);

/**
 * Plans a PATCH. A severity change needs a reason and, while the first-response clock runs (unanswered
 * and not yet past due at `now`), recomputes the due time and at-risk instant from when the customer
 * reported it; once breached, the due time it missed stays (a breach is a fact: a downgrade never turns
 * it back to "on track"). Setting the organisation of a ticket filed without a verified one moves
 * it onto that organisation's coverage (while unanswered) and drops `organisation_unverified`. Either way
 * the SLA announcement state restarts, so the cron announces the new due time.
 */
export function planTicketPatch(t: Ticket, patch: TicketPatch, cov: Coverage, now: number): PatchPlan {
  const plan: PatchPlan = { set: {}, events: [] };
  const org = patch.organisation;
  const orgChanges = org !== undefined && org.row.id !== t.organisationId;
  if (orgChanges && !patch.reason) throw reasonRequired('A change of organisation');
  const severity = patch.severity ?? (t.severity as Severity);
  const sevChanges = patch.severity !== undefined && patch.severity !== t.severity;
  if (sevChanges && !patch.reason) throw reasonRequired('A severity change');
  const downgrade = sevChanges && severity > t.severity;
  if (downgrade && t.flags.includes('security_incident') && !mayDowngradeSecurityIncident(patch.by)) {
    throw new ApiError(
      403,
      'forbidden',
      'Downgrading a security incident needs role lead or team security (guide section 11).',
    );
  }
  if (orgChanges) {
    plan.set.organisationId = org.row.id;
    plan.set.flags = t.flags.filter((f) => f !== 'organisation_unverified');
    plan.events.push({
      type: 'organisation_changed',
      data: { from: t.organisationId, to: org.row.id, reason: patch.reason },
    });
  }
  // A first response already given, or a breach already happened, is a fact; only a running clock moves.
  // A ticket resolved or closed unanswered has its clock stopped (shared/clocks.ts keeps it as it
  // stopped); reopening it in the same change runs it again. The cron writes the due of a resumed clock.
  const status = patch.status ?? t.status;
  const running =
    t.firstResponseAt === null && now < t.firstResponseDueAt && status !== 'resolved' && status !== 'closed';
  if ((sevChanges || orgChanges) && running) {
    const due = ticketClock(orgChanges ? org.coverage : cov, severity, t.receivedAt);
    Object.assign(plan.set, {
      clockStartsAt: due.clockStartsAt,
      firstResponseDueAt: due.dueAt,
      atRiskAt: due.atRiskAt,
      slaNotified: 'on_track',
    });
    // Moved onto the organisation's order form: its targets are the policy in force from here on.
    if (orgChanges) {
      plan.set.policyTargets = policyTargetsOf(org.coverage.spec);
      plan.set.coverageVersion = org.coverageVersion;
    }
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
  if (patch.status !== undefined && patch.status !== t.status) {
    plan.set.status = patch.status;
    plan.events.push({ type: 'status_changed', data: { from: t.status, to: patch.status } });
  }
  if (patch.flags) {
    const before = plan.set.flags ?? t.flags;
    const after = applyFlagChange(before, patch.flags);
    const added = after.filter((f) => !before.includes(f));
    const removed = before.filter((f) => !after.includes(f));
    if (added.length + removed.length > 0) {
      const inScope = inScopeOf(after);
      plan.set.flags = after;
      plan.set.inScope = inScope;
      plan.events.push({
        type: 'flags_changed',
        data: { added, removed, reason: patch.reason, inScope: { from: t.inScope, to: inScope } },
      });
    }
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== t.assigneeId) {
    plan.set.assigneeId = patch.assigneeId;
    plan.events.push({ type: 'assignee_changed', data: { from: t.assigneeId, to: patch.assigneeId } });
  }
  return plan;
}
