import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';

const api = (path: string, init?: RequestInit) => exports.default.fetch(`http://api.test${path}`, init);

function expectApiHeaders(res: Response) {
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Cache-Control')).toBe('no-store');
}

describe('API response headers', () => {
  it('marks a successful answer nosniff and no-store', async () => {
    const res = await api('/v1/health');
    expect(res.status).toBe(200);
    expectApiHeaders(res);
  });

  it('marks error answers too: 401, 404, 413', async () => {
    const unauthorised = await api('/v1/tickets');
    expect(unauthorised.status).toBe(401);
    expectApiHeaders(unauthorised);
    const missing = await api('/v1/nothing-here');
    expect(missing.status).toBe(404);
    expectApiHeaders(missing);
    const fx = await makeDesk();
    const big = await postTicket(fx, null, {
      rawBody: JSON.stringify(ticketBody({ description: 'x'.repeat(70_000) })),
    });
    expect(big.status).toBe(413);
    expectApiHeaders(big);
  });

  it('marks a created ticket and a CORS preflight', async () => {
    const fx = await makeDesk();
    const created = await postTicket(fx, ticketBody());
    expect(created.status).toBe(201);
    expectApiHeaders(created);
    const preflight = await api('/v1/tickets', {
      method: 'OPTIONS',
      headers: { Origin: fx.origin, 'Access-Control-Request-Method': 'POST' },
    });
    expectApiHeaders(preflight);
  });

  it('leaves the docs page outside /v1 to its own caching', async () => {
    const res = await api('/docs');
    expect(res.headers.get('Cache-Control')).not.toBe('no-store');
  });
});
