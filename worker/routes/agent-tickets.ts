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
import { attachmentsOfTicket } from '../db/attachments';
import type { Db } from '../db/client';
import { findOrganisations } from '../db/desks';
import type { Desk } from '../db/schema';
import { findTicketSummary, listTickets } from '../db/ticket-list';
import { findTicket, ticketHistory } from '../db/tickets';
import { ApiError, notFound } from '../errors';
import { idempotencyHashes, OptionalIdempotencyHeaders } from '../idempotency';
import { agentAuth } from '../middleware/agent-auth';
import { limitBody, requireJson } from '../middleware/body-limit';
import { clocksOf, ticketCoverage } from '../tickets/clocks';
import { ticketEtag } from '../tickets/etag';
import { patchTicket } from '../tickets/patch-ticket';
import { toTicketDetail, toTicketSummary } from '../tickets/view';
import { timed } from '../timing';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

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
        breach: q.breach,
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
            key: q.sort === 'due' ? last.slaDueAt : last.createdAt,
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
  const [{ events, messages }, coverage, files] = await Promise.all([
    ticketHistory(db, ticket.id),
    ticketCoverage(db, desk, ticket, now),
    attachmentsOfTicket(db, ticket.id),
  ]);
  const sla = clocksOf({ ticket, events, messages, coverage, now });
  return {
    view: toTicketDetail(summary, ticket, events, messages, sla, now, files),
    version: ticket.version,
  };
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
  async (c) => {
    const { view, version } = await ticketDetail(c.var.db, c.var.desk, c.req.valid('param').id, Date.now());
    c.header('ETag', ticketEtag(version));
    return c.json(view, 200);
  },
);

agentTickets.openapi(
  createRoute({
    method: 'patch',
    tags: ['agents'],
    path: '/{id}',
    summary:
      'Change severity (with a reason; due time recomputed), status, assignee (an agent of the desk), organisation or scope flags (with a reason); each change is audited',
    description:
      'Optimistic concurrency: send the `ETag` of `GET /v1/tickets/{id}` as `If-Match`; when the ticket changed since, ' +
      'the answer is 412 `precondition_failed` and nothing is written. With an `Idempotency-Key` a retry of the same ' +
      'request (same agent, If-Match and body) answers 200 with the ticket and writes nothing; the same key with another ' +
      'request is a 409. Downgrading a security incident needs role `lead` or team `security` (403 otherwise).',
    security,
    middleware: [agentAuth, limitBody, requireJson] as const,
    request: {
      params: IdParam,
      headers: OptionalIdempotencyHeaders.extend({
        'if-match': z.string().min(1).max(200).optional().openapi({
          description: 'The ETag of the ticket as read; the change is applied only if it is still current.',
        }),
      }),
      body: { required: true, content: { 'application/json': { schema: TicketPatchSchema } } },
    },
    responses: {
      200: {
        description: 'The updated ticket',
        content: { 'application/json': { schema: TicketDetailSchema } },
      },
      ...errorResponses(400, 401, 403, 404, 409, 412, 413, 415),
    },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const headers = c.req.valid('header');
    const body = c.req.valid('json');
    const key = headers['idempotency-key'];
    const ifMatch = headers['if-match'];
    const id = c.req.valid('param').id;
    // The agent and the precondition are part of the request: another agent reusing a key is a conflict.
    const hashes =
      key === undefined ? undefined : await idempotencyHashes(key, { agent: c.var.agent.id, ifMatch, body });
    const { replayed } = await patchTicket(db, {
      desk: c.var.desk,
      agent: c.var.agent,
      ticketId: id,
      body,
      ifMatch,
      hashes,
      now,
    });
    const { view, version } = await ticketDetail(db, c.var.desk, id, now);
    c.header('ETag', ticketEtag(version));
    return c.json(view, 200, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  },
);
