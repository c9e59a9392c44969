import { z } from 'zod';
import { SeveritySchema, StatusSchema } from '../../shared/schema';
import type { Agent } from '../app-env';
import type { TicketListQuery } from '../db/ticket-list';

/** The queue's saved views, in the order the console lists them. */
export const QUEUE_VIEWS = [
  'all',
  'needs-first-response',
  'customer-replied',
  'at-risk',
  'waiting-customer',
  'mine',
  'escalated',
  'security',
] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** Statuses a queue shows unless a status is chosen: work not yet finished. */
export const OPEN_STATUSES = ['new', 'open', 'pending'] as const;
/** Teams a ticket can be escalated to (support is where the queue already is). */
export const ESCALATION_TEAMS = ['engineering', 'product', 'infrastructure', 'security'] as const;

/** What a view adds to the list query for this agent. */
export function viewFilter(view: QueueView, agent: Agent): Partial<TicketListQuery> {
  switch (view) {
    case 'all':
      return {};
    case 'needs-first-response':
      return { responded: false };
    case 'customer-replied':
      // The customer wrote last after the desk had already answered once.
      return { waitingOn: 'us', responded: true };
    case 'at-risk':
      // Every clock still waiting for its answer: a first response, a customer's follow-up or a resolution
      // target (a ticket answered late once, with nothing due now, is history, not work).
      return { sla: ['at_risk', 'breached'], clockRunning: true };
    case 'waiting-customer':
      return { waitingOn: 'customer' };
    case 'mine':
      return { assigneeId: agent.id };
    case 'escalated':
      return { teams: agent.teams.filter((t) => (ESCALATION_TEAMS as readonly string[]).includes(t)) };
    case 'security':
      return { flag: 'security_incident' };
  }
}

// Each field on its own: a stale or hand-edited value is dropped, not a 400 page.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The queue page's query string: view, filters, search and the keyset cursor. */
export const QueueQuerySchema = z.object({
  view: z.enum(QUEUE_VIEWS).catch('all').default('all'),
  q: optional(z.string().trim().min(1).max(200)),
  organisation: optional(z.string().min(1).max(100)),
  severity: optional(z.coerce.number().pipe(SeveritySchema)),
  status: optional(StatusSchema),
  assignee: optional(z.string().min(1).max(100)),
  team: optional(z.enum(ESCALATION_TEAMS)),
  cursor: optional(z.string().max(200)),
});
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

/** The queue query as a query string (for links that keep the filters), without empty values. */
export function queueSearch(q: Partial<Record<keyof QueueQuery, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== '' && !(k === 'view' && v === 'all')) params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
