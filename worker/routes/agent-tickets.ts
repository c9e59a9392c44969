import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import {
  TicketDetailSchema,
  TicketListQuerySchema,
  TicketListSchema,
  TicketPatchSchema,
} from '../../shared/agent-schema';
import { coverageWithTargets } from '../../shared/policy';
import { ErrorBodySchema } from '../../shared/schema';
import type { Agent } from '../app-env';
import { coverageOf } from '../coverage';
import { decodeCursor, encodeCursor } from '../cursor';
import { findAgent } from '../db/agents';
import type { Db } from '../db/client';
import { findOrganisation, findOrganisations } from '../db/desks';
import { agentActor, eventInsert } from '../db/events';
import { type Desk, tickets } from '../db/schema';
import { findTicketSummary, listTickets } from '../db/ticket-list';
import { findTicket, ticketHistory } from '../db/tickets';
import { ApiError, notFound } from '../errors';
import { agentAuth } from '../middleware/agent-auth';
import { clocksOf, ticketCoverage } from '../tickets/clocks';
import { coverageVersionOf } from '../tickets/open';
import { planTicketPatch } from '../tickets/patch';
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

/** The detail view of a ticket of the desk (404 for another desk's), with its clocks at `now`. */
async function ticketDetail(db: Db, desk: Desk, id: string, now: number) {
  const [ticket, summary] = await Promise.all([
    findTicket(db, desk.id, id),
    findTicketSummary(db, desk.id, id),
  ]);
  if (!ticket || !summary) throw notFound('ticket');
  const [{ events, messages }, coverage] = await Promise.all([
    ticketHistory(db, ticket.id),
    ticketCoverage(db, desk, ticket, now),
  ]);
  const sla = clocksOf({ ticket, events, messages, coverage, now });
  return toTicketDetail(summary, ticket, events, messages, sla, now);
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
  async (c) => c.json(await ticketDetail(c.var.db, c.var.desk, c.req.valid('param').id, Date.now()), 200),
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
    const deskId = c.var.desk.id;
    const body = c.req.valid('json');
    const ticket = await findTicket(db, deskId, c.req.valid('param').id);
    if (!ticket) throw notFound('ticket');
    const assigneeId =
      body.assignee === undefined ? undefined : body.assignee === 'me' ? c.var.agent.id : body.assignee;
    if (assigneeId && !(await findAgent(db, deskId, assigneeId))) {
      throw new ApiError(400, 'validation_failed', 'The request is not valid.', [
        { path: 'assignee', message: 'no such agent in this desk' },
      ]);
    }
    let organisation: Parameters<typeof planTicketPatch>[1]['organisation'];
    if (body.organisation !== undefined) {
      const row = await findOrganisation(db, deskId, body.organisation);
      if (!row) {
        throw new ApiError(400, 'validation_failed', 'The request is not valid.', [
          { path: 'organisation', message: 'no such organisation in this desk' },
        ]);
      }
      const orgCoverage = (await coverageOf(db, row, now)).coverage;
      organisation = { row, coverage: orgCoverage, coverageVersion: await coverageVersionOf(orgCoverage) };
    }
    const current = ticket.organisationId
      ? await findOrganisation(db, deskId, ticket.organisationId)
      : undefined;
    const { coverage } = await coverageOf(db, current ?? c.var.desk, now);
    const plan = planTicketPatch(
      ticket,
      { ...body, assigneeId, organisation, by: c.var.agent },
      coverageWithTargets(coverage, ticket.policyTargets),
      now,
    );
    if (plan.events.length > 0) {
      const by = agentActor(c.var.agent);
      await db.batch([
        db
          .update(tickets)
          // The cron replays the clocks after the change; the version is the view's ETag.
          .set({ ...plan.set, updatedAt: now, clockCheckAt: now, version: sql`${tickets.version} + 1` })
          .where(and(eq(tickets.id, ticket.id), eq(tickets.deskId, deskId))),
        ...plan.events.map((e) => eventInsert(db, ticket, { type: e.type, by, data: e.data }, now)),
      ]);
    }
    return c.json(await ticketDetail(db, c.var.desk, ticket.id, now), 200);
  },
);
