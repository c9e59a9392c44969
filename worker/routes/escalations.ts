import { createRoute, z } from '@hono/zod-openapi';
import { EscalationCreateSchema, EscalationSchema } from '../../shared/agent-schema';
import { agentActor } from '../db/events';
import type { Escalation } from '../db/schema';
import { findTicket } from '../db/tickets';
import { notFound } from '../errors';
import { idempotencyHashes, OptionalIdempotencyHeaders } from '../idempotency';
import { agentAuth } from '../middleware/agent-auth';
import { limitBody, requireJson } from '../middleware/body-limit';
import { escalate } from '../tickets/escalate';
import { iso } from '../tickets/view';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** POST /v1/tickets/{id}/escalations (guide section 6): a row, an audit event and, if configured, a webhook. */
export const escalationRoutes = createApi();

/** An escalation as the API shows it. */
const toEscalationView = (row: Escalation) => ({
  id: row.id,
  ticketId: row.ticketId,
  team: row.team,
  note: row.note,
  actor: row.actor,
  createdAt: iso(row.createdAt),
});

escalationRoutes.openapi(
  createRoute({
    method: 'post',
    tags: ['agents'],
    path: '/{id}/escalations',
    summary: 'Escalate a ticket to engineering, product, infrastructure or security, with a note',
    description:
      'With an `Idempotency-Key` (optional, up to 128 characters; agents’ tools should send one per escalation), a ' +
      'retry with the same key and body returns the same escalation with 200 and writes nothing new (no second event ' +
      'or webhook); the same key with another body (or from another agent) is a 409 `idempotency_conflict`.',
    security: [{ agentToken: [] }],
    middleware: [agentAuth, limitBody, requireJson] as const,
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      headers: OptionalIdempotencyHeaders,
      body: { required: true, content: { 'application/json': { schema: EscalationCreateSchema } } },
    },
    responses: {
      201: { description: 'The escalation', content: { 'application/json': { schema: EscalationSchema } } },
      200: {
        description:
          'Replay of an earlier escalation with the same Idempotency-Key and body: nothing new is written',
        content: { 'application/json': { schema: EscalationSchema } },
      },
      ...errorResponses(400, 401, 404, 409, 413, 415, 503),
    },
  }),
  async (c) => {
    const db = c.var.db;
    const ticket = await findTicket(db, c.var.desk.id, c.req.valid('param').id);
    if (!ticket) throw notFound('ticket');
    const { team, note } = c.req.valid('json');
    const by = agentActor(c.var.agent);
    const key = c.req.valid('header')['idempotency-key'];
    // The actor is part of the request: another agent reusing a key is a conflict, not a replay.
    const hashes =
      key === undefined ? undefined : await idempotencyHashes(key, { actor: by.actor, team, note });
    const written = await escalate(db, { ticket, desk: c.var.desk, team, note, by, hashes, now: Date.now() });
    return c.json(toEscalationView(written.value), written.replayed ? 200 : 201);
  },
);
