import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_DATABASE, demoSeed, STANDARD_COVERAGE_JSON, sha256Hex } from '../../scripts/seed-sql.mjs';
import { STANDARD_COVERAGE } from '../../shared/targets';

describe('local demo seed (scripts/seed-sql.mjs)', () => {
  it('stores the standard coverage of shared/targets.ts', () => {
    expect(JSON.parse(JSON.stringify(STANDARD_COVERAGE_JSON))).toEqual(
      JSON.parse(JSON.stringify(STANDARD_COVERAGE)),
    );
  });

  it('seeds the demo desk (two organisations, two agents, one key) on a data database with its directory in DB, and running it twice changes nothing', async () => {
    const seed = await demoSeed();
    expect(seed.database).toBe(DEMO_DATABASE);
    const data = env.DATA_1;
    for (let i = 0; i < 2; i++) {
      await data.exec(seed.data);
      await env.DB.exec(seed.directory);
    }
    expect(await env.DB.prepare('select count(*) as n from desks').first()).toEqual({ n: 0 });
    expect(
      await env.DB.prepare("select database from desk_databases where desk_id = 'desk_kinobi'").first(),
    ).toEqual({ database: 'DATA_1' });
    const counts = await data
      .prepare(
        "select (select count(*) from desks where slug = 'kinobi') as d, (select count(*) from organisations where slug in ('demo', 'premium')) as o, (select count(*) from widget_keys) as k, (select count(*) from agents) as g, (select count(*) from agent_tokens) as a, (select count(*) from contacts) as c",
      )
      .first();
    expect(counts).toEqual({ d: 1, o: 2, k: 1, g: 2, a: 2, c: 2 });
    const token = await data
      .prepare("select token_hash from agent_tokens where agent_id = 'agt_demo'")
      .first<{
        token_hash: string;
      }>();
    expect(token?.token_hash).toBe(await sha256Hex('demo-agent-token'));
    expect(token?.token_hash).not.toBe('demo-agent-token');
    const lead = await exports.default.fetch('http://127.0.0.1:8787/v1/agents', {
      headers: { Authorization: 'Bearer demo-lead-token' },
    });
    expect(await lead.json()).toMatchObject({
      agents: [
        { name: 'Ayu Lestari', role: 'agent', teams: ['support'] },
        { name: 'Bagus Pratama', role: 'lead', teams: ['support', 'security'] },
      ],
    });

    const res = await exports.default.fetch('http://127.0.0.1:8787/v1/widget/config', {
      headers: { 'X-Kinobi-Key': DEMO.widgetKey, Origin: 'http://localhost:8787' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:8787');
    // The desk's own key without an identity token: the desk's standard coverage, no organisation.
    expect(await res.json()).toMatchObject({
      tenant: { name: 'Kinobi AI' },
      organisation: null,
      hours: { timeZone: 'Asia/Jakarta' },
    });
  });
});
