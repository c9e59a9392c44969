import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { errorCode, getWidget, postTicket } from './intake-helpers';
import { bearer, makeTicket } from './ticket-fixtures';

function preflight(
  origin: string,
  path = '/v1/tickets',
  requestHeaders = 'content-type,x-kinobi-key,idempotency-key',
) {
  return exports.default.fetch(`http://api.test${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': requestHeaders,
    },
  });
}

/** A customer's reply as the widget sends it from the host page. */
function customerReply(
  ticket: { id: string; accessToken: string },
  widgetKey: string,
  origin: string,
  body: unknown = { body: 'Masih error.' },
) {
  return exports.default.fetch(`http://api.test/v1/tickets/${ticket.id}/messages`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Kinobi-Key': widgetKey,
      'X-Ticket-Token': ticket.accessToken,
      Origin: origin,
    },
    body: JSON.stringify(body),
  });
}

describe('widget CORS', () => {
  it('answers a preflight for an origin some tenant allows, with the widget headers', async () => {
    const fx = await makeDesk();
    const res = await preflight(fx.origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    const allowed = (res.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase();
    expect(allowed).toContain('x-kinobi-key');
    expect(allowed).toContain('idempotency-key');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it('gives no CORS grant to a preflight from an origin no tenant allows, or one that only nearly matches', async () => {
    const fx = await makeDesk();
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
    const fx = await makeDesk();
    const ok = await getWidget(fx, '/v1/widget/config', { Origin: fx.origin });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    expect(ok.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    const invalid = await postTicket(fx, { subject: 'x' }, { origin: fx.origin });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
  });

  it("refuses a request from another desk's origin with a 403 the widget can read, and no data", async () => {
    const fx = await makeDesk();
    const other = await makeDesk();
    const res = await getWidget(fx, '/v1/response-targets', { Origin: other.origin });
    expect(res.status).toBe(403);
    // Readable, so the widget can say "not available on this site" instead of looking offline.
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(other.origin);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['error']);
    expect((body.error as { code: string }).code).toBe('origin_not_allowed');
  });

  it('lets the widget read a missing or revoked key (401/403) from any origin', async () => {
    const fx = await makeDesk();
    const missing = await getWidget({ ...fx, widgetKey: '' }, '/v1/widget/config', {
      Origin: fx.origin,
      'X-Kinobi-Key': '',
    });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    const revoked = await getWidget({ ...fx, widgetKey: 'wk_revoked_or_unknown' }, '/v1/widget/config', {
      Origin: 'https://elsewhere.example',
    });
    expect(revoked.status).toBe(403);
    expect(await errorCode(revoked.clone())).toBe('invalid_widget_key');
    expect(revoked.headers.get('Access-Control-Allow-Origin')).toBe('https://elsewhere.example');
  });

  it('serves requests without an Origin (servers, curl) without CORS headers', async () => {
    const fx = await makeDesk();
    const res = await getWidget(fx, '/v1/widget/config');
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('answers the preflight of a customer reply with X-Ticket-Token among the allowed headers', async () => {
    const fx = await makeDesk();
    const t = await makeTicket(fx);
    const res = await preflight(
      fx.origin,
      `/v1/tickets/${t.id}/messages`,
      'content-type,x-kinobi-key,x-ticket-token',
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    const allowed = (res.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-kinobi-key', 'x-ticket-token']));
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it("grants the tenant's origin on a customer reply, errors included", async () => {
    const fx = await makeDesk();
    const t = await makeTicket(fx);
    const ok = await customerReply(t, fx.widgetKey, fx.origin);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    expect(ok.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    const wrongToken = await customerReply({ ...t, accessToken: 'not-the-token' }, fx.widgetKey, fx.origin);
    expect(wrongToken.status).toBe(404);
    expect(wrongToken.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
  });

  it("refuses a customer reply from another desk's origin with 403 (readable error only) and nothing stored", async () => {
    const fx = await makeDesk();
    const other = await makeDesk();
    const t = await makeTicket(fx);
    const res = await customerReply(t, fx.widgetKey, other.origin);
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('origin_not_allowed');
    const detail = (await (
      await exports.default.fetch(`http://api.test/v1/tickets/${t.id}`, { headers: bearer(fx.agentToken) })
    ).json()) as { messages: unknown[] };
    expect(detail.messages).toEqual([]);
  });
});
