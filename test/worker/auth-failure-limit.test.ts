import { env, exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../worker/app-env';
import { ApiError } from '../../worker/errors';
import { AUTH_FAIL_PERIOD_SECONDS, limitAuthFailures } from '../../worker/middleware/auth-failure-limit';

// wrangler.toml: RL_AUTH_FAIL allows 10 failures per 60 s per realm and IP.
const LIMIT = 10;

const admin = (secret: string, ip: string) =>
  exports.default.fetch('http://x/v1/admin/desks', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${secret}`,
      'CF-Connecting-IP': ip,
      'Content-Type': 'application/json',
    },
    body: '{}',
  });

describe('failed admin authentications', () => {
  it('answers 429 with Retry-After after 10 failures from one IP, then refuses even the right secret', async () => {
    const ip = '198.51.100.10';
    for (let i = 0; i < LIMIT; i++) expect((await admin('wrong', ip)).status).toBe(401);
    const limited = await admin('wrong', ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe(String(AUTH_FAIL_PERIOD_SECONDS));
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // While limited, a right guess looks exactly like a wrong one.
    expect((await admin('test-admin-secret', ip)).status).toBe(429);
  });

  it('limits each IP on its own and never counts successful authentications', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await admin('wrong', '198.51.100.20')).status).toBe(401);
    expect((await admin('wrong', '198.51.100.20')).status).toBe(429);
    expect((await admin('wrong', '198.51.100.21')).status).toBe(401);
    // 30 authenticated requests (400: the empty body fails validation after auth) from one IP.
    for (let i = 0; i < 30; i++) expect((await admin('test-admin-secret', '198.51.100.22')).status).toBe(400);
    expect((await admin('wrong', '198.51.100.22')).status).toBe(401);
  });
});

/** A fake limiter that allows `allowed` calls per key and records them. */
function fakeLimiter(allowed: number) {
  const calls: string[] = [];
  const limiter = {
    async limit({ key }: { key: string }) {
      calls.push(key);
      return { success: calls.filter((k) => k === key).length <= allowed };
    },
  } as RateLimit;
  return { limiter, calls };
}

function appWith(auth: Parameters<typeof limitAuthFailures>[1], downstream: () => Response | never) {
  const app = new Hono<AppEnv>();
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
      return c.json({ code: err.code }, err.status);
    }
    return c.json({ code: 'internal' }, 500);
  });
  app.get('/x', limitAuthFailures('test', auth), () => downstream());
  return app;
}

describe('limitAuthFailures', () => {
  const reject = (status: 401 | 403 | 503) => () => {
    throw new ApiError(status, 'nope', 'no');
  };
  const request = (app: Hono<AppEnv>, limiter: RateLimit, ip: string) =>
    app.request('/x', { headers: { 'CF-Connecting-IP': ip } }, { ...env, RL_AUTH_FAIL: limiter });

  it('counts a 401 of the credential check under realm and IP', async () => {
    const { limiter, calls } = fakeLimiter(1);
    const app = appWith(reject(401), () => new Response('ok'));
    expect((await request(app, limiter, '203.0.113.1')).status).toBe(401);
    expect((await request(app, limiter, '203.0.113.1')).status).toBe(429);
    expect(calls).toEqual(['test|203.0.113.1', 'test|203.0.113.1']);
  });

  it('does not count 403 or 503 from the check, nor a 401 from further down the chain', async () => {
    for (const status of [403, 503] as const) {
      const { limiter, calls } = fakeLimiter(0);
      expect(
        (
          await request(
            appWith(reject(status), () => new Response('ok')),
            limiter,
            '203.0.113.2',
          )
        ).status,
      ).toBe(status);
      expect(calls).toEqual([]);
    }
    const { limiter, calls } = fakeLimiter(0);
    const passes: Parameters<typeof limitAuthFailures>[1] = async (_c, next) => {
      await next();
    };
    const downstream401 = () => {
      throw new ApiError(401, 'ticket_token', 'bad ticket token');
    };
    expect((await request(appWith(passes, downstream401), limiter, '203.0.113.3')).status).toBe(401);
    expect(calls).toEqual([]);
  });
});
