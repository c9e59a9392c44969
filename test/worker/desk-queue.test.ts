import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../shared/agent-schema';
import { addAgent, addOrganisation, makeDesk } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

const get = async <T>(token: string, path: string) => {
  const res = await exports.default.fetch(`http://api.test${path}`, { headers: bearer(token) });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
};
const list = async (token: string, query = '') =>
  (await get<{ tickets: TicketSummary[] }>(token, `/v1/tickets${query}`)).tickets;
const HOUR = 3_600_000;

/** A desk with two organisations and tickets interleaved in due order across them. */
async function deskWithTwoOrganisations() {
  const fx = await makeDesk();
  const other = await addOrganisation(fx.deskId, `${fx.slug}-b`);
  const a = { deskId: fx.deskId, organisationId: fx.organisationId };
  const b = { deskId: fx.deskId, organisationId: other.organisationId };
  // Fixed receipt times inside support hours (Monday 2 November 2026, 09:00 WIB, a working day):
  // tickets received outside hours would share the next opening as their due time, and the order
  // would then depend on the time of day the test runs.
  const base = Date.parse('2026-11-02T09:00:00+07:00');
  const t1 = await makeTicket(a, { severity: 1, createdAt: base, subject: 'Laporan penjualan error 500' });
  const t2 = await makeTicket(b, {
    severity: 1,
    createdAt: base + HOUR,
    subject: 'Login gagal untuk semua pengguna',
  });
  const t3 = await makeTicket(a, {
    severity: 2,
    createdAt: base + 2 * HOUR,
    subject: 'Ekspor CSV lambat',
    waitingOn: 'customer',
  });
  const t4 = await makeTicket(b, {
    severity: 4,
    createdAt: base + 3 * HOUR,
    subject: 'Pertanyaan tentang faktur',
  });
  return { fx, other, t1, t2, t3, t4 };
}

describe('the desk’s queue across organisations', () => {
  it('lists every organisation’s tickets in due order, each naming its organisation', async () => {
    const { fx, other, t1, t2, t3, t4 } = await deskWithTwoOrganisations();
    const rows = await list(fx.agentToken, '?sort=due');
    expect(rows.map((r) => r.id)).toEqual([t1.id, t2.id, t3.id, t4.id]);
    expect(rows.map((r) => r.organisation?.slug)).toEqual([fx.slug, other.slug, fx.slug, other.slug]);
    expect(rows[0]).toMatchObject({
      organisation: { id: fx.organisationId, name: `Organisation ${fx.slug}` },
      waitingOn: 'us',
    });
    // One number sequence per desk: numbers never repeat across organisations.
    expect(new Set(rows.map((r) => r.number)).size).toBe(4);
  });

  it('filters by organisation (slug or id, several), severity and several SLA states', async () => {
    const { fx, other, t1, t2, t3, t4 } = await deskWithTwoOrganisations();
    expect((await list(fx.agentToken, `?organisation=${other.slug}`)).map((r) => r.id)).toEqual([
      t2.id,
      t4.id,
    ]);
    expect(
      (await list(fx.agentToken, `?organisation=${fx.organisationId},${other.slug}`)).map((r) => r.id),
    ).toEqual([t1.id, t2.id, t3.id, t4.id]);
    expect(await list(fx.agentToken, '?organisation=nobody')).toEqual([]);
    expect((await list(fx.agentToken, `?severity=1&organisation=${fx.slug}`)).map((r) => r.id)).toEqual([
      t1.id,
    ]);
    const late = await list(fx.agentToken, '?sla=breached,at_risk');
    expect(late.map((r) => r.sla).every((s) => s === 'breached' || s === 'at_risk')).toBe(true);
    expect(late.map((r) => r.id)).toEqual(expect.arrayContaining([t1.id, t2.id]));
    expect((await list(fx.agentToken, '?waiting=customer')).map((r) => r.id)).toEqual([t3.id]);
    expect((await list(fx.agentToken, '?waiting=us')).map((r) => r.id)).toEqual([t1.id, t2.id, t4.id]);
  });

  it('finds tickets by words of subject and description (prefixes too), never another desk’s', async () => {
    const { fx, t1, t2 } = await deskWithTwoOrganisations();
    const theirs = await makeDesk();
    await makeTicket(theirs, { subject: 'Login gagal juga di sini' });
    expect((await list(fx.agentToken, '?q=login')).map((r) => r.id)).toEqual([t2.id]);
    expect((await list(fx.agentToken, '?q=penju')).map((r) => r.id)).toEqual([t1.id]);
    expect((await list(fx.agentToken, '?q=laporan%20500')).map((r) => r.id)).toEqual([t1.id]);
    // FTS syntax is never passed through: quotes and operators are just characters.
    expect(await list(fx.agentToken, '?q=%22login%22%20OR%20NEAR(')).toEqual([]);
    expect(await list(fx.agentToken, '?q=%2A%2A')).toEqual([]);
  });

  it('filters by assignee (me, none, an agent) and by the team a ticket was escalated to', async () => {
    const { fx, t1, t2, t3, t4 } = await deskWithTwoOrganisations();
    const sari = await addAgent(fx.deskId, 'Sari');
    const patch = (id: string, body: unknown) =>
      exports.default.fetch(`http://api.test/v1/tickets/${id}`, {
        method: 'PATCH',
        headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    await patch(t1.id, { assignee: 'me' });
    await patch(t2.id, { assignee: sari.agentId });
    expect((await list(fx.agentToken, '?assignee=me')).map((r) => r.id)).toEqual([t1.id]);
    expect((await list(sari.agentToken, '?assignee=me')).map((r) => r.id)).toEqual([t2.id]);
    expect((await list(fx.agentToken, '?assignee=none')).map((r) => r.id)).toEqual([t3.id, t4.id]);
    expect((await list(fx.agentToken, `?assignee=${sari.agentId}`))[0]).toMatchObject({
      id: t2.id,
      assigneeName: 'Sari',
    });
    await exports.default.fetch(`http://api.test/v1/tickets/${t3.id}/escalations`, {
      method: 'POST',
      headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ team: 'engineering', note: 'Ekspor lambat sejak rilis 3.2' }),
    });
    expect((await list(fx.agentToken, '?team=engineering')).map((r) => r.id)).toEqual([t3.id]);
    expect(await list(fx.agentToken, '?team=security')).toEqual([]);
  });

  it('shows the desk’s organisations with open counts, and its agents', async () => {
    const { fx, other } = await deskWithTwoOrganisations();
    await addAgent(fx.deskId, 'Sari', { role: 'lead', teams: ['support', 'security'] });
    const orgs = await get<{ organisations: { slug: string; openTickets: number; coverage: unknown[] }[] }>(
      fx.agentToken,
      '/v1/organisations',
    );
    expect(orgs.organisations.map((o) => [o.slug, o.openTickets])).toEqual([
      [fx.slug, 2],
      [other.slug, 2],
    ]);
    expect(orgs.organisations[0]?.coverage).toEqual([
      { severity: 1, businessMinutes: 120, ownCalendar: false },
      { severity: 2, businessMinutes: 240, ownCalendar: false },
      { severity: 3, businessMinutes: 540, ownCalendar: false },
      { severity: 4, businessMinutes: 1080, ownCalendar: false },
    ]);
    const agents = await get<{ agents: { name: string; role: string; teams: string[] }[] }>(
      fx.agentToken,
      '/v1/agents',
    );
    expect(agents.agents).toEqual([
      expect.objectContaining({ name: 'Ayu', role: 'agent', teams: ['support'] }),
      expect.objectContaining({ name: 'Sari', role: 'lead', teams: ['support', 'security'] }),
    ]);
  });
});
