import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { holidays } from '../../worker/db/schema';
import { bearer } from './ticket-fixtures';

const ADMIN = bearer('test-admin-secret');
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN) =>
  exports.default.fetch(`http://x/v1/admin${path}`, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const listWith = (token: string) => exports.default.fetch('http://x/v1/tickets', { headers: bearer(token) });
type Created = {
  tenant: { id: string; authorisedContacts: string[] };
  widgetKey: string;
  agentToken: { id: string; token: string };
  webhookSecret: string | null;
};

async function createTenant(slug: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/tenants', { slug, name: `Tenant ${slug}`, ...extra });
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

describe('admin API', () => {
  it('refuses requests without the admin secret', async () => {
    expect((await call('POST', '/tenants', { slug: 'x1', name: 'x' }, {})).status).toBe(401);
    expect((await call('POST', '/tenants', { slug: 'x1', name: 'x' }, bearer('wrong'))).status).toBe(401);
  });

  it('creates a tenant whose agent token works at once, and shows credentials only at creation', async () => {
    const made = await createTenant('acme', {
      authorisedContacts: ['IT@Acme.example'],
      webhookUrl: 'https://hooks.acme.example/k',
    });
    expect(made.tenant.authorisedContacts).toEqual(['it@acme.example']);
    expect(made.webhookSecret).toMatch(/^whsec_/);
    expect((await listWith(made.agentToken.token)).status).toBe(200);
    expect(JSON.stringify(made.tenant)).not.toContain(made.agentToken.token);
    expect((await call('POST', '/tenants', { slug: 'acme', name: 'again' })).status).toBe(409);
  });

  it('validates coverage, origins and webhook URLs on PATCH', async () => {
    const { tenant } = await createTenant('globex');
    const ok = await call('PATCH', `/tenants/${tenant.id}`, {
      name: 'Globex',
      allowedOrigins: ['https://app.globex.example'],
      webhookUrl: 'http://127.0.0.1:9000/hook',
      coverage: {
        calendar: {
          timeZone: 'Asia/Makassar',
          windows: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' }],
          holidays: 'id',
        },
        targets: {
          '1': { businessMinutes: 60 },
          '2': { businessMinutes: 240 },
          '3': { businessMinutes: 540 },
          '4': { businessMinutes: 1080 },
        },
      },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      tenant: { name: string; webhookUrl: string };
      webhookSecret?: string;
    };
    expect(body.tenant).toMatchObject({ name: 'Globex', webhookUrl: 'http://127.0.0.1:9000/hook' });
    expect(body.webhookSecret).toMatch(/^whsec_/);
    for (const bad of [
      { webhookUrl: 'http://hooks.example/k' },
      { allowedOrigins: ['https://app.example/path'] },
      { coverage: { calendar: { windows: [] }, targets: {} } },
      { locale: 'fr' },
      {},
    ]) {
      const res = await call('PATCH', `/tenants/${tenant.id}`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await call('PATCH', '/tenants/ten_nobody', { name: 'x' })).status).toBe(404);
  });

  it('rotates widget keys (immediately or after a grace period) and revokes agent tokens', async () => {
    const made = await createTenant('initech');
    const config = (key: string) =>
      exports.default.fetch('http://x/v1/widget/config', { headers: { 'X-Kinobi-Key': key } });
    expect((await config(made.widgetKey)).status).toBe(200);
    const graced = (await (
      await call('POST', `/tenants/${made.tenant.id}/widget-keys`, { graceSeconds: 3600 })
    ).json()) as { widgetKey: string };
    expect((await config(made.widgetKey)).status).toBe(200);
    expect((await config(graced.widgetKey)).status).toBe(200);
    const now = (await (await call('POST', `/tenants/${made.tenant.id}/widget-keys`, {})).json()) as {
      widgetKey: string;
    };
    expect((await config(made.widgetKey)).status).toBe(403);
    expect((await config(graced.widgetKey)).status).toBe(403);
    expect((await config(now.widgetKey)).status).toBe(200);

    const second = (await (
      await call('POST', `/tenants/${made.tenant.id}/agent-tokens`, { agentName: 'Sari' })
    ).json()) as { id: string; token: string };
    expect((await listWith(second.token)).status).toBe(200);
    expect((await call('DELETE', `/tenants/${made.tenant.id}/agent-tokens/${second.id}`)).status).toBe(204);
    expect((await listWith(second.token)).status).toBe(401);
    expect((await listWith(made.agentToken.token)).status).toBe(200);
    expect((await call('DELETE', `/tenants/${made.tenant.id}/agent-tokens/${second.id}`)).status).toBe(404);
  });

  it('stores a year of holidays that due times then honour', async () => {
    const made = await createTenant('umbrella');
    const year2027 = {
      national: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' }],
      collectiveLeave: [],
      source: 'test',
    };
    const res = await call('PUT', '/holidays/id/2027', year2027);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ set: 'id', year: 2027, national: 1, collectiveLeave: 0 });
    expect(
      (await call('PUT', '/holidays/id/2027', { ...year2027, national: [{ date: '2028-01-01', name: 'x' }] }))
        .status,
    ).toBe(400);
    expect((await call('PUT', '/holidays/xx/2027', year2027)).status).toBe(400);
    // Replacing the year swaps its rows (the coverage cache reads the table again within HOLIDAY_TABLE_TTL_MS).
    await call('PUT', '/holidays/id/2027', {
      ...year2027,
      collectiveLeave: [{ date: '2027-12-24', name: 'Cuti bersama Natal' }],
    });
    const rows = await getDb(env.DB).select().from(holidays).where(eq(holidays.setName, 'id'));
    expect(rows.map((r) => [r.date, r.kind]).sort()).toEqual([
      ['2027-01-01', 'national'],
      ['2027-12-24', 'collective_leave'],
    ]);
    expect(made.tenant.id).toBeTruthy();
  });
});
