import { createRoute, z } from '@hono/zod-openapi';
import {
  TicketDetailSchema,
  TicketListQuerySchema,
  TicketListSchema,
  TicketPatchSchema,
} from '../../shared/agent-schema';
import { ErrorBodySchema } from '../../shared/schema';
import type { Agent } from '../app-env';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Db } from '../db/client';
import { findOrganisations } from '../db/desks';
import { findTicketSummary, listTickets } from '../db/ticket-list';
import { findTicket, ticketHistory } from '../db/tickets';
import { ApiError, notFound } from '../errors';
import { agentAuth } from '../middleware/agent-auth';
import { applyTicketChange } from '../tickets/apply-patch';
import { toTicketDetail, toTicketSummary } from '../tickets/view';
import { timed } from '../timing';
import { createApi } from '../validation';

/** Agent routes on tickets: list, detail, patch (mounted at /v1/tickets; bearer agent token). */
export const agentTickets = createApi();

const security = [{ agentToken: [] }];
const errors = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBodySchema } } },
  401: {
    description: 'Missing, unknown or revoked agent token',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
  404: {
    description: 'No such ticket in this desk',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
} as const;
const IdParam = z.object({ id: z.string().min(1).max(100) });

/** `me`, `none` or an agent id → the filter's agent id (null = unassigned). */
function assigneeFilter(ref: string | undefined, agent: Agent): string | null | undefined {
  if (ref === undefined) return undefined;
  if (ref === 'me') return agent.id;
  return ref === 'none' ? null : ref;
}

agentTickets.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/',
    summary:
      'The desk’s queue across organisations (agents): filters, search, sort by due or created time, cursor pagination',
    security,
    middleware: [agentAuth] as const,
    request: { query: TicketListQuerySchema },
    responses: {
      200: {
        description: 'A page of tickets',
        content: { 'application/json': { schema: TicketListSchema } },
      },
      400: errors[400],
      401: errors[401],
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const now = Date.now();
    const db = c.var.db;
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (after === null || (after && after.sort !== q.sort)) {
      throw new ApiError(
        400,
        'invalid_cursor',
        'This cursor is not valid for this list (sort order changed?).',
      );
    }
    const organisationIds = q.organisation
      ? (await findOrganisations(db, c.var.desk.id, q.organisation)).map((o) => o.id)
      : undefined;
    const rows = await timed(
      c,
      'db',
      listTickets(db, {
        deskId: c.var.desk.id,
        status: q.status,
        severity: q.severity,
        sla: q.sla,
        organisationIds,
        assigneeId: assigneeFilter(q.assignee, c.var.agent),
        team: q.team,
        waitingOn: q.waiting,
        q: q.q,
        sort: q.sort,
        limit: q.limit,
        after,
        now,
      }),
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > q.limit && last
        ? encodeCursor({
            sort: q.sort,
            key: q.sort === 'due' ? last.firstResponseDueAt : last.createdAt,
            id: last.id,
          })
        : null;
    return c.json({ tickets: page.map((t) => toTicketSummary(t, now)), nextCursor }, 200);
  },
);

/** The detail view of a ticket of the desk (404 for another desk's). */
async function ticketDetail(db: Db, deskId: string, id: string, now: number) {
  const [ticket, summary] = await Promise.all([
    findTicket(db, deskId, id),
    findTicketSummary(db, deskId, id),
  ]);
  if (!ticket || !summary) throw notFound('ticket');
  const { events, messages } = await ticketHistory(db, ticket.id);
  return toTicketDetail(summary, ticket, events, messages, now);
}

agentTickets.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/{id}',
    summary: 'A ticket with its organisation, audit trail and messages (agents)',
    security,
    middleware: [agentAuth] as const,
    request: { params: IdParam },
    responses: {
      200: { description: 'The ticket', content: { 'application/json': { schema: TicketDetailSchema } } },
      401: errors[401],
      404: errors[404],
    },
  }),
  async (c) => c.json(await ticketDetail(c.var.db, c.var.desk.id, c.req.valid('param').id, Date.now()), 200),
);

agentTickets.openapi(
  createRoute({
    method: 'patch',
    tags: ['agents'],
    path: '/{id}',
    summary:
      'Change severity (with a reason; due time recomputed), status, assignee (an agent of the desk) or organisation; each change is audited',
    security,
    middleware: [agentAuth] as const,
    request: {
      params: IdParam,
      body: { required: true, content: { 'application/json': { schema: TicketPatchSchema } } },
    },
    responses: {
      200: {
        description: 'The updated ticket',
        content: { 'application/json': { schema: TicketDetailSchema } },
      },
      400: errors[400],
      401: errors[401],
      404: errors[404],
    },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const id = await applyTicketChange(db, {
      desk: c.var.desk,
      agent: c.var.agent,
      ticketId: c.req.valid('param').id,
      change: c.req.valid('json'),
      now,
    });
    return c.json(await ticketDetail(db, c.var.desk.id, id, now), 200);
  },
);
