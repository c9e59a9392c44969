import { createRoute, z } from '@hono/zod-openapi';
import { EscalationCreateSchema, EscalationSchema } from '../../shared/agent-schema';
import { findTicket } from '../db/agent-queries';
import { getDb } from '../db/client';
import { escalations, ticketEvents } from '../db/schema';
import { notFound } from '../errors';
import { agentAuth } from '../middleware/agent-auth';
import { iso } from '../ticket-view';
import { createApi } from '../validation';
import { enqueueWebhook } from '../webhooks';
import { errorResponses } from './openapi-parts';

/** POST /v1/tickets/{id}/escalations (guide section 6): a row, an audit event and, if configured, a webhook. */
export const escalationRoutes = createApi();

escalationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/escalations',
    summary: 'Escalate a ticket to engineering, product, infrastructure or security, with a note',
    security: [{ agentToken: [] }],
    middleware: [agentAuth] as const,
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      body: { required: true, content: { 'application/json': { schema: EscalationCreateSchema } } },
    },
    responses: {
      201: { description: 'The escalation', content: { 'application/json': { schema: EscalationSchema } } },
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const db = getDb(c.env.DB);
    const now = Date.now();
    const ticket = await findTicket(db, c.var.tenant.id, c.req.valid('param').id);
    if (!ticket) throw notFound('ticket');
    const { team, note } = c.req.valid('json');
    const actor = `agent:${c.var.agent.name}`;
    const row = {
      id: crypto.randomUUID(),
      ticketId: ticket.id,
      tenantId: ticket.tenantId,
      team,
      note,
      actor,
      createdAt: now,
    };
    const event = 'ticket.escalated';
    await db.batch([
      db.insert(escalations).values(row),
      db.insert(ticketEvents).values({
        id: crypto.randomUUID(),
        ticketId: ticket.id,
        tenantId: ticket.tenantId,
        type: 'escalated',
        actor,
        data: { team, note, escalationId: row.id },
        createdAt: now,
      }),
      ...(c.var.tenant.webhookUrl
        ? [
            enqueueWebhook(db, {
              tenantId: ticket.tenantId,
              ticketId: ticket.id,
              event,
              dedupeKey: `${ticket.id}:${event}:${row.id}`,
              payload: {
                event,
                ticket: {
                  id: ticket.id,
                  number: ticket.number,
                  subject: ticket.subject,
                  severity: ticket.severity,
                  team,
                },
                note,
                actor,
                at: iso(now),
              },
              now,
            }),
          ]
        : []),
    ]);
    return c.json({ id: row.id, ticketId: row.ticketId, team, note, actor, createdAt: iso(now) }, 201);
  },
);
