import { createRoute, z } from '@hono/zod-openapi';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import { MessageCreateSchema, MessageSchema } from '../../shared/agent-schema';
import type { AppEnv } from '../app-env';
import { queueAgentReply } from '../email/agent-reply';
import { idempotencyHashes, OptionalIdempotencyHeaders } from '../idempotency';
import { agentAuth } from '../middleware/agent-auth';
import { limitBody, requireJson } from '../middleware/body-limit';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import { addMessage } from '../tickets/reply';
import { toMessageView } from '../tickets/view';
import { createApi } from '../validation';
import { CustomerProofHeaders, customersTicket } from './customer-proof';
import { errorResponses } from './openapi-parts';

/**
 * POST /v1/tickets/{id}/messages: agent replies and notes (bearer), customer replies (widget key plus the
 * ticket's token, or a verified identity token naming the ticket's user: a signed user replies from any device).
 */
export const messageRoutes = createApi();

// Typed up front: an inline two-entry literal defeats zod-openapi's handler inference.
const replySecurity: Record<string, string[]>[] = [{ agentToken: [] }, { widgetKey: [] }];

// The customer side is a widget route like intake: called cross-origin from the host page, so CORS, and
// rate-limited per widget key and IP; the limit is started first and enforced after CORS so a browser can read a 429.
const customerAuth = every(rateLimit('RL_INTAKE'), widgetKey, widgetCors, originGuard, enforceRateLimit);

/** Agents authenticate with a bearer token; customers with the widget key, then prove the ticket (customer-proof.ts). */
const replyAuth = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('Authorization')) await agentAuth(c, next);
  else await customerAuth(c, next);
});

messageRoutes.openapi(
  createRoute({
    method: 'post',
    tags: ['agents'],
    path: '/{id}/messages',
    summary: 'Add a reply: the first public agent reply records the first response (met or breached)',
    description:
      'Agents: `Authorization: Bearer <agent token>`; `public: false` makes an internal note. Customers: `X-Kinobi-Key` ' +
      'plus `X-Ticket-Token` (the accessToken returned at creation) or `X-Kinobi-Identity` (a signed identity token ' +
      'naming the ticket’s user, from any device); a customer reply on a pending or resolved ticket reopens it. ' +
      'With an `Idempotency-Key` (optional, up to 128 characters; agents’ tools should send one per reply), a retry ' +
      'with the same key and body returns the same message with 200 and writes and sends nothing new; the same key ' +
      'with another body (or from another author) is a 409 `idempotency_conflict`.',
    security: replySecurity,
    middleware: [replyAuth, limitBody, requireJson] as const,
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      headers: OptionalIdempotencyHeaders.extend(CustomerProofHeaders.shape),
      body: { required: true, content: { 'application/json': { schema: MessageCreateSchema } } },
    },
    responses: {
      201: { description: 'The message', content: { 'application/json': { schema: MessageSchema } } },
      200: {
        description:
          'Replay of an earlier reply with the same Idempotency-Key and body: nothing new is written or sent',
        content: { 'application/json': { schema: MessageSchema } },
      },
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503),
    },
  }),
  async (c) => {
    const agent = c.get('agent');
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    // The author is part of the request: another agent (or the customer) reusing a key is a conflict.
    const author = agent ? `agent:${agent.name}` : 'customer';
    const ticketId = c.req.valid('param').id;
    // the customer's proof, by the ticket's token or their identity (404 for neither, as for no ticket)
    const customerTicket = agent ? undefined : await customersTicket(c, ticketId);
    const written = await addMessage({
      db: c.var.db,
      deskId: c.var.desk.id,
      ticketId,
      agent,
      customerTicket,
      body,
      hashes: key === undefined ? undefined : await idempotencyHashes(key, { author, body }),
      now: Date.now(),
    });
    if (written.replayed) return c.json(toMessageView(written.value), 200);
    const message = written.value;
    if (message.authorType === 'agent' && message.public) {
      // Queued for the contact after the response; the reply is stored already, a mail failure only logs an event.
      const ticketRef = { id: ticketId, deskId: c.var.desk.id };
      c.executionCtx.waitUntil(
        queueAgentReply(c.env, ticketRef, message).catch((err) => console.error('agent reply mail', err)),
      );
    }
    return c.json(message, 201);
  },
);
