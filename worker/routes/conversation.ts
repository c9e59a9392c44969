import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ConversationListSchema,
  ConversationPageSchema,
  UnreadSchema,
} from '../../shared/conversation-schema';
import type { Severity } from '../../shared/schema';
import type { AppEnv } from '../app-env';
import { byIds, byUser, conversationSummaries, markSeen } from '../db/conversation';
import { ApiError } from '../errors';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import {
  CURSOR_START,
  decodeConversationCursor,
  holdsTicketToken,
  readConversation,
} from '../tickets/conversation';
import { iso } from '../tickets/view';
import { createApi } from '../validation';
import { CustomerProofHeaders, customersTicket, identityOf } from './customer-proof';
import { errorResponses, widgetKeySecurity } from './openapi-parts';

/** The customer's side of their requests (issue 13): the widget key plus a ticket token or a signed identity. */
export const conversationRoutes = createApi();

const middleware = [rateLimit('RL_READ'), widgetKey, widgetCors, originGuard, enforceRateLimit];
/** Most tokens one device may present at once. */
const MAX_DEVICE_TOKENS = 50;

const CustomerHeaders = CustomerProofHeaders.extend({
  'x-ticket-tokens': z
    .string()
    .max(MAX_DEVICE_TOKENS * 200)
    .optional()
    .openapi({ description: 'Tickets this device holds: `<ticket id>:<accessToken>`, comma-separated' }),
});

/** `id:token,id:token` → pairs (malformed entries ignored). */
function deviceTokens(header: string | undefined): { id: string; token: string }[] {
  return (header ?? '')
    .split(',')
    .slice(0, MAX_DEVICE_TOKENS)
    .map((p) => p.trim().split(':'))
    .filter((p): p is [string, string] => p.length === 2 && !!p[0] && !!p[1])
    .map(([id, token]) => ({ id, token }));
}

/** The user's requests: by verified identity (all devices) and by the tokens this device holds. */
async function customerConversations(c: Context<AppEnv>) {
  const db = c.var.db;
  const deskId = c.var.desk.id;
  const { identity, organisationId } = await identityOf(c);
  const held = deviceTokens(c.req.header('X-Ticket-Tokens'));
  const [mine, byToken] = await Promise.all([
    identity ? conversationSummaries(db, deskId, byUser(identity.userId, organisationId)) : [],
    held.length ? conversationSummaries(db, deskId, byIds(held.map((h) => h.id))) : [],
  ]);
  const hashes = held.length
    ? await c.var.db.query.tickets.findMany({
        columns: { id: true, accessTokenHash: true },
        where: (t, { and, eq, inArray }) =>
          and(
            eq(t.deskId, deskId),
            inArray(
              t.id,
              held.map((h) => h.id),
            ),
          ),
      })
    : [];
  const proven = new Set<string>();
  for (const h of held) {
    const row = hashes.find((r) => r.id === h.id);
    if (row && (await holdsTicketToken(row, h.token))) proven.add(h.id);
  }
  const all = new Map<string, (typeof mine)[number]>();
  for (const t of mine) all.set(t.id, t);
  for (const t of byToken) if (proven.has(t.id)) all.set(t.id, t);
  if (!identity && held.length === 0) {
    throw new ApiError(
      401,
      'customer_proof_required',
      'Send an identity token or the tokens of your tickets.',
    );
  }
  return [...all.values()]
    .map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      severity: t.severity as Severity,
      firstResponseDueAt: iso(t.firstResponseDueAt),
      lastActivityAt: iso(Math.max(t.updatedAt, t.lastMessageAt ?? 0)),
      unread: t.unread,
    }))
    .sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : -1));
}

conversationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/v1/tickets/{id}/conversation',
    tags: ['widget'],
    summary:
      'A request’s conversation as the customer sees it: public messages and status changes, by cursor',
    description:
      'Never internal notes, agents’ emails or internal events. `after` is the `cursor` of the previous read; a ' +
      'read also marks the agent replies it returns as seen (the unread count drops, and no email is sent for them).',
    security: widgetKeySecurity,
    middleware,
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      query: z.object({ after: z.string().max(40).optional() }),
      headers: CustomerHeaders,
    },
    responses: {
      200: {
        description: 'The conversation',
        content: { 'application/json': { schema: ConversationPageSchema } },
      },
      ...errorResponses(400, 401, 403, 404, 429, 503),
    },
  }),
  async (c) => {
    const after = c.req.valid('query').after;
    const cursor = after === undefined ? CURSOR_START : decodeConversationCursor(after);
    if (!cursor) throw new ApiError(400, 'invalid_cursor', 'This cursor is not valid for this conversation.');
    const ticket = await customersTicket(c, c.req.valid('param').id);
    const page = await readConversation(c.var.db, ticket, cursor);
    await markSeen(c.var.db, ticket.id, Date.now());
    return c.json(page, 200);
  },
);

conversationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/v1/conversations',
    tags: ['widget'],
    summary:
      'The user’s requests: all of a verified identity’s (every device), or the ones whose tokens this device holds',
    security: widgetKeySecurity,
    middleware,
    request: { headers: CustomerHeaders },
    responses: {
      200: {
        description: 'Requests, latest activity first',
        content: { 'application/json': { schema: ConversationListSchema } },
      },
      ...errorResponses(401, 403, 429, 503),
    },
  }),
  async (c) => c.json({ conversations: await customerConversations(c) }, 200),
);

conversationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/v1/widget/unread',
    tags: ['widget'],
    summary: 'Unread agent replies across the user’s requests: the launcher’s badge',
    security: widgetKeySecurity,
    middleware,
    request: { headers: CustomerHeaders },
    responses: {
      200: { description: 'The count', content: { 'application/json': { schema: UnreadSchema } } },
      ...errorResponses(401, 403, 429, 503),
    },
  }),
  async (c) => {
    const list = await customerConversations(c);
    return c.json({ unread: list.reduce((n, t) => n + t.unread, 0) }, 200);
  },
);
