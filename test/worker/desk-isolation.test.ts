import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

/**
 * A desk never sees another desk's data: every agent route, called with desk A's token on desk B's
 * ticket (or filtering for B's organisation), answers 404 or an empty result and changes nothing.
 */
type Call = { name: string; method: string; path: (id: string, orgSlug: string) => string; body?: unknown };
const onTicket: Call[] = [
  { name: 'GET ticket', method: 'GET', path: (id) => `/v1/tickets/${id}` },
  { name: 'PATCH status', method: 'PATCH', path: (id) => `/v1/tickets/${id}`, body: { status: 'closed' } },
  {
    name: 'PATCH severity',
    method: 'PATCH',
    path: (id) => `/v1/tickets/${id}`,
    body: { severity: 1, reason: 'x' },
  },
  { name: 'POST reply', method: 'POST', path: (id) => `/v1/tickets/${id}/messages`, body: { body: 'hi' } },
  {
    name: 'POST note',
    method: 'POST',
    path: (id) => `/v1/tickets/${id}/messages`,
    body: { body: 'hi', public: false },
  },
  {
    name: 'POST escalation',
    method: 'POST',
    path: (id) => `/v1/tickets/${id}/escalations`,
    body: { team: 'security', note: 'n' },
  },
];

const call = (token: string, method: string, path: string, body?: unknown) =>
  exports.default.fetch(`http://api.test${path}`, {
    method,
    headers: { ...bearer(token), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('desk isolation across every agent route', () => {
  it.each(onTicket)("answers 404 for another desk's ticket: $name", async ({ method, path, body }) => {
    const a = await makeDesk();
    const b = await makeDesk();
    const theirs = await makeTicket(b);
    const res = await call(a.agentToken, method, path(theirs.id, b.slug), body);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    // Nothing changed on their side.
    const seen = (await (await call(b.agentToken, 'GET', `/v1/tickets/${theirs.id}`)).json()) as {
      status: string;
      severity: number;
      messages: unknown[];
      events: unknown[];
    };
    expect(seen).toMatchObject({ status: 'new', severity: 3, messages: [], events: [] });
  });

  it('lists, counts, reports and assigns only within the desk', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    await makeTicket(b);
    const listed = (await (await call(a.agentToken, 'GET', `/v1/tickets?organisation=${b.slug}`)).json()) as {
      tickets: unknown[];
    };
    expect(listed.tickets).toEqual([]);
    const all = (await (await call(a.agentToken, 'GET', '/v1/tickets')).json()) as { tickets: unknown[] };
    expect(all.tickets).toEqual([]);
    const orgs = (await (await call(a.agentToken, 'GET', '/v1/organisations')).json()) as {
      organisations: { slug: string }[];
    };
    expect(orgs.organisations.map((o) => o.slug)).toEqual([a.slug]);
    const agents = (await (await call(a.agentToken, 'GET', '/v1/agents')).json()) as {
      agents: { id: string }[];
    };
    expect(agents.agents.map((x) => x.id)).toEqual([a.agentId]);
    const report = await call(
      a.agentToken,
      'GET',
      `/v1/reports/sla?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z&organisation=${b.slug}`,
    );
    expect(report.status).toBe(404);
    const mine = await makeTicket(a);
    const assign = await call(a.agentToken, 'PATCH', `/v1/tickets/${mine.id}`, { assignee: b.agentId });
    expect(assign.status).toBe(400);
    const move = await call(a.agentToken, 'PATCH', `/v1/tickets/${mine.id}`, {
      organisation: b.slug,
      reason: 'x',
    });
    expect(move.status).toBe(400);
  });
});
