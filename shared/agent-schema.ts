import { z } from 'zod';
import { FlagSchema, SeveritySchema, SlaStateSchema, StatusSchema } from './schema';

/**
 * Wire schemas of the agents' API (list, detail, patch, messages, escalations, SLA report).
 * Times are ISO 8601 UTC strings.
 */

const iso = z.iso.datetime();
const text = (max: number) => z.string().trim().max(max);

/** `a,b,c` in a query string → its parts. */
const csv = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean));

/** GET /v1/tickets query. */
export const TicketListQuerySchema = z.strictObject({
  status: csv.pipe(z.array(StatusSchema).min(1).max(5)).optional(),
  severity: csv.pipe(z.array(z.string().transform(Number).pipe(SeveritySchema)).min(1).max(4)).optional(),
  sla: SlaStateSchema.optional(),
  sort: z.enum(['due', 'created']).default('due'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

/** One row of a ticket list. */
export const TicketSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  channel: z.string(),
  subject: z.string(),
  category: z.string(),
  severity: SeveritySchema,
  severityRule: z.string(),
  status: StatusSchema,
  flags: z.array(FlagSchema.or(z.string())),
  inScope: z.boolean(),
  contact: z.object({ name: z.string(), email: z.string() }),
  assignee: z.string().nullable(),
  sla: SlaStateSchema,
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
});
export type MessageView = z.infer<typeof MessageSchema>;

/** GET /v1/tickets/{id}. */
export const TicketDetailSchema = TicketSummarySchema.extend({
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

/** PATCH /v1/tickets/{id}: a severity change needs a reason. */
export const TicketPatchSchema = z
  .strictObject({
    severity: SeveritySchema.optional(),
    reason: text(1000).min(1).optional(),
    status: StatusSchema.optional(),
    assignee: text(120).min(1).nullable().optional(),
  })
  .refine((b) => b.severity !== undefined || b.status !== undefined || b.assignee !== undefined, {
    message: 'change at least one of severity, status, assignee',
  });

/** POST /v1/tickets/{id}/messages. `public: false` is an internal note (agents only). */
export const MessageCreateSchema = z.strictObject({
  body: text(10_000).min(1),
  public: z.boolean().default(true),
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
export const SlaReportQuerySchema = z.strictObject({ from: iso, to: iso });

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
