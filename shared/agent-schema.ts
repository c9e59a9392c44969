import { z } from 'zod';
import { AttachmentSummarySchema } from './conversation-schema';
import {
  FlagSchema,
  LocaleSchema,
  PERSONAL_DATA_ISSUE,
  personalDataOnlyOnSecurityIncidents,
  RequestFields,
  SeveritySchema,
  SlaStateSchema,
  StatusSchema,
} from './schema';
import { SCOPE_FLAGS } from './scope';
import { safeText } from './text';

/**
 * Wire schemas of the agents' API (list, detail, patch, messages, escalations, SLA report).
 * Times are ISO 8601 UTC strings.
 */

const iso = z.iso.datetime();
/** Trimmed text of at most `max` characters; control characters other than tab and line breaks refused (400). */
const text = (max: number) => safeText(max);
/** The same on one line: subjects, names and identifiers take no line break either. */
const _line = (max: number) => safeText(max, { multiline: false });

/** `a,b,c` in a query string → its parts. */
const csv = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean));

/** Guide section 6: the desk's teams (support plus the four escalation teams). */
export const TeamSchema = z.enum(['support', 'engineering', 'product', 'infrastructure', 'security']);
export type Team = z.infer<typeof TeamSchema>;

/** Agent roles: `lead` may downgrade a security incident; `admin` manages the desk. */
export const AgentRoleSchema = z.enum(['agent', 'lead', 'admin']);

/** An agent id, or `me` / `none` in filters. */
const agentRef = z.string().min(1).max(100);

/** GET /v1/tickets query: every organisation of the agent's desk. */
export const TicketListQuerySchema = z.strictObject({
  status: csv.pipe(z.array(StatusSchema).min(1).max(5)).optional(),
  severity: csv.pipe(z.array(z.string().transform(Number).pipe(SeveritySchema)).min(1).max(4)).optional(),
  /**
   * One or several SLA states, comma-separated, over every clock (the clock due next decides: first
   * response, next response or resolution; `paused` when a clock with a target waits on the customer).
   */
  sla: csv.pipe(z.array(SlaStateSchema).min(1).max(5)).optional(),
  /** Organisation slugs or ids, comma-separated. */
  organisation: csv.pipe(z.array(z.string().min(1).max(100)).min(1).max(50)).optional(),
  /** `me`, `none` or an agent id. */
  assignee: agentRef.optional(),
  /** Tickets escalated to this team. */
  team: z.enum(['engineering', 'product', 'infrastructure', 'security']).optional(),
  /** `us`: the customer wrote last and waits for the desk; `customer`: the desk wrote last. */
  waiting: z.enum(['us', 'customer']).optional(),
  /**
   * Tickets with a recorded breach (the append-only SLA record) of this clock, or of `any` clock: the
   * history, where `sla=` is the state now.
   */
  breach: z.enum(['first_response', 'next_response', 'resolution', 'any']).optional(),
  /** Full-text search of subject and description (words, prefix with `*`). */
  q: z.string().trim().min(1).max(200).optional(),
  /** `due`: by the due time of the clock due next (`slaDueAt`; tickets with nothing running last). */
  sort: z.enum(['due', 'created']).default('due'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

/** One row of a ticket list. */
export const TicketSummarySchema = z.object({
  id: z.string(),
  /** Per-desk number ("#1234"). */
  number: z.number().int(),
  /** The per-organisation number of a ticket created before the desk model. */
  legacyNumber: z.number().int().nullable(),
  /** Null while the organisation is unverified (flag `organisation_unverified`). */
  organisation: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  channel: z.string(),
  subject: z.string(),
  category: z.string(),
  severity: SeveritySchema,
  severityRule: z.string(),
  status: StatusSchema,
  flags: z.array(FlagSchema.or(z.string())),
  inScope: z.boolean(),
  contact: z.object({ name: z.string(), email: z.string() }),
  /** The assigned agent's id. */
  assignee: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** `us`: the customer wrote last; `customer`: the desk did. */
  waitingOn: z.enum(['us', 'customer']),
  /**
   * The ticket's SLA state over every clock (shared/sla-summary.ts): the state of the clock due next
   * (on_track, at_risk, breached), or when none runs: paused (waiting on the customer), breached or met.
   */
  sla: SlaStateSchema,
  /** The clock due next (null when none runs) and its due time: the queue's due order. */
  slaClock: z.enum(['first_response', 'next_response', 'resolution']).nullable(),
  slaDueAt: iso.nullable(),
  /** When the customer reported it (for agent-logged requests, the `receivedAt` given). */
  receivedAt: iso,
  clockStartsAt: iso,
  firstResponseDueAt: iso,
  atRiskAt: iso,
  firstResponseAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

export const TicketListSchema = z.object({
  tickets: z.array(TicketSummarySchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const TicketEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  actor: z.string(),
  /** The agent behind an `agent:` actor. */
  agentId: z.string().nullable(),
  data: z.unknown(),
  createdAt: iso,
});

export const MessageSchema = z.object({
  id: z.string(),
  authorType: z.enum(['agent', 'customer', 'system']),
  author: z.string(),
  body: z.string(),
  public: z.boolean(),
  channel: z.enum(['widget', 'email', 'api']),
  createdAt: iso,
  /** Files the message carries (absent when none). */
  attachments: z.array(AttachmentSummarySchema).optional(),
});
export type MessageView = z.infer<typeof MessageSchema>;

/** Business minutes per severity (JSON keys '1'..'4'). */
const SeverityMinutesViewSchema = z.record(z.string(), z.number());

/** The policy a ticket is measured against (issue 10), as recorded at intake. */
export const PolicyViewSchema = z.object({
  /** Guide version in force at receipt (e.g. `2026-01-02`). */
  guideVersion: z.string().nullable(),
  /** The order form's version (content hash) at intake; null for tickets opened before it was recorded. */
  coverageVersion: z.string().nullable(),
  targets: z.object({
    firstResponse: SeverityMinutesViewSchema,
    nextResponse: SeverityMinutesViewSchema.optional(),
    resolution: SeverityMinutesViewSchema.optional(),
  }),
  /** False for a ticket opened before the policy was recorded: today's order form is shown instead. */
  recorded: z.boolean(),
});

/** One clock of a ticket (shared/clocks.ts), times as ISO strings, minutes in business time. */
export const ClockViewSchema = z.object({
  kind: z.enum(['first_response', 'next_response', 'resolution']),
  cycle: z.number().int(),
  state: z.enum(['running', 'paused', 'met', 'breached']),
  startedAt: iso,
  /** When counting began: `startedAt` within the calendar's hours, else the next opening (a request at night counts from the morning). */
  countsFrom: iso,
  /** Running to a target: from when less than 25% of it is left; otherwise null. */
  atRiskAt: iso.nullable(),
  dueAt: iso.nullable(),
  stoppedAt: iso.nullable(),
  stoppedBy: z.enum(['agent_reply', 'resolved', 'closed']).nullable(),
  breachedAt: iso.nullable(),
  /** The severity and target in force at the breach; never changed afterwards. */
  breach: z.object({ severity: SeveritySchema, businessMinutes: z.number() }).nullable(),
  severity: SeveritySchema,
  businessMinutes: z.number().nullable(),
  elapsedMinutes: z.number(),
  pausedMinutes: z.number(),
});

/** GET /v1/tickets/{id}. */
export const TicketDetailSchema = TicketSummarySchema.extend({
  /** Guide section 11: personal data involved, and the 72-hour wall-clock notification deadline. */
  personalData: z.boolean(),
  notificationDeadlineAt: iso.nullable(),
  /**
   * The ticket's SLA: `state` is the first-response state the list shows as `sla`; `policy` the one in
   * force at receipt; `clocks` every clock on it (issue 10).
   */
  sla: z.object({ state: SlaStateSchema, policy: PolicyViewSchema, clocks: z.array(ClockViewSchema) }),
  description: z.string(),
  steps: z.string().nullable(),
  expected: z.string().nullable(),
  impact: z.object({ affected: z.string().nullable(), workaround: z.string().nullable() }),
  servicesKind: z.string().nullable(),
  contactVerified: z.boolean(),
  contactAuthorised: z.boolean(),
  userId: z.string().nullable(),
  environment: z.unknown(),
  context: z.unknown(),
  locale: z.string().nullable(),
  events: z.array(TicketEventSchema),
  messages: z.array(MessageSchema),
});

/** The exclusion flags agents set and clear (shared/scope.ts SCOPE_FLAGS). */
export const ScopeFlagSchema = z.enum(SCOPE_FLAGS);

/** PATCH /v1/tickets/{id}: a severity change, an organisation change and a flag change need a reason. */
export const TicketPatchSchema = z
  .strictObject({
    /** Exclusion flags to set and to clear (needs `reason`); `inScope` follows. */
    flags: z
      .strictObject({
        add: z.array(ScopeFlagSchema).max(7).optional(),
        remove: z.array(ScopeFlagSchema).max(7).optional(),
      })
      .refine((f) => (f.add?.length ?? 0) + (f.remove?.length ?? 0) > 0, { message: 'add or remove a flag' })
      .refine((f) => !f.add?.some((x) => f.remove?.includes(x)), {
        message: 'a flag cannot be added and removed at once',
      })
      .optional(),
    severity: SeveritySchema.optional(),
    reason: text(1000).min(1).optional(),
    status: StatusSchema.optional(),
    /** An agent id of the desk, `me`, or null to unassign. */
    assignee: agentRef.nullable().optional(),
    /** Organisation slug or id: for a request filed without a verified organisation (needs a reason). */
    organisation: z.string().min(1).max(100).optional(),
  })
  .refine(
    (b) =>
      b.severity !== undefined ||
      b.status !== undefined ||
      b.assignee !== undefined ||
      b.organisation !== undefined ||
      b.flags !== undefined,
    { message: 'change at least one of severity, status, assignee, organisation, flags' },
  )
  .refine((b) => b.flags === undefined || b.reason !== undefined, {
    message: 'required when flags change',
    path: ['reason'],
  });

/** POST /v1/tickets/{id}/messages. `public: false` is an internal note (agents only). */
export const MessageCreateSchema = z.strictObject({
  body: text(10_000).min(1),
  public: z.boolean().default(true),
  /** Ids from `POST /v1/tickets/{id}/attachments` by the same uploader, not yet on a message. */
  attachments: z.array(z.string().min(1).max(100)).min(1).max(10).optional(),
});

/** Guide section 6: where an escalation goes. */
export const EscalationTeamSchema = z.enum(['engineering', 'product', 'infrastructure', 'security']);

export const EscalationCreateSchema = z.strictObject({ team: EscalationTeamSchema, note: text(2000).min(1) });

export const EscalationSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  team: EscalationTeamSchema,
  note: z.string(),
  actor: z.string(),
  createdAt: iso,
});

/** GET /v1/reports/sla query: the range filters on ticket creation time, [from, to). */
export const SlaReportQuerySchema = z.strictObject({
  from: iso,
  to: iso,
  /** One organisation (slug or id); all of the desk's by default. */
  organisation: z.string().min(1).max(100).optional(),
});

const SeverityReportSchema = z.object({
  severity: SeveritySchema,
  targetBusinessMinutes: z.number(),
  tickets: z.number().int(),
  firstResponses: z.object({ met: z.number().int(), breached: z.number().int() }),
  /** Not answered yet; `pendingBreached` of them are already past due. */
  pending: z.number().int(),
  pendingBreached: z.number().int(),
  businessMinutesToFirstResponse: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
});

export const SlaReportSchema = z.object({
  from: iso,
  to: iso,
  basis: z.literal('created_at'),
  severities: z.array(SeverityReportSchema),
  warnings: z.array(z.string()),
});
export type SlaReport = z.infer<typeof SlaReportSchema>;

/** How far back an agent may log a request's `receivedAt`. */
export const MAX_RECEIVED_AGE_MS = 7 * 86_400_000;

/** POST /v1/tickets with an agent's token: a request that reached the desk on another channel (section 3). */
export const AgentTicketCreateSchema = z
  .strictObject({
    /** Organisation slug or id. */
    organisation: z.string().min(1).max(100),
    channel: z.enum(['phone', 'chat', 'other']),
    ...RequestFields,
    /** When the customer reported it; the clock starts then. At most 7 days back, not in the future. */
    receivedAt: iso,
  })
  .refine(personalDataOnlyOnSecurityIncidents, PERSONAL_DATA_ISSUE)
  .superRefine((b, ctx) => {
    const at = Date.parse(b.receivedAt);
    const now = Date.now();
    // A minute of tolerance for the agent's clock.
    if (at > now + 60_000)
      ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: 'must not be in the future' });
    if (at < now - MAX_RECEIVED_AGE_MS) {
      ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: 'must be at most 7 days back' });
    }
  });
export type AgentTicketCreate = z.infer<typeof AgentTicketCreateSchema>;

/** GET /v1/organisations: the desk's organisations. */
export const OrganisationListSchema = z.object({
  organisations: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      locale: LocaleSchema,
      /** Per severity: business minutes of the first-response target and whether it runs 24x7 or on its own calendar. */
      coverage: z.array(
        z.object({ severity: SeveritySchema, businessMinutes: z.number(), ownCalendar: z.boolean() }),
      ),
      successContact: z.object({ name: z.string().nullable(), email: z.string() }).nullable(),
      openTickets: z.number().int(),
    }),
  ),
});

/** GET /v1/agents: who can be assigned. */
export const AgentListSchema = z.object({
  agents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      role: AgentRoleSchema,
      teams: z.array(TeamSchema),
    }),
  ),
});

/** GET /v1/reports/service-review query: tickets received in [from, to); `format=csv` for a spreadsheet. */
export const ServiceReviewQuerySchema = z.strictObject({
  from: iso,
  to: iso,
  /** One organisation (slug or id); all of the desk's by default. */
  organisation: z.string().min(1).max(100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

const nullableMinutes = z.number().nullable();

/** GET /v1/reports/service-review (guide section 8). Minutes are business minutes. */
export const ServiceReviewSchema = z.object({
  from: iso,
  to: iso,
  basis: z.literal('received_at'),
  generatedAt: iso,
  organisation: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  severities: z.array(
    z.object({
      severity: SeveritySchema,
      tickets: z.number().int(),
      /** `breached` counts by the severity at the breach (from the recorded breaches), `met` by today's. */
      firstResponses: z.object({
        met: z.number().int(),
        breached: z.number().int(),
        pending: z.number().int(),
      }),
      closedWithoutReply: z.number().int(),
      businessMinutesToFirstResponse: z.object({ median: nullableMinutes, p90: nullableMinutes }),
      resolution: z.object({
        resolved: z.number().int(),
        businessMinutesMedian: nullableMinutes,
        businessMinutesP90: nullableMinutes,
      }),
      pausedOnCustomerMinutes: z.number(),
      escalations: z.record(z.string(), z.number().int()),
    }),
  ),
  /** Tickets resolved or closed before anyone answered and before their first response was due: not breaches. */
  closedWithoutReply: z.object({ tickets: z.number().int(), numbers: z.array(z.number().int()) }),
  breaches: z.array(
    z.object({
      ticketId: z.string(),
      number: z.number().int(),
      subject: z.string(),
      clock: z.enum(['first_response', 'next_response', 'resolution']),
      cycle: z.number().int(),
      severity: SeveritySchema,
      targetBusinessMinutes: z.number(),
      dueAt: iso,
      breachedAt: iso,
      lateBusinessMinutes: nullableMinutes,
      stillRunning: z.boolean(),
    }),
  ),
  warnings: z.array(z.string()),
});
