import type { TicketTimeline, TimelineEntry } from '../../shared/clock-timeline';
import type { TicketClock } from '../../shared/clock-types';
import { ticketClocks } from '../../shared/clocks';
import { guideVersionAt } from '../../shared/guide';
import {
  clockTargetsOf,
  coverageWithTargets,
  type PolicyInForce,
  policyTargetsOf,
} from '../../shared/policy';
import type { Severity, Status } from '../../shared/schema';
import type { Coverage } from '../../shared/targets';
import { coverageOf } from '../coverage';
import type { Db } from '../db/client';
import { findOrganisation } from '../db/desks';
import type { Desk, Message, Ticket, TicketEvent } from '../db/schema';

const isSeverity = (v: unknown): v is Severity => v === 1 || v === 2 || v === 3 || v === 4;
// A literal list, not StatusSchema: this module loads before @hono/zod-openapi extends zod (cron import chain).
const STATUSES: readonly unknown[] = ['new', 'open', 'pending', 'resolved', 'closed'] satisfies Status[];
const isStatus = (v: unknown): v is Status => STATUSES.includes(v);
const dataOf = (e: TicketEvent | undefined) => (e?.data ?? {}) as Record<string, unknown>;

/**
 * A ticket's timeline as shared/clocks.ts reads it, from its stored history: the severity it was
 * received at (the `created` event's, else the first change's `from`), `severity_changed` and
 * `status_changed` events, and public messages (agent replies, customer replies). Internal notes
 * and system messages move no clock. Instants before receipt (never written by the worker) are
 * read as the receipt.
 */
export function ticketTimeline(
  t: Pick<Ticket, 'receivedAt' | 'severity'>,
  events: readonly TicketEvent[],
  messages: readonly Pick<Message, 'authorType' | 'public' | 'createdAt'>[],
): TicketTimeline {
  const at = (ms: number) => Math.max(ms, t.receivedAt);
  const created = events.find((e) => e.type === 'created');
  const firstChange = events.find((e) => e.type === 'severity_changed');
  const initial = [dataOf(created).severity, dataOf(firstChange).from].find(isSeverity);
  const entries: TimelineEntry[] = [];
  for (const e of events) {
    const to = dataOf(e).to;
    if (e.type === 'severity_changed' && isSeverity(to))
      entries.push({ at: at(e.createdAt), kind: 'severity_changed', severity: to });
    if (e.type === 'status_changed' && isStatus(to))
      entries.push({ at: at(e.createdAt), kind: 'status_changed', status: to });
  }
  for (const m of messages) {
    if (!m.public || m.authorType === 'system') continue;
    entries.push({ at: at(m.createdAt), kind: m.authorType === 'agent' ? 'agent_reply' : 'customer_reply' });
  }
  return { receivedAt: t.receivedAt, severity: initial ?? (t.severity as Severity), entries };
}

/**
 * The policy a ticket is measured against: what it recorded at intake, or for a ticket opened before
 * the record existed, the guide version at its receipt and today's order form (`recorded: false`).
 */
export function policyOf(
  t: Pick<Ticket, 'guideVersion' | 'coverageVersion' | 'policyTargets' | 'receivedAt'>,
  cov: Coverage,
): PolicyInForce & { recorded: boolean } {
  if (t.policyTargets) {
    return {
      guideVersion: t.guideVersion,
      coverageVersion: t.coverageVersion,
      targets: t.policyTargets,
      recorded: true,
    };
  }
  return {
    guideVersion: guideVersionAt(t.receivedAt)?.version ?? null,
    coverageVersion: null,
    targets: policyTargetsOf(cov.spec),
    recorded: false,
  };
}

/** What the clocks of one ticket are computed from. */
export type ClockSource = {
  ticket: Ticket;
  events: readonly TicketEvent[];
  messages: readonly Message[];
  /** The coverage of the ticket's organisation (or desk) today: its calendars; targets come from the policy. */
  coverage: Coverage;
  now: number;
};

/** The ticket's clocks at `now` on its recorded policy (shared/clocks.ts over its stored history). */
export function clocksOf(s: ClockSource): {
  policy: PolicyInForce & { recorded: boolean };
  clocks: TicketClock[];
} {
  const policy = policyOf(s.ticket, s.coverage);
  const timeline = ticketTimeline(s.ticket, s.events, s.messages);
  const now = Math.max(s.now, s.ticket.receivedAt);
  const clocks = ticketClocks({
    coverage: coverageWithTargets(s.coverage, policy.targets),
    timeline,
    targets: clockTargetsOf(policy.targets),
    now,
  });
  return { policy, clocks };
}

/** The coverage a ticket's clocks run on: its organisation's order form, or the desk's standard one. */
export async function ticketCoverage(
  db: Db,
  desk: Pick<Desk, 'id' | 'updatedAt' | 'coverage'>,
  t: Pick<Ticket, 'organisationId'>,
  now: number,
): Promise<Coverage> {
  const org = t.organisationId ? await findOrganisation(db, desk.id, t.organisationId) : undefined;
  return (await coverageOf(db, org ?? desk, now)).coverage;
}
