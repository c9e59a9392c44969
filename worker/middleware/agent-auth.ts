import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { findAgentByTokenHash } from '../db/agent-queries';
import { getDb } from '../db/client';
import { ApiError } from '../errors';
import { bearerToken, constantTimeEqual, sha256Hex } from '../tokens';

const unauthorised = (message: string) => new ApiError(401, 'unauthorized', message);

/** Bearer agent token → c.var.agent and c.var.tenant; 401 when missing, malformed, unknown or revoked. */
export const agentAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) throw unauthorised('Send an agent token as `Authorization: Bearer <token>`.');
  const hash = await sha256Hex(token);
  const found = await findAgentByTokenHash(getDb(c.env.DB), hash);
  // The lookup is by the unique hash; the constant-time compare keeps the final decision free of early exits.
  if (!found || found.token.revokedAt !== null || !constantTimeEqual(found.token.tokenHash, hash)) {
    throw unauthorised('Unknown or revoked agent token.');
  }
  c.set('agent', { id: found.token.id, name: found.token.agentName, tenantId: found.tenant.id });
  c.set('tenant', found.tenant);
  await next();
});
