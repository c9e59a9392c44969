import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import {
  TicketDetailSchema,
  TicketListQuerySchema,
  TicketListSchema,
  TicketPatchSchema,
} from '../../shared/agent-schema';
import { ErrorBodySchema } from '../../shared/schema';
import { decodeCursor, encodeCursor } from '../cursor';
import { findTicket, listTickets, ticketHistory } from '../db/agent-queries';
import { getDb } from '../db/client';
import { ticketEvents, tickets } from '../db/schema';
import { ApiError, notFound } from '../errors';
import { agentAuth } from '../middleware/agent-auth';
import { tenantCoverage } from '../tenant-coverage';
import { planTicketPatch } from '../ticket-patch';
import { toTicketDetail, toTicketSummary } from '../ticket-view';
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
    description: 'No such ticket in this tenant',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
} as const;
const IdParam = z.object({ id: z.string().min(1).max(100) });

agentTickets.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/',
    summary: 'List tickets (agents): filters, sort by due or created time, cursor pagination',
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
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (after === null || (after && after.sort !== q.sort)) {
      throw new ApiError(
        400,
        'invalid_cursor',
        'This cursor is not valid for this list (sort order changed?).',
      );
    }
    const rows = await timed(
      c,
      'db',
      listTickets(getDb(c.env.DB), {
        tenantId: c.var.tenant.id,
        status: q.status,
        severity: q.severity,
        sla: q.sla,
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

agentTickets.openapi(
  createRoute({
    method: 'get',
    tags: ['agents'],
    path: '/{id}',
    summary: 'A ticket with its audit trail and messages (agents)',
    security,
    middleware: [agentAuth] as const,
    request: { params: IdParam },
    responses: {
      200: { description: 'The ticket', content: { 'application/json': { schema: TicketDetailSchema } } },
      401: errors[401],
      404: errors[404],
    },
  }),
  async (c) => {
    const db = getDb(c.env.DB);
    const ticket = await findTicket(db, c.var.tenant.id, c.req.valid('param').id);
    if (!ticket) throw notFound('ticket');
    const { events, messages } = await ticketHistory(db, ticket.id);
    return c.json(toTicketDetail(ticket, events, messages, Date.now()), 200);
  },
);

agentTickets.openapi(
  createRoute({
    method: 'patch',
    tags: ['agents'],
    path: '/{id}',
    summary:
      'Change severity (with a reason; due time recomputed), status or assignee; each change is audited',
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
    const db = getDb(c.env.DB);
    const now = Date.now();
    const ticket = await findTicket(db, c.var.tenant.id, c.req.valid('param').id);
    if (!ticket) throw notFound('ticket');
    const { coverage } = await tenantCoverage(db, c.var.tenant, now);
    const plan = planTicketPatch(ticket, c.req.valid('json'), coverage);
    if (plan.events.length > 0) {
      const actor = `agent:${c.var.agent.name}`;
      await db.batch([
        db
          .update(tickets)
          .set({ ...plan.set, updatedAt: now })
          .where(and(eq(tickets.id, ticket.id), eq(tickets.tenantId, ticket.tenantId))),
        ...plan.events.map((e) =>
          db.insert(ticketEvents).values({
            id: crypto.randomUUID(),
            ticketId: ticket.id,
            tenantId: ticket.tenantId,
            type: e.type,
            actor,
            data: e.data,
            createdAt: now,
          }),
        ),
      ]);
    }
    const updated = (await findTicket(db, ticket.tenantId, ticket.id)) ?? ticket;
    const { events, messages } = await ticketHistory(db, ticket.id);
    return c.json(toTicketDetail(updated, events, messages, now), 200);
  },
);
