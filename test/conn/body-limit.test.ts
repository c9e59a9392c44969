import type { Agent } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../scripts/seed-sql.mjs';
import { exchange, oneConnectionAgent } from './http1';

const BASE = process.env.CONN_BASE_URL ?? 'http://127.0.0.1:8797';
/** Over the API's 64 KB limit (worker/middleware/body-limit.ts MAX_BODY_BYTES), in 16 KB chunks. */
const OVERSIZED = Array.from({ length: 16 }, () => new TextEncoder().encode('x'.repeat(16 * 1024)));
const OVERSIZED_BYTES = OVERSIZED.reduce((n, c) => n + c.byteLength, 0);
const ROUNDS = 5;

const intakeHeaders = (extra: Record<string, string> = {}) => ({
  'X-Kinobi-Key': DEMO.widgetKey,
  Origin: BASE,
  'Content-Type': 'application/json',
  'Idempotency-Key': crypto.randomUUID(),
  ...extra,
});

function expectJsonHealth(res: { status: number; headers: Record<string, string>; body: string }) {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ ok: true, d1: 'ok' });
}

function expect413(res: { status: number; body: string }) {
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'body_too_large' } });
}

describe('a 413 leaves the keep-alive connection usable', () => {
  let agent: Agent;
  beforeEach(() => {
    agent = oneConnectionAgent();
  });
  afterEach(() => agent.destroy());

  it('answers the next request on the same connection after a body declared too large', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tooLarge = await exchange(agent, `${BASE}/v1/tickets`, {
        method: 'POST',
        headers: intakeHeaders({ 'Content-Length': String(OVERSIZED_BYTES) }),
        body: OVERSIZED,
      });
      expect413(tooLarge);
      const next = await exchange(agent, `${BASE}/v1/health`);
      expectJsonHealth(next);
      expect(next.socket).toBe(tooLarge.socket);
    }
  });

  it('answers the next request on the same connection after a chunked body that grows too large', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tooLarge = await exchange(agent, `${BASE}/v1/tickets`, {
        method: 'POST',
        headers: intakeHeaders(),
        body: OVERSIZED,
      });
      expect(tooLarge.headers['content-length']).toBeDefined();
      expect413(tooLarge);
      const next = await exchange(agent, `${BASE}/v1/health`);
      expectJsonHealth(next);
      expect(next.socket).toBe(tooLarge.socket);
    }
  });

  it('answers other clients normally right after a 413', async () => {
    const tooLarge = await exchange(agent, `${BASE}/v1/tickets`, {
      method: 'POST',
      headers: intakeHeaders({ 'Content-Length': String(OVERSIZED_BYTES) }),
      body: OVERSIZED,
    });
    expect413(tooLarge);
    const other = oneConnectionAgent();
    try {
      expectJsonHealth(await exchange(other, `${BASE}/v1/health`));
    } finally {
      other.destroy();
    }
  });
});
