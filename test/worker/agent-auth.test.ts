import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { CREDENTIAL_TTL_MS } from '../../worker/credential-cache';
import { getDb } from '../../worker/db/client';
import { agentTokens } from '../../worker/db/schema';
import { sha256Hex } from '../../worker/tokens';
import { makeDesk } from './fixtures';
import { bearer } from './ticket-fixtures';

const list = (headers: Record<string, string> = {}) =>
  exports.default.fetch('http://x/v1/tickets', { headers });

describe('agent auth', () => {
  it('rejects a request without a bearer token with 401 in the one error shape', async () => {
    const res = await list();
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('rejects a malformed Authorization header', async () => {
    const { agentToken } = await makeDesk();
    for (const value of [agentToken, `Basic ${agentToken}`, 'Bearer ', `Bearer ${agentToken} extra`]) {
      expect((await list({ Authorization: value })).status).toBe(401);
    }
  });

  it('rejects an unknown token', async () => {
    await makeDesk();
    expect((await list(bearer('at_nobody'))).status).toBe(401);
  });

  it('accepts a valid token; a revocation written elsewhere takes effect within the cache TTL', async () => {
    const { agentId, agentToken } = await makeDesk();
    expect((await list(bearer(agentToken))).status).toBe(200);
    // Revoked directly in D1, as another isolate (or an operator) would: this isolate's cache does not know.
    await getDb(env.DB)
      .update(agentTokens)
      .set({ revokedAt: Date.now() })
      .where(eq(agentTokens.agentId, agentId));
    expect((await list(bearer(agentToken))).status).toBe(200);
    const later = Date.now() + CREDENTIAL_TTL_MS + 1;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      const res = await list(bearer(agentToken));
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('never caches an unknown token: it works as soon as it exists', async () => {
    const { agentId } = await makeDesk();
    expect((await list(bearer('at_late'))).status).toBe(401);
    await getDb(env.DB)
      .insert(agentTokens)
      .values({ id: 'ag_late', agentId, tokenHash: await sha256Hex('at_late') });
    expect((await list(bearer('at_late'))).status).toBe(200);
  });

  it('does not accept a widget key as an agent token', async () => {
    const { widgetKey } = await makeDesk();
    expect((await list(bearer(widgetKey))).status).toBe(401);
  });
});
