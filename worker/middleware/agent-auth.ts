import { createMiddleware } from 'hono/factory';
import { type AppEnv, setAgent } from '../app-env';
import { agentTokenCache } from '../credential-cache';
import { findAgentByTokenHash } from '../db/agents';
import { ApiError } from '../errors';
import { timed } from '../timing';
import { bearerToken, constantTimeEqual, sha256Hex } from '../tokens';
import { limitAuthFailures } from './auth-failure-limit';

const unauthorised = (message: string) => new ApiError(401, 'unauthorized', message);

/**
 * Bearer agent token → c.var.agent and c.var.desk; 401 when missing, malformed, unknown, revoked or
 * its agent deactivated. An active token is cached per isolate by its hash (credential-cache.ts): a
 * revocation made elsewhere takes effect within CREDENTIAL_TTL_MS.
 */
const checkAgentToken = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) throw unauthorised('Send an agent token as `Authorization: Bearer <token>`.');
  const hash = await sha256Hex(token);
  const now = Date.now();
  let found = agentTokenCache.get(hash, now);
  if (!found) {
    found = await timed(c, 'auth', findAgentByTokenHash(c.var.db, hash));
    // The lookup is by the unique hash; the constant-time compare keeps the final decision free of early exits.
    if (!found || found.revokedAt !== null || !constantTimeEqual(found.tokenHash, hash)) {
      throw unauthorised('Unknown or revoked agent token.');
    }
    agentTokenCache.set(hash, found, now);
  }
  const { agent, desk } = found;
  setAgent(c, agent, desk);
  await next();
});

/** checkAgentToken, with failed attempts limited per client IP (429 with Retry-After; auth-failure-limit.ts). */
export const agentAuth = limitAuthFailures('agent', checkAgentToken);
