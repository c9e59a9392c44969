import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { verify } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { makeDesk } from './fixtures';
import { makeTicket } from './ticket-fixtures';

const SECRET = 'dev-route-identity-secret';
const url = (key: string) =>
  `http://api.test/v1/dev/identity-token?key=${key}&org=demo&sub=u1&email=it%40demo.example&name=IT`;

async function call(path: string, environment: string) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(path), { ...env, ENVIRONMENT: environment }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('GET /v1/dev/identity-token (development only)', () => {
  it('signs a demo identity token with the desk’s secret in development', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const res = await call(url(fx.deskKey), 'development');
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(await verify(token, SECRET, 'HS256')).toMatchObject({
      sub: 'u1',
      org: 'demo',
      email: 'it@demo.example',
    });
  });

  it('answers 404 in production, whatever the key', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const res = await call(url(fx.deskKey), 'production');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('is absent from the OpenAPI document', async () => {
    const res = await call('http://api.test/v1/openapi.json', 'development');
    expect(JSON.stringify(await res.json())).not.toContain('/v1/dev/');
  });
});

describe('POST /v1/dev/conversation-link (development only)', () => {
  const post = async (path: string, environment: string, token: string) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(path, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }),
      { ...env, ENVIRONMENT: environment },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  };

  it('issues a working link for a ticket of the agent’s own desk, and 404 for another desk’s or in production', async () => {
    const fx = await makeDesk();
    const other = await makeDesk();
    const t = await makeTicket({ deskId: fx.deskId, organisationId: fx.organisationId });
    const res = await post(
      `http://api.test/v1/dev/conversation-link?ticket=${t.id}`,
      'development',
      fx.agentToken,
    );
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/\/r\/cl/);
    const page = await call(`http://api.test${new URL(url).pathname}`, 'development');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(t.subject);
    expect(
      (await post(`http://api.test/v1/dev/conversation-link?ticket=${t.id}`, 'development', other.agentToken))
        .status,
    ).toBe(404);
    expect(
      (await post(`http://api.test/v1/dev/conversation-link?ticket=${t.id}`, 'production', fx.agentToken))
        .status,
    ).toBe(404);
  });
});
