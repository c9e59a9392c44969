import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { verify } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { makeDesk } from './fixtures';

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
