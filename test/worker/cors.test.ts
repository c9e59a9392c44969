import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeTenant } from './fixtures';
import { errorCode, getWidget, postTicket } from './intake-helpers';

function preflight(origin: string, path = '/v1/tickets') {
  return exports.default.fetch(`http://api.test${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,x-kinobi-key,idempotency-key',
    },
  });
}

describe('widget CORS', () => {
  it('answers a preflight for an origin some tenant allows, with the widget headers', async () => {
    const fx = await makeTenant();
    const res = await preflight(fx.origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    const allowed = (res.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase();
    expect(allowed).toContain('x-kinobi-key');
    expect(allowed).toContain('idempotency-key');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it('gives no CORS grant to a preflight from an origin no tenant allows, or one that only nearly matches', async () => {
    const fx = await makeTenant();
    for (const origin of [
      'https://evil.example',
      `${fx.origin}:443`,
      fx.origin.replace('https:', 'http:'),
      `${fx.origin}.evil`,
    ]) {
      const res = await preflight(origin, '/v1/widget/config');
      expect(res.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
  });

  it("grants the tenant's own origin on real requests, errors included", async () => {
    const fx = await makeTenant();
    const ok = await getWidget(fx, '/v1/widget/config', { Origin: fx.origin });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    expect(ok.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    const invalid = await postTicket(fx, { subject: 'x' }, { origin: fx.origin });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
  });

  it("refuses a request from another tenant's origin with 403 and no CORS grant", async () => {
    const fx = await makeTenant();
    const other = await makeTenant();
    const res = await getWidget(fx, '/v1/response-targets', { Origin: other.origin });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('origin_not_allowed');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('serves requests without an Origin (servers, curl) without CORS headers', async () => {
    const fx = await makeTenant();
    const res = await getWidget(fx, '/v1/widget/config');
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
