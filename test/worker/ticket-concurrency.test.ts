import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { countRows } from './intake-helpers';
import { agentApi } from './ticket-api';
import { bearer } from './ticket-fixtures';

const etagOf = async (token: string, id: string) =>
  (await exports.default.fetch(`http://api.test/v1/tickets/${id}`, { headers: bearer(token) })).headers.get(
    'ETag',
  );

describe('PATCH /v1/tickets/{id}: optimistic concurrency (If-Match) and Idempotency-Key', () => {
  it('carries an ETag that changes with every update; a stale If-Match is 412 and writes nothing', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug, { receivedAt: new Date().toISOString() });
    const v1 = await etagOf(fx.agentToken, t.id);
    expect(v1).toBe('"v1"');
    const ok = await a.patch(t.id, { status: 'open' }, { 'If-Match': v1 as string });
    expect(ok.status).toBe(200);
    expect(ok.etag).toBe('"v2"');
    expect(await etagOf(fx.agentToken, t.id)).toBe('"v2"');
    const events = await countRows('ticket_events', `ticket_id = '${t.id}'`);
    const stale = await a.patch(t.id, { status: 'pending' }, { 'If-Match': v1 as string });
    expect(stale.status).toBe(412);
    expect(stale.body.error?.code).toBe('precondition_failed');
    expect(await countRows('ticket_events', `ticket_id = '${t.id}'`)).toBe(events);
    expect((await a.detail(t.id)).status).toBe('open');
    // A reply changes the ticket too: the ETag read before it is stale.
    await a.reply(t.id);
    expect((await a.patch(t.id, { status: 'pending' }, { 'If-Match': '"v2"' })).status).toBe(412);
  });

  it('lets exactly one of two concurrent PATCHes with the same If-Match win', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug, { receivedAt: new Date().toISOString() });
    const etag = (await etagOf(fx.agentToken, t.id)) as string;
    const results = await Promise.all([
      a.patch(t.id, { status: 'pending' }, { 'If-Match': etag }),
      a.patch(t.id, { status: 'resolved' }, { 'If-Match': etag }),
      a.patch(t.id, { assignee: 'me' }, { 'If-Match': etag }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    const changes = await countRows(
      'ticket_events',
      `ticket_id = '${t.id}' and type in ('status_changed', 'assignee_changed')`,
    );
    expect(changes).toBe(1);
    expect(await etagOf(fx.agentToken, t.id)).toBe('"v2"');
  });

  it('answers a retry with the same Idempotency-Key and body with 200 and writes nothing; another body is 409', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug, { receivedAt: new Date().toISOString() });
    const headers = { 'Idempotency-Key': 'patch-1', 'If-Match': '"v1"' };
    const first = await a.patch(t.id, { status: 'pending' }, headers);
    expect(first.status).toBe(200);
    const events = await countRows('ticket_events', `ticket_id = '${t.id}'`);
    // The retry's If-Match is stale by now, but it is the same request: a replay, not a 412.
    const again = await a.patch(t.id, { status: 'pending' }, headers);
    expect(again.status).toBe(200);
    expect(again.etag).toBe('"v2"');
    expect(await countRows('ticket_events', `ticket_id = '${t.id}'`)).toBe(events);
    expect(await countRows('ticket_patch_keys', `ticket_id = '${t.id}'`)).toBe(1);
    const other = await a.patch(t.id, { status: 'resolved' }, headers);
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('idempotency_conflict');
  });
});
