import { createRoute, z } from '@hono/zod-openapi';
import { sign } from 'hono/jwt';
import { findByWidgetKey } from '../db/desks';
import { storageStats } from '../db/storage-stats';
import { findTicket } from '../db/tickets';
import { d1Counter, d1CounterOn, resetD1Counter } from '../dev/d1-counter';
import { ApiError, notFound } from '../errors';
import { agentAuth } from '../middleware/agent-auth';
import { conversationLinkUrl, issueConversationLink } from '../tickets/conversation-link';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** How long a development identity token lives. */
const DEV_TOKEN_SECONDS = 3600;

/**
 * GET /v1/dev/identity-token: signs an identity token for a demo user, as a host application's server
 * would, so the demo page can switch between users of two organisations. Development only: 404 when
 * ENVIRONMENT is `production` (the route exists nowhere else, and never in the OpenAPI document).
 */
export const devRoutes = createApi();

devRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/v1/dev/identity-token',
    hide: true,
    request: {
      query: z.object({
        key: z.string().min(1).max(128),
        org: z.string().regex(/^[a-z0-9-]{1,64}$/),
        sub: z.string().min(1).max(128),
        email: z.email().max(254),
        name: z.string().min(1).max(120),
      }),
    },
    responses: {
      200: {
        description: 'A token',
        content: { 'application/json': { schema: z.object({ token: z.string() }) } },
      },
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    if (c.env.ENVIRONMENT === 'production') throw notFound('route');
    const q = c.req.valid('query');
    const grant = await findByWidgetKey(c.var.db, q.key, Date.now());
    if (!grant) throw notFound('widget key');
    const secret = grant.desk.identitySecret;
    if (!secret) throw new ApiError(400, 'identity_disabled', 'This desk has no identity secret.');
    const now = Math.floor(Date.now() / 1000);
    const token = await sign(
      { sub: q.sub, org: q.org, email: q.email, name: q.name, iat: now, exp: now + DEV_TOKEN_SECONDS },
      secret,
      'HS256',
    );
    return c.json({ token }, 200);
  },
);

/**
 * POST /v1/dev/conversation-link?ticket=<id>: a fresh link to a ticket's conversation page, as the
 * confirmation mail carries (locally that mail is only in wrangler's log), for an agent of the
 * ticket's desk: the browser tests open the page with it. Development only: 404 in production.
 */
devRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/v1/dev/conversation-link',
    hide: true,
    middleware: [agentAuth] as const,
    request: { query: z.object({ ticket: z.string().min(1).max(100) }) },
    responses: {
      200: {
        description: 'A link',
        content: { 'application/json': { schema: z.object({ url: z.string() }) } },
      },
      ...errorResponses(401, 404),
    },
  }),
  async (c) => {
    if (c.env.ENVIRONMENT === 'production') throw notFound('route');
    const ticket = await findTicket(c.var.db, c.var.desk.id, c.req.valid('query').ticket);
    if (!ticket) throw notFound('ticket');
    const token = await issueConversationLink(c.var.db, ticket.id, {
      now: Date.now(),
      directory: { env: c.env, deskId: ticket.deskId },
    });
    return c.json({ url: conversationLinkUrl(c.env, token) }, 200);
  },
);

/**
 * GET /v1/dev/d1-queries: the D1 statements and round trips counted since the last reset, in all and per
 * entry (`fetch` with its waitUntil work, `queue`, `scheduled`, `email`; `?reset=1`
 * resets after reading). Only while the counter is on (development with D1_QUERY_COUNTER=on, as the
 * capacity bench starts wrangler dev); 404 otherwise. Runs no query itself.
 */
devRoutes.get('/v1/dev/d1-queries', (c) => {
  if (!d1CounterOn(c.env)) throw notFound('route');
  const counts = structuredClone(d1Counter);
  if (c.req.query('reset') === '1') resetD1Counter();
  return c.json(counts, 200);
});

/** GET /v1/dev/d1-size: the database's size and per-table rows and value bytes (same guard as d1-queries). */
devRoutes.get('/v1/dev/d1-size', async (c) => {
  if (!d1CounterOn(c.env)) throw notFound('route');
  return c.json(await storageStats(c.var.db), 200);
});
