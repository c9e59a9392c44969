import type { MessageView, TicketSummary } from '../../shared/agent-schema';
import type { TicketClock } from '../../shared/clock-types';
import type { PolicyInForce } from '../../shared/policy';
import type { Flag, Severity, Status } from '../../shared/schema';
import { slaStateOfSummary, summaryDueAt } from '../../shared/sla-summary';
import { isDownloadable, toAttachmentView } from '../attachments/view';
import type { ListedAttachment } from '../db/attachments';
import type { Message, Ticket, TicketEvent } from '../db/schema';
import type { TicketSummaryRow } from '../db/ticket-list';

/** Epoch ms → ISO 8601 UTC. */
export const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** A ticket list row as the API shows it, with its SLA state at `now`. */
export function toTicketSummary(t: TicketSummaryRow, now: number): TicketSummary {
  return {
    id: t.id,
    number: t.number,
    legacyNumber: t.legacyNumber,
    organisation:
      t.organisationId && t.organisationSlug && t.organisationName
        ? { id: t.organisationId, slug: t.organisationSlug, name: t.organisationName }
        : null,
    channel: t.channel,
    subject: t.subject,
    category: t.category,
    severity: t.severity as Severity,
    severityRule: t.severityRule,
    status: t.status as Status,
    flags: t.flags as Flag[],
    inScope: t.inScope,
    contact: { name: t.contactName, email: t.contactEmail },
    assignee: t.assigneeId,
    assigneeName: t.assigneeName,
    waitingOn: t.waitingOn,
    sla: slaStateOfSummary(t, now),
    slaClock: t.slaClock,
    slaDueAt: isoOrNull(summaryDueAt(t)),
    receivedAt: iso(t.receivedAt),
    clockStartsAt: iso(t.clockStartsAt),
    firstResponseDueAt: iso(t.firstResponseDueAt),
    atRiskAt: iso(t.atRiskAt),
    firstResponseAt: isoOrNull(t.firstResponseAt),
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}

/** A message as the API shows it. */
export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    authorType: m.authorType,
    author: m.author,
    body: m.body,
    public: m.public,
    channel: m.channel,
    createdAt: iso(m.createdAt),
  };
}

/** A clock as the API shows it: instants as ISO strings. */
export function toClockView(c: TicketClock) {
  return {
    ...c,
    startedAt: iso(c.startedAt),
    countsFrom: iso(c.countsFrom),
    atRiskAt: isoOrNull(c.atRiskAt),
    dueAt: isoOrNull(c.dueAt),
    stoppedAt: isoOrNull(c.stoppedAt),
    breachedAt: isoOrNull(c.breachedAt),
  };
}

/** A ticket with its audit trail, messages and clocks, as GET /v1/tickets/{id} shows it. */
export function toTicketDetail(
  summary: TicketSummaryRow,
  t: Ticket,
  events: TicketEvent[],
  messages: Message[],
  sla: { policy: PolicyInForce & { recorded: boolean }; clocks: TicketClock[] },
  now: number,
  /** The ticket's files (db/attachments.ts): each message lists its own that can be downloaded. */
  files: ListedAttachment[] = [],
) {
  const base = toTicketSummary(summary, now);
  const filesOf = (m: Message) =>
    files.filter((f) => f.messageId === m.id && isDownloadable(f)).map(toAttachmentView);
  return {
    ...base,
    personalData: t.personalData,
    notificationDeadlineAt: isoOrNull(t.notificationDeadlineAt),
    sla: { state: base.sla, policy: sla.policy, clocks: sla.clocks.map(toClockView) },
    description: t.description,
    steps: t.steps,
    expected: t.expected,
    impact: { affected: t.impactAffected, workaround: t.impactWorkaround },
    servicesKind: t.servicesKind,
    contactVerified: t.contactVerified,
    contactAuthorised: t.contactAuthorised,
    userId: t.userId,
    environment: t.environment,
    context: t.context,
    locale: t.locale,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      actor: e.actor,
      agentId: e.agentId,
      data: e.data,
      createdAt: iso(e.createdAt),
    })),
    messages: messages.map((m) => {
      const attachments = filesOf(m);
      return attachments.length ? { ...toMessageView(m), attachments } : toMessageView(m);
    }),
  };
}
