import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /v1/health', () => {
  it('reports D1 reachable', async () => {
    const res = await exports.default.fetch('http://x/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
