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

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

type DeskMade = {
  desk: { id: string; identityVerification: boolean };
  widgetKey: string;
  webhookSecret: string | null;
};
type AgentMade = {
  agent: { id: string; role: string; teams: string[]; active: boolean };
  token: { id: string; token: string };
};
type OrgMade = { organisation: { id: string; authorisedContacts: string[]; successContact: unknown } };

const createDesk = async (slug: string, extra: Record<string, unknown> = {}) =>
  json<DeskMade>(await call('POST', '/desks', { slug, name: `Desk ${slug}`, ...extra }), 201);

describe('admin API', () => {
  it('refuses requests without the admin secret', async () => {
    expect((await call('POST', '/desks', { slug: 'x1', name: 'x' }, {})).status).toBe(401);
    expect((await call('POST', '/desks', { slug: 'x1', name: 'x' }, bearer('wrong'))).status).toBe(401);
  });

  it('creates a desk with a widget key, organisations with contacts, and agents whose token works at once', async () => {
    const made = await createDesk('acme', { identitySecret: 'a-long-identity-secret' });
    expect(made.desk.identityVerification).toBe(true);
    expect(JSON.stringify(made.desk)).not.toContain('a-long-identity-secret');
    expect((await call('POST', '/desks', { slug: 'acme', name: 'again' })).status).toBe(409);

    const org = await json<OrgMade>(
      await call('POST', `/desks/${made.desk.id}/organisations`, {
        slug: 'pt-acme',
        name: 'PT Acme',
        authorisedContacts: ['IT@acme.example', 'it@acme.example'],
        successContact: { name: 'Sinta', email: 'Sinta@kinobi.example' },
      }),
      201,
    );
    expect(org.organisation.authorisedContacts).toEqual(['it@acme.example']);
    expect(org.organisation.successContact).toEqual({ name: 'Sinta', email: 'sinta@kinobi.example' });
    expect(
      (await call('POST', `/desks/${made.desk.id}/organisations`, { slug: 'pt-acme', name: 'x' })).status,
    ).toBe(409);
    expect((await call('POST', '/desks/desk_nobody/organisations', { slug: 'y1', name: 'x' })).status).toBe(
      404,
    );

    const agent = await json<AgentMade>(
      await call('POST', `/desks/${made.desk.id}/agents`, {
        name: 'Sari',
        email: 'sari@kinobi.example',
        role: 'lead',
        teams: ['support', 'security'],
      }),
      201,
    );
    expect(agent.agent).toMatchObject({ role: 'lead', teams: ['support', 'security'], active: true });
    expect((await listWith(agent.token.token)).status).toBe(200);
    // The same email twice in one desk is a conflict; the token is shown once, never in the agent view.
    expect(
      (await call('POST', `/desks/${made.desk.id}/agents`, { name: 'S', email: 'SARI@kinobi.example' }))
        .status,
    ).toBe(409);
    expect(JSON.stringify(agent.agent)).not.toContain(agent.token.token);
  });

  it('changes an organisation and rejects bad settings with the field named', async () => {
    const made = await createDesk('globex');
    const org = await json<OrgMade>(
      await call('POST', `/desks/${made.desk.id}/organisations`, { slug: 'globex-id', name: 'Globex' }),
      201,
    );
    const changed = await json<{ organisation: { name: string; authorisedContacts: string[] } }>(
      await call('PATCH', `/organisations/${org.organisation.id}`, {
        name: 'Globex Indonesia',
        authorisedContacts: ['ops@globex.example'],
      }),
      200,
    );
    expect(changed.organisation).toMatchObject({
      name: 'Globex Indonesia',
      authorisedContacts: ['ops@globex.example'],
    });
    for (const bad of [
      {},
      { locale: 'fr' },
      { allowedOrigins: ['https://x.example/path'] },
      { coverage: { nope: 1 } },
    ]) {
      const res = await call('PATCH', `/organisations/${org.organisation.id}`, bad);
      expect(res.status).toBe(400);
    }
    expect((await call('PATCH', '/organisations/org_nobody', { name: 'x' })).status).toBe(404);
    const hooked = await json<{ desk: { webhookUrl: string }; webhookSecret: string }>(
      await call('PATCH', `/desks/${made.desk.id}`, { webhookUrl: 'http://127.0.0.1:9000/hook' }),
      200,
    );
    expect(hooked.desk.webhookUrl).toBe('http://127.0.0.1:9000/hook');
    expect(hooked.webhookSecret).toMatch(/^whsec_/);
    expect(
      (await call('PATCH', `/desks/${made.desk.id}`, { webhookUrl: 'http://hooks.example/x' })).status,
    ).toBe(400);
  });

  it('rotates a desk key with a grace period, and an organisation-bound key separately', async () => {
    const made = await createDesk('initech');
    const config = (key: string) =>
      exports.default.fetch('http://x/v1/widget/config', { headers: { 'X-Kinobi-Key': key } });
    expect((await config(made.widgetKey)).status).toBe(200);
    const graced = await json<{ widgetKey: string }>(
      await call('POST', `/desks/${made.desk.id}/widget-keys`, { graceSeconds: 3600 }),
      201,
    );
    expect((await config(made.widgetKey)).status).toBe(200);
    await call('POST', `/desks/${made.desk.id}/widget-keys`, {});
    expect((await config(graced.widgetKey)).status).toBe(403);

    await call('POST', `/desks/${made.desk.id}/organisations`, { slug: 'initech-id', name: 'Initech' });
    const bound = await json<{ widgetKey: string }>(
      await call('POST', `/desks/${made.desk.id}/widget-keys`, { organisation: 'initech-id' }),
      201,
    );
    const body = (await (await config(bound.widgetKey)).json()) as { organisation: { slug: string } | null };
    expect(body.organisation?.slug).toBe('initech-id');
  });

  it('deactivates an agent (its tokens stop) and revokes single tokens', async () => {
    const made = await createDesk('hooli');
    const agent = await json<AgentMade>(
      await call('POST', `/desks/${made.desk.id}/agents`, { name: 'Rudi', email: 'rudi@kinobi.example' }),
      201,
    );
    const second = await json<{ id: string; token: string }>(
      await call('POST', `/agents/${agent.agent.id}/tokens`),
      201,
    );
    expect((await listWith(second.token)).status).toBe(200);
    expect((await call('DELETE', `/agents/${agent.agent.id}/tokens/${second.id}`)).status).toBe(204);
    expect((await listWith(second.token)).status).toBe(401);
    expect((await call('DELETE', `/agents/${agent.agent.id}/tokens/${second.id}`)).status).toBe(404);
    const off = await json<AgentMade>(
      await call('PATCH', `/agents/${agent.agent.id}`, { active: false }),
      200,
    );
    expect(off.agent.active).toBe(false);
    expect((await listWith(agent.token.token)).status).toBe(401);
  });

  it('stores a year of holidays that due times then honour', async () => {
    const year2027 = {
      national: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' }],
      collectiveLeave: [],
      source: 'test',
    };
    const res = await call('PUT', '/holidays/id/2027', year2027);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      set: 'id',
      year: 2027,
      national: 1,
      collectiveLeave: 0,
      dueTimesRecomputed: 0,
    });
    expect(
      (await call('PUT', '/holidays/id/2027', { ...year2027, national: [{ date: '2028-01-01', name: 'x' }] }))
        .status,
    ).toBe(400);
    expect((await call('PUT', '/holidays/xx/2027', year2027)).status).toBe(400);
    await call('PUT', '/holidays/id/2027', {
      ...year2027,
      collectiveLeave: [{ date: '2027-12-24', name: 'Cuti bersama Natal' }],
    });
    const rows = await getDb(env.DB).select().from(holidays).where(eq(holidays.setName, 'id'));
    expect(rows.map((r) => [r.date, r.kind]).sort()).toEqual([
      ['2027-01-01', 'national'],
      ['2027-12-24', 'collective_leave'],
    ]);
  });
});
