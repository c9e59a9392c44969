import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { countRows, errorCode } from './intake-helpers';
import { bearer, makeTicket } from './ticket-fixtures';

// wrangler.toml: RL_INTAKE allows 30 requests per 60 s per widget key and client IP.
const LIMIT = 30;

const post = (id: string, headers: Record<string, string>, body: BodyInit) =>
  exports.default.fetch(`http://x/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });

/** A JSON reply body of about `bytes` bytes (the schema caps `body` at 10,000 characters, the limit is checked first). */
const bigBody = (bytes: number) => JSON.stringify({ body: 'a'.repeat(bytes) });

describe('POST /v1/tickets/{id}/messages hardening', () => {
  it('refuses a customer reply over 64 KB with 413 and writes nothing', async () => {
    const { deskId, organisationId, widgetKey } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    const creds = {
      'X-Kinobi-Key': widgetKey,
      'X-Ticket-Token': t.accessToken,
      'CF-Connecting-IP': '10.2.0.1',
    };
    const res = await post(t.id, creds, bigBody(65 * 1024));
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('body_too_large');
    expect(await countRows('messages', `ticket_id = '${t.id}'`)).toBe(0);
  });

  it('refuses an agent reply over 64 KB with 413', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    const res = await post(t.id, bearer(agentToken), bigBody(65 * 1024));
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('body_too_large');
  });

  it('refuses a body that is not application/json with 415, and malformed JSON with 400', async () => {
    const { deskId, organisationId, widgetKey, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    const creds = {
      'X-Kinobi-Key': widgetKey,
      'X-Ticket-Token': t.accessToken,
      'CF-Connecting-IP': '10.2.0.2',
    };
    const form = await post(t.id, { ...creds, 'Content-Type': 'text/plain' }, '{"body":"hi"}');
    expect(form.status).toBe(415);
    expect(await errorCode(form)).toBe('unsupported_media_type');
    const agent = await post(t.id, { ...bearer(agentToken), 'Content-Type': 'text/plain' }, '{"body":"hi"}');
    expect(agent.status).toBe(415);
    const broken = await post(t.id, bearer(agentToken), '{"body":');
    expect(broken.status).toBe(400);
    expect(await errorCode(broken)).toBe('invalid_json');
    expect(await countRows('messages', `ticket_id = '${t.id}'`)).toBe(0);
  });

  it('rate-limits customer replies per widget key and IP: 429 with Retry-After, readable cross-origin', async () => {
    const fx = await makeDesk();
    const t = await makeTicket(fx);
    const creds = { 'X-Kinobi-Key': fx.widgetKey, 'X-Ticket-Token': t.accessToken, Origin: fx.origin };
    // Invalid bodies are cheap and still count: the limit runs before validation.
    for (let i = 0; i < LIMIT; i++) {
      expect((await post(t.id, { ...creds, 'CF-Connecting-IP': '192.0.2.7' }, '{}')).status).toBe(400);
    }
    const limited = await post(t.id, { ...creds, 'CF-Connecting-IP': '192.0.2.7' }, '{"body":"hi"}');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(limited.headers.get('Access-Control-Allow-Origin')).toBe(fx.origin);
    expect(await errorCode(limited)).toBe('rate_limited');
    expect(await countRows('messages', `ticket_id = '${t.id}'`)).toBe(0);
    // Another client IP is not affected, and agents are not counted against the widget's budget.
    expect((await post(t.id, { ...creds, 'CF-Connecting-IP': '192.0.2.8' }, '{"body":"hi"}')).status).toBe(
      201,
    );
    const agent = await post(
      t.id,
      { ...bearer(fx.agentToken), 'CF-Connecting-IP': '192.0.2.7' },
      '{"body":"ok"}',
    );
    expect(agent.status).toBe(201);
  });
});
