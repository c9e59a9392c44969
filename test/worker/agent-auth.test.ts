import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { agentTokens } from '../../worker/db/schema';
import { makeTenant } from './fixtures';
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
    const { agentToken } = await makeTenant();
    for (const value of [agentToken, `Basic ${agentToken}`, 'Bearer ', `Bearer ${agentToken} extra`]) {
      expect((await list({ Authorization: value })).status).toBe(401);
    }
  });

  it('rejects an unknown token', async () => {
    await makeTenant();
    expect((await list(bearer('at_nobody'))).status).toBe(401);
  });

  it('accepts a valid token and rejects it once revoked', async () => {
    const { tenantId, agentToken } = await makeTenant();
    expect((await list(bearer(agentToken))).status).toBe(200);
    await getDb(env.DB)
      .update(agentTokens)
      .set({ revokedAt: Date.now() })
      .where(eq(agentTokens.tenantId, tenantId));
    const res = await list(bearer(agentToken));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('does not accept a widget key as an agent token', async () => {
    const { widgetKey } = await makeTenant();
    expect((await list(bearer(widgetKey))).status).toBe(401);
  });
});
