import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO, demoSeedSql, STANDARD_COVERAGE_JSON, sha256Hex } from '../../scripts/seed-sql.mjs';
import { STANDARD_COVERAGE } from '../../shared/targets';

describe('local demo seed (scripts/seed-sql.mjs)', () => {
  it('stores the standard coverage of shared/targets.ts', () => {
    expect(JSON.parse(JSON.stringify(STANDARD_COVERAGE_JSON))).toEqual(
      JSON.parse(JSON.stringify(STANDARD_COVERAGE)),
    );
  });

  it('seeds a working demo tenant, and running it twice changes nothing', async () => {
    const sql = await demoSeedSql();
    await env.DB.exec(sql);
    await env.DB.exec(sql);
    const counts = await env.DB.prepare(
      "select (select count(*) from tenants where slug = 'demo') as t, (select count(*) from widget_keys) as k, (select count(*) from agent_tokens) as a, (select count(*) from contacts) as c",
    ).first();
    expect(counts).toEqual({ t: 1, k: 1, a: 1, c: 1 });
    const token = await env.DB.prepare('select token_hash from agent_tokens').first<{ token_hash: string }>();
    expect(token?.token_hash).toBe(await sha256Hex(DEMO.agentToken));
    expect(token?.token_hash).not.toBe(DEMO.agentToken);

    const res = await exports.default.fetch('http://127.0.0.1:8787/v1/widget/config', {
      headers: { 'X-Kinobi-Key': DEMO.widgetKey, Origin: 'http://localhost:8787' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:8787');
    expect(await res.json()).toMatchObject({ tenant: { name: 'Demo' }, hours: { timeZone: 'Asia/Jakarta' } });
  });
});
