import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import type { z as zod } from 'zod';
import { MessageCreateSchema, MessageSchema, type MessageView } from '../../shared/agent-schema';
import type { Agent, AppEnv } from '../app-env';
import { findTicket } from '../db/agent-queries';
import { type Db, getDb } from '../db/client';
import { customerReplyUpdates } from '../db/customer-reply';
import { rawBatchItem } from '../db/raw-batch';
import { findMessageByKey, isMessageKeyConflict } from '../db/replays';
import { type Message, messages, type Ticket, ticketEvents, tickets } from '../db/schema';
import { sendAgentReply } from '../email/agent-reply';
import { ApiError, notFound } from '../errors';
import {
  type IdempotencyHashes,
  idempotencyHashes,
  OptionalIdempotencyHeaders,
  type Written,
  writeOnce,
} from '../idempotency';
import { agentAuth } from '../middleware/agent-auth';
import { limitBody, requireJson } from '../middleware/body-limit';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import { iso, toMessageView } from '../ticket-view';
import { constantTimeEqual, sha256Hex } from '../tokens';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** POST /v1/tickets/{id}/messages: agent replies and notes (bearer), customer replies (widget key + ticket token). */
export const messageRoutes = createApi();

const TICKET_TOKEN_HEADER = 'X-Ticket-Token';
// Typed up front: an inline two-entry literal defeats zod-openapi's handler inference.
const replySecurity: Record<string, string[]>[] = [{ agentToken: [] }, { widgetKey: [] }];
type MessageCreate = zod.output<typeof MessageCreateSchema>;

// The customer side is a widget route like intake: called cross-origin from the host page, so CORS, and
// rate-limited per widget key and IP; the limit is started first and enforced after CORS so a browser can read a 429.
const customerAuth = every(rateLimit('RL_INTAKE'), widgetKey, widgetCors, originGuard, enforceRateLimit);

/** Agents authenticate with a bearer token; customers with the widget key plus the ticket's access token. */
const replyAuth = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('Authorization')) await agentAuth(c, next);
  else await customerAuth(c, next);
});

/** A customer may write only to the ticket whose access token they hold (constant-time hash compare). */
async function assertTicketToken(token: string | undefined, ticket: Ticket): Promise<void> {
  if (!token || token.length > 512 || !constantTimeEqual(await sha256Hex(token), ticket.accessTokenHash)) {
    throw notFound('ticket');
  }
}

/** Who is writing and what: an agent (from the bearer token) or, without one, the ticket's customer. */
type Reply = {
  db: Db;
  tenantId: string;
  ticketId: string;
  agent?: Agent;
  ticketToken?: string;
  body: MessageCreate;
  /** Idempotency-Key and request hashes, when the client sent a key. */
  hashes?: IdempotencyHashes;
  now: number;
};

/**
 * Stores a reply with its side effects (first response, reopening) in one batch, or, for a retry with
 * a known Idempotency-Key, returns the stored reply: the batch fails on the key's unique index and
 * rolls back whole, so a replay writes nothing (no second first_response, no second reopening).
 */
async function addMessage({
  db,
  tenantId,
  ticketId,
  agent,
  ticketToken,
  body,
  hashes,
  now,
}: Reply): Promise<Written<MessageView, Message>> {
  const ticket = await findTicket(db, tenantId, ticketId);
  if (!ticket) throw notFound('ticket');
  if (!agent) {
    await assertTicketToken(ticketToken, ticket);
    if (!body.public) throw new ApiError(400, 'validation_failed', 'Customers cannot write internal notes.');
  }
  const msg = {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    tenantId: ticket.tenantId,
    authorType: agent ? ('agent' as const) : ('customer' as const),
    author: agent ? agent.name : ticket.contactName,
    body: body.body,
    public: body.public,
    channel: agent ? ('api' as const) : ('widget' as const),
    emailMessageId: null,
    idempotencyKey: hashes?.keyHash ?? null,
    requestHash: hashes?.requestHash ?? null,
    createdAt: now,
  };
  const items: BatchItem<'sqlite'>[] = [];
  if (agent && body.public && ticket.firstResponseAt === null) {
    const actor = `agent:${agent.name}`;
    const outcome = now <= ticket.firstResponseDueAt ? 'met' : 'breached';
    items.push(
      db
        .update(tickets)
        .set({
          firstResponseAt: now,
          updatedAt: now,
          status: ticket.status === 'new' ? 'open' : ticket.status,
        })
        .where(and(eq(tickets.id, ticket.id), isNull(tickets.firstResponseAt))),
      // Only when this reply was the one that set it (changes() of the update): two racing replies record one.
      rawBatchItem(
        db,
        sql`insert into ${ticketEvents} (id, ticket_id, tenant_id, type, actor, data, created_at)
          select ${crypto.randomUUID()}, ${ticket.id}, ${ticket.tenantId}, 'first_response', ${actor},
            ${JSON.stringify({ outcome, firstResponseDueAt: iso(ticket.firstResponseDueAt), messageId: msg.id })}, ${now}
          where changes() = 1`,
      ),
    );
  }
  if (!agent) items.push(...customerReplyUpdates(db, ticket, 'widget', now));
  items.push(db.insert(messages).values(msg));
  const [first, ...rest] = items;
  return writeOnce(
    hashes,
    async () => {
      if (first) await db.batch([first, ...rest]);
      return toMessageView(msg);
    },
    isMessageKeyConflict,
    (keyHash) => findMessageByKey(db, ticket.tenantId, ticket.id, keyHash),
  );
}

messageRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/messages',
    summary: 'Add a reply: the first public agent reply records the first response (met or breached)',
    description:
      'Agents: `Authorization: Bearer <agent token>`; `public: false` makes an internal note. Customers: `X-Kinobi-Key` ' +
      'plus `X-Ticket-Token` (the accessToken returned at creation); a customer reply on a pending ticket reopens it. ' +
      'With an `Idempotency-Key` (optional, up to 128 characters; agents’ tools should send one per reply), a retry ' +
      'with the same key and body returns the same message with 200 and writes and sends nothing new; the same key ' +
      'with another body (or from another author) is a 409 `idempotency_conflict`.',
    security: replySecurity,
    middleware: [replyAuth, limitBody, requireJson] as const,
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      headers: OptionalIdempotencyHeaders,
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
    const written = await addMessage({
      db: getDb(c.env.DB),
      tenantId: c.var.tenant.id,
      ticketId: c.req.valid('param').id,
      agent,
      ticketToken: c.req.header(TICKET_TOKEN_HEADER),
      body,
      hashes: key === undefined ? undefined : await idempotencyHashes(key, { author, body }),
      now: Date.now(),
    });
    if (written.replayed) return c.json(toMessageView(written.value), 200);
    const message = written.value;
    if (message.authorType === 'agent' && message.public) {
      // Mailed to the contact after the response; the reply is stored already, a mail failure only logs an event.
      const ticketRef = { id: c.req.valid('param').id, tenantId: c.var.tenant.id };
      c.executionCtx.waitUntil(
        sendAgentReply(c.env, ticketRef, message).catch((err) => console.error('agent reply mail', err)),
      );
    }
    return c.json(message, 201);
  },
);
